import { RECORD_KEY, RECORD_SCHEMA, type IdentityRecord } from "../model/record";
import { shorten } from "./document-reading";
import { isObject } from "./iam-policy-json";

/** What a resource's `"//"` comment object holds: cdktf metadata and possibly our record. */
export interface CommentBlock {
  readonly constructPath?: string;
  readonly record?: IdentityRecord;
  /** Set when a record is present but not well-formed (it is then ignored, and reported). */
  readonly malformedRecord?: string;
  /** The id a malformed record states, when it states one (untrusted text). */
  readonly malformedRecordId?: string;
}

/** Reads `"//": {"metadata": {"path": ...}, "cdktf-workload-identity": {...}}` of one resource. */
export function readCommentBlock(resource: unknown): CommentBlock {
  if (!isObject(resource)) return {};
  const comment = resource["//"];
  if (!isObject(comment)) return {};
  const metadata = comment.metadata;
  const constructPath = isObject(metadata) && typeof metadata.path === "string" ? metadata.path : undefined;
  const raw = comment[RECORD_KEY];
  const base = constructPath ? { constructPath } : {};
  if (raw === undefined) return base;
  const problem = recordProblem(raw);
  if (problem) {
    const id = isObject(raw) && typeof raw.id === "string" && raw.id !== "" ? raw.id : undefined;
    return { ...base, malformedRecord: problem, ...(id !== undefined ? { malformedRecordId: id } : {}) };
  }
  return { ...base, record: raw as unknown as IdentityRecord };
}

type Check = (value: unknown, at: string) => string | undefined;

const text: Check = (value, at) => (typeof value === "string" ? undefined : `${at} is not a string`);
const optional =
  (check: Check): Check =>
  (value, at) =>
    value === undefined ? undefined : check(value, at);
const listOf =
  (check: Check): Check =>
  (value, at) => {
    if (!Array.isArray(value)) return `${at} is not a list`;
    for (let i = 0; i < value.length; i++) {
      const problem = check(value[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
const mapOf =
  (check: Check): Check =>
  (value, at) => {
    if (!isObject(value)) return `${at} is not an object`;
    for (const [key, item] of Object.entries(value)) {
      const problem = check(item, `${at}.${shorten(key, 40)}`);
      if (problem) return problem;
    }
    return undefined;
  };
const shape =
  (fields: Readonly<Record<string, Check>>): Check =>
  (value, at) => {
    if (!isObject(value)) return `${at} is not an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(Object.hasOwn(value, key) ? value[key] : undefined, at ? `${at}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  };

const owner = shape({ team: text, contact: text });
const approval = shape({ name: text, reference: text, expiresOn: optional(text) });

/** Every field the graph, the rules and the reports read, with its type ({@link IdentityRecord}). */
const RECORD_SHAPE = shape({
  id: text,
  description: text,
  owner,
  approver: approval,
  secretsApprover: optional(approval),
  ttlSeconds: (value, at) =>
    typeof value === "number" && Number.isFinite(value) ? undefined : `${at} is not a number`,
  issuer: shape({ kind: text, url: text, constructPath: text, owner }),
  subject: shape({ kind: text, value: text, patternReason: optional(text) }),
  audiences: shape({ aws: optional(listOf(text)), vault: optional(listOf(text)) }),
  scope: shape({
    aws: listOf(
      shape({
        actions: listOf(text),
        resources: listOf(text),
        conditions: optional(mapOf(mapOf(listOf(text)))),
      }),
    ),
    vault: listOf(shape({ path: text, capabilities: listOf(text) })),
  }),
  suppressions: listOf(shape({ ruleId: text, reason: text, approver: text, expiresOn: text })),
});

/**
 * What is wrong with a record, or undefined when every field has its type. The record is
 * untrusted input (anyone editing the file in a PR can change it), so nothing reads it unchecked.
 */
export function recordProblem(raw: unknown): string | undefined {
  if (!isObject(raw)) return "the record is not an object";
  if (raw.schema !== RECORD_SCHEMA)
    return `unsupported record schema ${JSON.stringify(shorten(String(raw.schema), 60))}`;
  if (typeof raw.id !== "string" || raw.id === "") return "the record has no id";
  const problem = RECORD_SHAPE(raw, "");
  return problem ? `the record's ${problem}` : undefined;
}
