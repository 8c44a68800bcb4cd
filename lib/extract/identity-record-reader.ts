import { RECORD_KEY, RECORD_SCHEMA, type IdentityRecord } from "../model/record";
import { isObject } from "./iam-policy-json";

/** What a resource's `"//"` comment object holds: cdktf metadata and possibly our record. */
export interface CommentBlock {
  readonly constructPath?: string;
  readonly record?: IdentityRecord;
  /** Set when a record is present but not well-formed (it is then ignored, and a note says so). */
  readonly malformedRecord?: string;
}

/** Reads `"//": {"metadata": {"path": ...}, "cdktf-workload-identity": {...}}` of one resource. */
export function readCommentBlock(resource: unknown): CommentBlock {
  if (!isObject(resource)) return {};
  const comment = resource["//"];
  if (!isObject(comment)) return {};
  const metadata = comment.metadata;
  const constructPath = isObject(metadata) && typeof metadata.path === "string" ? metadata.path : undefined;
  const raw = comment[RECORD_KEY];
  if (raw === undefined) return constructPath ? { constructPath } : {};
  const problem = recordProblem(raw);
  if (problem) return { ...(constructPath ? { constructPath } : {}), malformedRecord: problem };
  return { ...(constructPath ? { constructPath } : {}), record: raw as IdentityRecord };
}

/** Shape checks on the fields the graph and the rules read; the record is untrusted input. */
function recordProblem(raw: unknown): string | undefined {
  if (!isObject(raw)) return "the record is not an object";
  if (raw.schema !== RECORD_SCHEMA) return `unsupported record schema ${JSON.stringify(raw.schema)}`;
  if (typeof raw.id !== "string" || raw.id === "") return "the record has no id";
  for (const key of ["owner", "approver", "issuer", "subject", "scope", "audiences"]) {
    if (!isObject(raw[key])) return `the record's ${key} is not an object`;
  }
  if (typeof raw.ttlSeconds !== "number") return "the record's ttlSeconds is not a number";
  if (!Array.isArray(raw.suppressions)) return "the record's suppressions is not a list";
  const scope = raw.scope as Record<string, unknown>;
  if (!Array.isArray(scope.aws) || !Array.isArray(scope.vault))
    return "the record's scope.aws/scope.vault are not lists";
  return undefined;
}
