import type { TerraformStack } from "cdktf";
import { overriddenKeys, replaceElementJson } from "../enforcement/cdktf-synth-adapter";
import { emptyRecord } from "../model/lookup-table";
import type { ITerraformBlock } from "./terraform-block";
import { terraformCore } from "./terraform-core";

/**
 * Literal values of our resources skip cdktf's token resolution (issue 11, synth CPU).
 *
 * cdktf resolves a stack three times over (once to prepare it, once per resource, once for the
 * whole stack: cdktf 0.21 `TerraformStack.prepareStack` and `toTerraform`), and every value costs
 * it a resolution context and several regular expressions. A value without tokens comes out of
 * that unchanged: a string without a token marker or a number token, a plain number, a boolean,
 * null, and lists and maps of those (without their unset entries). Such values of the resources
 * the constructs emit (attributes, overrides, cdktf's `"//"` metadata) are taken out of each
 * resource's JSON before cdktf resolves it and put back, as they are, into the stack's resolved
 * JSON: the written JSON is the same, byte for byte. The values stay on the provider objects, so
 * getters, aspects and escape hatches see and change them as usual; a resource's JSON is split
 * again at every resolution, after cdktf merged its overrides.
 *
 * Only while a stack is resolved by the enforcement's own `toTerraform` (which puts the values back)
 * or prepared (whose result cdktf discards; literals hold no cross-stack references); elsewhere, a
 * resource's `toTerraform()` is cdktf's. A stack with overrides of its own (merged over the
 * resources' JSON after this split) is left to cdktf entirely.
 */

type Phase = "preparing" | "writing";

interface WithheldBlock {
  readonly block: ITerraformBlock;
  /** The literal values taken out in the current writing resolution, by the resource's logical id. */
  held?: { readonly id: string; readonly values: Record<string, unknown> };
}

interface StackLiterals {
  phase?: Phase;
  readonly blocks: WithheldBlock[];
}

const LITERALS = Symbol.for("cdktf-workload-identity.literalAttributes");
type StackWithLiterals = TerraformStack & { [LITERALS]?: StackLiterals };
type ResourceJson = { resource?: Record<string, Record<string, Record<string, unknown>> | undefined> };

/** Lets the literal values of `block` (a resource) skip cdktf's resolution of its stack. */
export function withholdLiterals(block: ITerraformBlock): void {
  const stack = terraformCore().TerraformStack.of(block) as StackWithLiterals;
  const literals = (stack[LITERALS] ??= { blocks: [] });
  const entry: WithheldBlock = { block };
  literals.blocks.push(entry);
  replaceElementJson(block, (json) => {
    entry.held = undefined;
    const phase = literals.phase;
    if (phase === undefined || overriddenKeys(stack).length > 0) return json;
    // A moved resource has no body (cdktf writes only its `moved` block).
    const bodies = (json as ResourceJson).resource?.[block.terraformResourceType];
    if (bodies === undefined) return json;
    for (const id of Object.keys(bodies)) {
      const split = splitLiterals(bodies[id]);
      bodies[id] = split.rest;
      if (phase === "writing") entry.held = { id, values: split.literals };
    }
    return json;
  });
}

/** Runs `resolution` (cdktf preparing or resolving `stack`) with its literal attributes withheld. */
export function withLiteralsWithheld<T>(stack: TerraformStack, phase: Phase, resolution: () => T): T {
  const literals = (stack as StackWithLiterals)[LITERALS];
  if (literals === undefined) return resolution();
  const outer = literals.phase;
  literals.phase = phase;
  try {
    return resolution();
  } finally {
    literals.phase = outer;
  }
}

/**
 * Puts the literal attributes withheld while `stack` was resolved back into its resolved JSON (in
 * place), each under the name cdktf wrote its resource under.
 */
export function embedWithheldLiterals(stack: TerraformStack, json: Record<string, unknown>): void {
  const literals = (stack as StackWithLiterals)[LITERALS];
  if (literals === undefined) return;
  const resources = json.resource as Record<string, Record<string, Record<string, unknown>>> | undefined;
  for (const entry of literals.blocks) {
    const held = entry.held;
    if (held === undefined) continue;
    entry.held = undefined;
    // A resource removed from the tree after its JSON was made is absent.
    const body = resources?.[entry.block.terraformResourceType]?.[held.id];
    if (body === undefined) continue;
    for (const key in held.values) body[key] = held.values[key];
  }
}

/** Marks a value that cdktf's resolution could change. */
const NOT_LITERAL = Symbol("not literal");
/** Deeper values are left to cdktf (its own limit is 200 levels). */
const MAX_LITERAL_DEPTH = 16;

/**
 * A resource's JSON split into the values cdktf's resolution returns unchanged and the rest; unset
 * values are dropped (resolution drops them too).
 */
function splitLiterals(body: Record<string, unknown>): {
  literals: Record<string, unknown>;
  rest: Record<string, unknown>;
} {
  const literals = emptyRecord<unknown>();
  const rest = emptyRecord<unknown>();
  for (const key of Object.keys(body)) {
    const value = body[key];
    if (key === "__proto__" || !isLiteralText(key)) rest[key] = value;
    else if (value === undefined) continue;
    else {
      const literal = literalValue(value, 0);
      if (literal === NOT_LITERAL) rest[key] = value;
      else literals[key] = literal;
    }
  }
  return { literals, rest };
}

/**
 * `value` as cdktf's resolution would return it when that is certain without resolving it (lists
 * and maps copied without unset entries), else NOT_LITERAL.
 */
function literalValue(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case "string":
      return isLiteralText(value) ? value : NOT_LITERAL;
    case "boolean":
      return value;
    case "number":
      // Number tokens are doubles of magnitude around 1e289; plain integers are never one.
      return Number.isSafeInteger(value) ? value : NOT_LITERAL;
    case "object":
      break;
    default:
      return NOT_LITERAL;
  }
  if (value === null) return null;
  if (depth >= MAX_LITERAL_DEPTH) return NOT_LITERAL;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const element of value) {
      if (element === undefined) continue;
      const literal = literalValue(element, depth + 1);
      if (literal === NOT_LITERAL) return NOT_LITERAL;
      copy.push(literal);
    }
    return copy;
  }
  // Only plain objects: anything else may be resolvable (a token, a dynamic block, an iterator).
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return NOT_LITERAL;
  const copy = emptyRecord<unknown>();
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map)) {
    // cdktf builds its maps with `{}`, where this key would set the prototype: its own result then.
    if (key === "__proto__" || !isLiteralText(key)) return NOT_LITERAL;
    const entry = map[key];
    if (entry === undefined) continue;
    const literal = literalValue(entry, depth + 1);
    if (literal === NOT_LITERAL) return NOT_LITERAL;
    copy[key] = literal;
  }
  return copy;
}

/**
 * True when cdktf's string resolution cannot change `text`: it holds no string, list or map token
 * (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) and no number token. A number token is a double of
 * magnitude about 1e289, which JavaScript writes with an exponent `e+`; cdktf's number pattern
 * also matches other numbers (`2e5`), but keeps any match that is not a token as it is.
 */
function isLiteralText(text: string): boolean {
  return !text.includes("TfToken[") && !text.includes("e+");
}
