import type { TerraformStack } from "cdktf";
import { RECORD_KEY, writtenRecord, type IdentityRecord } from "../model/record";
import type { ITerraformBlock } from "./terraform-block";
import { terraformCore } from "./terraform-core";
import { withReferencesResolved } from "./token-names";

const CARRIED = Symbol.for("cdktf-workload-identity.carriedRecords");

interface Carried {
  readonly resource: ITerraformBlock;
  readonly record: IdentityRecord;
}
type StackWithRecords = TerraformStack & { [CARRIED]?: Carried[] };

/**
 * Marks `resource` as the one carrier of an identity's record: the record is written once, under
 * the resource's `"//"` (which Terraform ignores), by {@link embedCarriedRecords}. It is plain data,
 * so it is added to the stack's JSON after cdktf resolved it rather than through an override:
 * cdktf's token resolver would otherwise walk it in every preparation and resolution of the stack.
 */
export function carryRecord(resource: ITerraformBlock, record: IdentityRecord): void {
  const stack = terraformCore().TerraformStack.of(resource) as StackWithRecords;
  (stack[CARRIED] ??= []).push({ resource, record });
}

/**
 * Writes the records carried by resources of `stack` into its resolved JSON (in place), as the
 * constructs' own record objects: the synth-time evaluation reads them without a copy. The JSON is
 * written with {@link recordsAsText} applied.
 */
export function embedCarriedRecords(stack: TerraformStack, json: Record<string, unknown>): void {
  for (const [body, record] of carriers(stack, json))
    body["//"] = {
      ...(body["//"] as Record<string, unknown> | undefined),
      [RECORD_KEY]: withReferencesResolved(stack, record),
    };
}

/**
 * Replaces each record {@link embedCarriedRecords} put into `json` by its written form, one JSON
 * text ({@link writtenRecord}), which the reader parses back to an equal record.
 */
export function recordsAsText(stack: TerraformStack, json: Record<string, unknown>): void {
  for (const [body] of carriers(stack, json)) {
    const comment = body["//"] as Record<string, unknown> | undefined;
    const embedded = comment?.[RECORD_KEY];
    // The "//" object holding a record object is the one embedCarriedRecords made.
    if (comment !== undefined && typeof embedded === "object" && embedded !== null)
      comment[RECORD_KEY] = writtenRecord(embedded as IdentityRecord);
  }
}

/** The JSON body of each resource of `stack` carrying a record, with the record. */
function* carriers(
  stack: TerraformStack,
  json: Record<string, unknown>,
): Generator<[Record<string, unknown>, IdentityRecord]> {
  const carried = (stack as StackWithRecords)[CARRIED];
  if (carried === undefined) return;
  const resources = json.resource as Record<string, Record<string, Record<string, unknown>>> | undefined;
  for (const { resource, record } of carried) {
    // The name cdktf writes the block under (an overridden logical id included).
    const body = resources?.[resource.terraformResourceType]?.[resource.friendlyUniqueId];
    // A resource removed from the tree after it was created is not in the JSON: nothing to carry.
    if (body !== undefined) yield [body, record];
  }
}
