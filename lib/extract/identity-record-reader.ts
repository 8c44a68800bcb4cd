import { RECORD_KEY, RECORD_SCHEMA, type IdentityRecord } from "../model/record";
import { shorten } from "./document-reading";
import { isObject } from "./iam-policy-json";
import { quote } from "../model/unsafe-text";
import { MAX_NESTING_DEPTH, tooDeepPath } from "../model/json-depth";

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
  const written = comment[RECORD_KEY];
  if (written === undefined) return constructPath ? { constructPath } : {};
  // The constructs write the record as one JSON text (lib/model/record.ts); output of earlier
  // versions holds it as an object. Both are read, and checked alike.
  const decoded = typeof written === "string" ? decodeRecord(written) : { raw: written };
  const base = constructPath ? { constructPath } : {};
  if ("problem" in decoded) return { ...base, malformedRecord: decoded.problem };
  const raw = decoded.raw;
  const problem = recordProblem(raw);
  if (problem) {
    const id = isObject(raw) && typeof raw.id === "string" && raw.id !== "" ? raw.id : undefined;
    return { ...base, malformedRecord: problem, ...(id !== undefined ? { malformedRecordId: id } : {}) };
  }
  const record = raw as unknown as IdentityRecord;
  return constructPath ? { constructPath, record } : { record };
}

/**
 * The record a JSON text holds. The text is untrusted: nested beyond the documents' limit, it is
 * refused like a document would be (nothing walks it).
 */
function decodeRecord(text: string): { raw: unknown } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: "the record is not valid JSON" };
  }
  if (tooDeepPath(raw, MAX_NESTING_DEPTH) !== undefined)
    return { problem: `the record nests deeper than ${MAX_NESTING_DEPTH} levels` };
  return { raw };
}

/**
 * What is wrong with a value: the steps from it down to the wrong field (`.owner`, `[2]`), in
 * order, and what is wrong there. The steps are written only for a record that fails (most pass).
 */
interface Problem {
  readonly steps: string[];
  readonly what: string;
}
type Check = (value: unknown) => Problem | undefined;

function failure(what: string): Problem {
  return { steps: [], what };
}
function below(step: string, problem: Problem): Problem {
  problem.steps.unshift(step);
  return problem;
}

const text: Check = (value) => (typeof value === "string" ? undefined : failure("is not a string"));
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined ? undefined : check(value);
const listOf =
  (check: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return failure("is not a list");
    for (let i = 0; i < value.length; i++) {
      const problem = check(value[i]);
      if (problem) return below(`[${i}]`, problem);
    }
    return undefined;
  };
const mapOf =
  (check: Check): Check =>
  (value) => {
    if (!isObject(value)) return failure("is not an object");
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const problem = check(value[key]);
      if (problem) return below(`.${shorten(key, 40)}`, problem);
    }
    return undefined;
  };
const shape = (fields: Readonly<Record<string, Check>>): Check => {
  // Two flat lists read by index: every record of every resource goes through here.
  const keys = Object.keys(fields);
  const checks = keys.map((key) => fields[key]);
  return (value) => {
    if (!isObject(value)) return failure("is not an object");
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const problem = checks[i](Object.hasOwn(value, key) ? value[key] : undefined);
      if (problem) return below(`.${key}`, problem);
    }
    return undefined;
  };
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
  ttlSeconds: (value) =>
    typeof value === "number" && Number.isFinite(value) ? undefined : failure("is not a number"),
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
  declaredAt: optional((value) =>
    isRepositoryPosition(value) ? undefined : failure("is not a relative file:line"),
  ),
});

/**
 * `path/to/file.ts:12`: relative, no `..` segment, no drive letter or URL scheme, printable. A
 * record is untrusted; this keeps a hand-edited one from pointing reports outside the repository.
 */
function isRepositoryPosition(value: unknown): boolean {
  if (typeof value !== "string" || value.length > 1024) return false;
  // eslint-disable-next-line no-control-regex
  const match = /^([^\u0000-\u001f\u007f:\\]+):([1-9]\d{0,8})$/.exec(value);
  if (!match) return false;
  const segments = match[1].split("/");
  return !match[1].startsWith("/") && segments.every((s) => s !== "" && s !== "." && s !== "..");
}

/**
 * What is wrong with a record, or undefined when every field has its type. The record is
 * untrusted input (anyone editing the file in a PR can change it), so nothing reads it unchecked.
 */
export function recordProblem(raw: unknown): string | undefined {
  if (!isObject(raw)) return "the record is not an object";
  if (raw.schema !== RECORD_SCHEMA)
    return `unsupported record schema ${quote(shorten(String(raw.schema), 60))}`;
  if (typeof raw.id !== "string" || raw.id === "") return "the record has no id";
  const problem = RECORD_SHAPE(raw);
  return problem ? `the record's ${problem.steps.join("").slice(1)} ${problem.what}` : undefined;
}
