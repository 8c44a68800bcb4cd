import type {
  MaybeDocument,
  PolicyCondition,
  PolicyDocument,
  PolicyPrincipal,
  PolicyStatement,
  PrincipalType,
} from "../model/iam-policy";
import { unknown } from "../model/unknown";
import { MAX_NESTING_DEPTH, tooDeepPath } from "../model/json-depth";
import { oversizedStatementValue } from "../model/pattern-limits";
import { quote } from "../model/unsafe-text";

/**
 * Normalises IAM policy JSON (identity, trust or resource policy) into a {@link PolicyDocument}.
 * IAM accepts a single value wherever a list is allowed; everything becomes a list of strings here.
 * Anything that is not the documented shape yields an Unknown with the reason, never a partial
 * document that would look cleaner than the real one.
 */
export function parsePolicyJson(text: string): MaybeDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const hint = text.includes("${") ? " (it contains Terraform expressions that could not be resolved)" : "";
    return unknown(`policy is not valid JSON${hint}: ${(error as Error).message}`);
  }
  const tooDeep = tooDeepPath(parsed);
  if (tooDeep !== undefined)
    return unknown(`policy nests deeper than ${MAX_NESTING_DEPTH} levels at ${tooDeep}`);
  return normalisePolicy(parsed);
}

/** Normalises an already parsed policy object. */
export function normalisePolicy(value: unknown): MaybeDocument {
  if (!isObject(value)) return unknown(`policy is not a JSON object (got ${describe(value)})`);
  const raw = value.Statement;
  if (raw === undefined) return unknown("policy has no Statement");
  // Each statement is written over its raw value in a list of exactly their number (the graph
  // keeps it; pushing one by one would reserve room for 17, and most policies hold one or two).
  const statements: unknown[] = Array.isArray(raw) ? raw.slice() : [raw];
  for (let index = 0; index < statements.length; index++) {
    const statement = normaliseStatement(statements[index]);
    const problem = typeof statement === "string" ? statement : oversizedStatementValue(statement);
    if (problem !== undefined) return unknown(`Statement ${index + 1}: ${problem}`);
    statements[index] = statement;
  }
  return { statements: statements as PolicyStatement[] };
}

const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

/** One statement, or the reason it cannot be read. */
function normaliseStatement(value: unknown): PolicyStatement | string {
  if (!isObject(value)) return `statement is not an object (got ${describe(value)})`;
  const effect = value.Effect;
  if (effect !== "Allow" && effect !== "Deny")
    return `Effect must be "Allow" or "Deny" (got ${describe(effect)})`;
  const actions = stringList(value.Action);
  if (actions === undefined) return "Action must be a string or a list of strings";
  const notActions = stringList(value.NotAction);
  if (notActions === undefined) return "NotAction must be a string or a list of strings";
  const resources = stringList(value.Resource);
  if (resources === undefined) return "Resource must be a string or a list of strings";
  const notResources = stringList(value.NotResource);
  if (notResources === undefined) return "NotResource must be a string or a list of strings";
  const principals = principalList(value.Principal);
  if (typeof principals === "string") return `Principal ${principals}`;
  const notPrincipals = principalList(value.NotPrincipal);
  if (typeof notPrincipals === "string") return `NotPrincipal ${notPrincipals}`;
  const conditions = conditionList(value.Condition);
  if (typeof conditions === "string") return `Condition ${conditions}`;
  const sid = value.Sid;
  // Two literal shapes rather than a spread: `sid` stays the first key when present.
  return typeof sid === "string" && sid !== ""
    ? { sid, effect, actions, notActions, resources, notResources, principals, notPrincipals, conditions }
    : { effect, actions, notActions, resources, notResources, principals, notPrincipals, conditions };
}

/** IAM scalars are strings; numbers and booleans appear in conditions and are kept as their text. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/**
 * The list of an element a statement does not have (most have no NotAction, NotResource,
 * NotPrincipal, and identity policies no Principal or Condition): one list for all, frozen. Safe
 * because nothing writes into a document's lists but resolveDocumentStringsInPlace, which only
 * replaces items a list has; were anything to push, it would throw rather than leak into others.
 */
const NONE: readonly never[] = Object.freeze([]);

/** A string or list of scalars as a list of strings; undefined when the shape is wrong. */
function stringList(value: unknown): readonly string[] | undefined {
  if (value === undefined || value === null) return NONE;
  if (!Array.isArray(value)) {
    const text = scalarText(value);
    return text === undefined ? undefined : [text];
  }
  // Nearly every list holds only strings: a copy of exactly its length (pushing one by one would
  // reserve room for 17 items a first time, and most lists hold one).
  if (allStrings(value)) return value.slice() as string[];
  const texts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const text = scalarText(value[i]);
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts;
}

function allStrings(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== "string") return false;
  return true;
}

function principalList(value: unknown): readonly PolicyPrincipal[] | string {
  if (value === undefined || value === null) return NONE;
  if (value === "*") return [{ type: "*", values: ["*"] }];
  if (!isObject(value)) return `must be "*" or an object (got ${describe(value)})`;
  // Made with its first principal (most statements name one type): a list pushed to from empty
  // reserves room for 17.
  let principals: PolicyPrincipal[] | undefined;
  // Own keys in order, without a list of them (for...in lists own keys first, then inherited ones).
  for (const type in value) {
    if (!Object.hasOwn(value, type)) continue;
    if (!PRINCIPAL_TYPES.has(type)) return `has an unsupported type ${quote(type)}`;
    const values = stringList(value[type]);
    if (values === undefined) return `${type} must be a string or a list of strings`;
    const principal: PolicyPrincipal = { type: type as PrincipalType, values };
    if (principals === undefined) principals = [principal];
    else principals.push(principal);
  }
  return principals ?? NONE;
}

function conditionList(value: unknown): readonly PolicyCondition[] | string {
  if (value === undefined || value === null) return NONE;
  if (!isObject(value)) return `must be an object (got ${describe(value)})`;
  const conditions: PolicyCondition[] = [];
  for (const operator in value) {
    if (!Object.hasOwn(value, operator)) continue;
    const block = value[operator];
    if (!isObject(block)) return `${operator} must map condition keys to values`;
    for (const key in block) {
      if (!Object.hasOwn(block, key)) continue;
      const values = stringList(block[key]);
      if (values === undefined) return `${operator}.${key} must be a string or a list of strings`;
      conditions.push({ operator, key, values });
    }
  }
  // The graph keeps the list: a copy of exactly its length (a list pushed to reserves room for 17,
  // and trust statements hold two conditions or more).
  return conditions.length === 0 ? NONE : conditions.slice();
}

/**
 * Applies `transform` to every string of a document that contains a `{` (used to substitute
 * resolved references: text without a brace has no `${...}`), in place. Only for a document
 * {@link normalisePolicy} or {@link parsePolicyJson} has just returned, which nothing else holds:
 * its lists are its own (never the input's), and most policies have no brace, so copying them
 * would be for nothing.
 */
export function resolveDocumentStringsInPlace<C>(
  document: PolicyDocument,
  transform: Transform<C>,
  /** Passed to `transform`, so a caller needs no closure per document. */
  context?: C,
): void {
  const use = context as C;
  // Indexed loops: this runs unoptimized for every policy, where each iterator step allocates.
  const statements = document.statements;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    resolveList(s.actions, transform, use);
    resolveList(s.notActions, transform, use);
    resolveList(s.resources, transform, use);
    resolveList(s.notResources, transform, use);
    resolvePrincipals(s.principals, transform, use);
    resolvePrincipals(s.notPrincipals, transform, use);
    const conditions = s.conditions;
    for (let c = 0; c < conditions.length; c++) {
      const condition = conditions[c] as Mutable<PolicyCondition>;
      if (condition.key.includes("{")) condition.key = transform(condition.key, use);
      resolveList(condition.values, transform, use);
    }
  }
}

type Transform<C> = (value: string, context: C) => string;

function resolvePrincipals<C>(
  principals: readonly PolicyPrincipal[],
  transform: Transform<C>,
  context: C,
): void {
  for (let i = 0; i < principals.length; i++) resolveList(principals[i].values, transform, context);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function resolveList<C>(values: readonly string[], transform: Transform<C>, context: C): void {
  const list = values as string[];
  for (let i = 0; i < list.length; i++) if (list[i].includes("{")) list[i] = transform(list[i], context);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return typeof value === "string" ? quote(value) : String(value);
}
