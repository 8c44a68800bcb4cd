import type {
  MaybeDocument,
  PolicyCondition,
  PolicyDocument,
  PolicyPrincipal,
  PolicyStatement,
  PrincipalType,
} from "../model/iam-policy";
import { unknown } from "../model/unknown";
import { emptyRecord } from "../model/lookup-table";
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
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: PolicyStatement[] = [];
  for (const [index, entry] of list.entries()) {
    const statement = normaliseStatement(entry);
    const problem = typeof statement === "string" ? statement : oversizedStatementValue(statement);
    if (problem !== undefined) return unknown(`Statement ${index + 1}: ${problem}`);
    statements.push(statement as PolicyStatement);
  }
  return { statements };
}

const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

/** One statement, or the reason it cannot be read. */
function normaliseStatement(value: unknown): PolicyStatement | string {
  if (!isObject(value)) return `statement is not an object (got ${describe(value)})`;
  const effect = value.Effect;
  if (effect !== "Allow" && effect !== "Deny")
    return `Effect must be "Allow" or "Deny" (got ${describe(effect)})`;
  const fields = emptyRecord<string[]>();
  for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
    const list = stringList(value[key]);
    if (list === undefined) return `${key} must be a string or a list of strings`;
    fields[key] = list;
  }
  const principals = principalList(value.Principal);
  if (typeof principals === "string") return `Principal ${principals}`;
  const notPrincipals = principalList(value.NotPrincipal);
  if (typeof notPrincipals === "string") return `NotPrincipal ${notPrincipals}`;
  const conditions = conditionList(value.Condition);
  if (typeof conditions === "string") return `Condition ${conditions}`;
  const sid = value.Sid;
  return {
    ...(typeof sid === "string" && sid !== "" ? { sid } : {}),
    effect,
    actions: fields.Action,
    notActions: fields.NotAction,
    resources: fields.Resource,
    notResources: fields.NotResource,
    principals,
    notPrincipals,
    conditions,
  };
}

/** IAM scalars are strings; numbers and booleans appear in conditions and are kept as their text. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A string or list of scalars as a list of strings; undefined when the shape is wrong. */
function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const texts: string[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts;
}

function principalList(value: unknown): PolicyPrincipal[] | string {
  if (value === undefined || value === null) return [];
  if (value === "*") return [{ type: "*", values: ["*"] }];
  if (!isObject(value)) return `must be "*" or an object (got ${describe(value)})`;
  const principals: PolicyPrincipal[] = [];
  for (const [type, raw] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type)) return `has an unsupported type ${quote(type)}`;
    const values = stringList(raw);
    if (values === undefined) return `${type} must be a string or a list of strings`;
    principals.push({ type: type as PrincipalType, values });
  }
  return principals;
}

function conditionList(value: unknown): PolicyCondition[] | string {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) return `must be an object (got ${describe(value)})`;
  const conditions: PolicyCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) return `${operator} must map condition keys to values`;
    for (const [key, raw] of Object.entries(block)) {
      const values = stringList(raw);
      if (values === undefined) return `${operator}.${key} must be a string or a list of strings`;
      conditions.push({ operator, key, values });
    }
  }
  return conditions;
}

/** Applies `transform` to every string of a document (used to substitute resolved references). */
export function mapDocumentStrings(
  document: PolicyDocument,
  transform: (value: string) => string,
): PolicyDocument {
  const list = (values: readonly string[]) => values.map(transform);
  const principals = (values: readonly PolicyPrincipal[]) =>
    values.map((p) => ({ type: p.type, values: list(p.values) }));
  return {
    statements: document.statements.map((s) => ({
      ...s,
      actions: list(s.actions),
      notActions: list(s.notActions),
      resources: list(s.resources),
      notResources: list(s.notResources),
      principals: principals(s.principals),
      notPrincipals: principals(s.notPrincipals),
      conditions: s.conditions.map((c) => ({
        operator: c.operator,
        key: transform(c.key),
        values: list(c.values),
      })),
    })),
  };
}

/** True when `test` holds for some string of a document (the strings {@link mapDocumentStrings} maps). */
export function someDocumentString(document: PolicyDocument, test: (value: string) => boolean): boolean {
  const any = (values: readonly string[]) => values.some(test);
  return document.statements.some(
    (s) =>
      any(s.actions) ||
      any(s.notActions) ||
      any(s.resources) ||
      any(s.notResources) ||
      s.principals.some((p) => any(p.values)) ||
      s.notPrincipals.some((p) => any(p.values)) ||
      s.conditions.some((c) => test(c.key) || any(c.values)),
  );
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
