import type {
  MaybeDocument,
  PolicyCondition,
  PolicyPrincipal,
  PolicyStatement,
  PrincipalType,
} from "../model/iam-policy";
import { InputError } from "../errors/input-errors";
import { hasInterpolation, isUnknown, unknown } from "../model/unknown";
import { blockPaths, stringAt, unknownAt } from "./attribute-values";
import { plannedOidcProviderArn, shorten } from "./document-reading";
import { isObject, normalisePolicy, parsePolicyJson, resolveDocumentStringsInPlace } from "./iam-policy-json";
import type { AttributePath, ResourceView } from "./resource-view";
import { emptyRecord } from "../model/lookup-table";
import { oversizedStatementValue } from "../model/pattern-limits";
import { appendAll } from "../model/append-all";
import { quote } from "../model/unsafe-text";

const POLICY_DOCUMENT = "aws_iam_policy_document";
/** A value that is one Terraform expression, e.g. `${data.x.y.json}` or `${jsonencode({...})}`. */
const WHOLE_INTERPOLATION = /^\$\{[\s\S]*\}$/;
const MERGED_DOCUMENTS = [
  "source_json",
  "override_json",
  "source_policy_documents",
  "override_policy_documents",
];
const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(["AWS", "Service", "Federated", "CanonicalUser", "*"]);

export interface PolicyValue {
  readonly document: MaybeDocument;
  /** Addresses of `data.aws_iam_policy_document` the document came from. */
  readonly sources: string[];
  /** The same data sources as views. */
  readonly documents: readonly ResourceView[];
}

function isPolicyDocumentData(view: ResourceView): boolean {
  return view.mode === "data" && view.type === POLICY_DOCUMENT;
}

/**
 * Reads a policy attribute (`policy`, `assume_role_policy`, `access_policies`, an inline_policy
 * block's `policy`). JSON text is parsed and then its strings are resolved, so a substituted value
 * can never change the document's structure. A value computed by Terraform is followed to the
 * `data.aws_iam_policy_document` it references when there is exactly one; anything else is Unknown.
 */
export function policyAt(view: ResourceView, path: AttributePath, what: string): PolicyValue | undefined {
  const raw = view.rawAt(path);
  if (raw === undefined) return undefined;
  const documents = policyDocumentsAt(view, path, raw);
  const sources = documents.map(addressOf);
  if (isUnknown(raw)) {
    const document =
      documents.length === 1
        ? renderPolicyDocumentData(documents[0])
        : unknownAt(view, path, `the ${what} is ${raw.reason}`);
    return { document, sources, documents };
  }
  if (isObject(raw)) return { document: resolveStrings(view, normalisePolicy(raw)), sources, documents };
  if (typeof raw !== "string")
    return { document: unknown(`the ${what} is not a JSON string`), sources, documents };
  const text = raw.trim();
  if (WHOLE_INTERPOLATION.test(text)) {
    if (documents.length === 1 && DATA_JSON_REFERENCE.test(text))
      return { document: renderPolicyDocumentData(documents[0]), sources, documents };
    const resolved = view.scope.resolveText(text, view);
    if (hasInterpolation(resolved)) {
      return {
        document: unknown(
          `the ${what} is the Terraform expression ${shorten(text)}, which is not evaluated statically`,
        ),
        sources,
        documents,
      };
    }
    return { document: parsePolicyJson(resolved), sources, documents };
  }
  if (view.scope.format === "plan-json") rejectNonJsonPlanPolicy(view, raw, what);
  return { document: resolveStrings(view, parsePolicyJson(raw)), sources, documents };
}

const DATA_JSON_REFERENCE = /\.(minified_)?json\s*\}$/;

function addressOf(view: ResourceView): string {
  return view.address;
}

/** The `data.aws_iam_policy_document` sources the attribute refers to. */
function policyDocumentsAt(view: ResourceView, path: AttributePath, raw: unknown): ResourceView[] {
  // Terraform JSON refers to other resources only inside `${...}`: most policies are literal text
  // and refer to nothing, which needs no reference scan.
  // Nor can one refer to a policy document without naming its type or a module output (the
  // ways references reach a resource: terraform-json-reader `referencedViews`): a trust policy
  // that only names the account's data sources needs no scan either.
  if (
    view.scope.format === "terraform-json" &&
    typeof raw === "string" &&
    (!raw.includes("${") || (!raw.includes(POLICY_DOCUMENT) && !raw.includes("module.")))
  )
    return [];
  return view.referencesAt(path).filter(isPolicyDocumentData);
}

/**
 * A plan holds policies as Terraform rendered them, and the AWS provider accepts only JSON: text
 * that does not parse means the plan file is corrupt or was edited, so it is refused as input
 * (exit 2), never reviewed as if it were merely unknown.
 */
function rejectNonJsonPlanPolicy(view: ResourceView, text: string, what: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(
      view.scope.file,
      `${view.address}: the ${what} is not valid JSON (${shorten(detail)})`,
    );
  }
}

function resolveStrings(view: ResourceView, document: MaybeDocument): MaybeDocument {
  if (isUnknown(document)) return document;
  // Text without a brace has no `${...}` to resolve (resolveText returns it as it is), so only
  // strings with one are resolved; the document was just built here, so in place.
  resolveDocumentStringsInPlace(document, resolveInView, view);
  return document;
}

/** A text as `view` resolves it (one function for every document, not a closure per document). */
function resolveInView(text: string, view: ResourceView): string {
  return view.scope.resolveText(text, view);
}

/**
 * Renders a `data.aws_iam_policy_document` from its `statement` blocks (or its `json` when the
 * plan already computed it). Values Terraform computes later stay visible as `${...}` strings;
 * a Federated identifier that is an `aws_iam_openid_connect_provider` ARN is linked to that
 * provider's URL.
 */
export function renderPolicyDocumentData(view: ResourceView): MaybeDocument {
  const json = view.rawAt(["json"]);
  if (typeof json === "string" && json.trim() !== "") return parsePolicyJson(json);
  if (view.rawAt(["dynamic"]) !== undefined) {
    return unknown(
      `${view.address} builds statements with dynamic blocks, which are not evaluated statically`,
    );
  }
  for (const attribute of MERGED_DOCUMENTS) {
    const merged = view.rawAt([attribute]);
    if (merged === undefined || (Array.isArray(merged) && merged.length === 0) || merged === "") continue;
    return unknown(`${view.address} merges ${attribute}, which is not evaluated statically`);
  }
  const statementsRaw = view.rawAt(["statement"]);
  if (isUnknown(statementsRaw))
    return unknownAt(view, ["statement"], `${view.address} statements are ${statementsRaw.reason}`);
  const statements: PolicyStatement[] = [];
  for (const path of blockPaths(view, ["statement"])) {
    const statement = renderStatement(view, path);
    const problem = typeof statement === "string" ? statement : oversizedStatementValue(statement);
    if (problem !== undefined) return unknown(`${view.address}: ${problem}`);
    statements.push(statement as PolicyStatement);
  }
  return { statements };
}

function renderStatement(view: ResourceView, path: AttributePath): PolicyStatement | string {
  const effect = stringAt(view, [...path, "effect"]) ?? "Allow";
  if (isUnknown(effect)) return `effect is ${effect.reason}`;
  if (effect !== "Allow" && effect !== "Deny") return `effect must be Allow or Deny`;
  const lists = emptyRecord<string[]>();
  for (const attribute of ["actions", "not_actions", "resources", "not_resources"]) {
    const values = documentStrings(view, [...path, attribute]);
    if (typeof values === "string") return values;
    lists[attribute] = values;
  }
  const principals = renderPrincipals(view, [...path, "principals"]);
  if (typeof principals === "string") return principals;
  const notPrincipals = renderPrincipals(view, [...path, "not_principals"]);
  if (typeof notPrincipals === "string") return notPrincipals;
  const conditions: PolicyCondition[] = [];
  for (const conditionPath of blockPaths(view, [...path, "condition"])) {
    const operator = stringAt(view, [...conditionPath, "test"]);
    const key = documentString(view, [...conditionPath, "variable"]);
    const values = documentStrings(view, [...conditionPath, "values"]);
    if (operator === undefined || isUnknown(operator))
      return `a condition test is ${operator ? operator.reason : "missing"}`;
    if (typeof values === "string") return values;
    conditions.push({ operator, key, values });
  }
  const sid = stringAt(view, [...path, "sid"]);
  return {
    ...(typeof sid === "string" && sid !== "" ? { sid } : {}),
    effect,
    actions: lists.actions,
    notActions: lists.not_actions,
    resources: lists.resources,
    notResources: lists.not_resources,
    principals,
    notPrincipals,
    conditions,
  };
}

function renderPrincipals(view: ResourceView, path: AttributePath): PolicyPrincipal[] | string {
  const principals: PolicyPrincipal[] = [];
  for (const principalPath of blockPaths(view, path)) {
    const type = stringAt(view, [...principalPath, "type"]);
    if (type === undefined || isUnknown(type) || !PRINCIPAL_TYPES.has(type)) {
      return `principal type ${type === undefined ? "is missing" : isUnknown(type) ? type.reason : `${quote(type)} is not supported`}`;
    }
    const values = documentStrings(view, [...principalPath, "identifiers"]);
    if (typeof values === "string") return values;
    principals.push({ type: type as PrincipalType, values: type === "*" ? ["*"] : values });
  }
  return principals;
}

/**
 * A list of policy strings. Strings Terraform computes later become `${reference}` (or the linked
 * OIDC provider ARN), so rules see them as unresolved rather than as missing.
 */
function documentStrings(view: ResourceView, path: AttributePath): string[] | string {
  const raw = view.rawAt(path);
  if (raw === undefined) return [];
  if (isUnknown(raw)) return placeholderValues(view, path);
  const items = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const itemPath = Array.isArray(raw) ? [...path, i] : path;
    const item = view.rawAt(itemPath);
    if (item === undefined) continue;
    if (isUnknown(item)) {
      const placeholders = placeholderValues(view, path);
      if (typeof placeholders === "string") return placeholders;
      appendAll(values, placeholders);
      continue;
    }
    if (typeof item === "number" || typeof item === "boolean") values.push(String(item));
    else if (typeof item === "string") values.push(view.scope.resolveText(item, view));
    else return `${path[path.length - 1]} must be a list of strings`;
  }
  return values;
}

function documentString(view: ResourceView, path: AttributePath): string {
  const values = documentStrings(view, path);
  if (typeof values === "string" || values.length === 0) return "${unknown}";
  return values[0];
}

/** What stands in for a computed value: the linked provider ARN or the referenced expression. */
function placeholderValues(view: ResourceView, path: AttributePath): string[] {
  // principals and condition are set blocks: the plan may order them differently from the
  // configuration, so with several blocks the configuration's references cannot be matched.
  const inBlock = path.length >= 3 && typeof path[path.length - 2] === "number";
  if (inBlock && blockPaths(view, path.slice(0, -2)).length > 1) return ["${known after apply}"];
  const providers = view.referencesAt(path).filter((v) => v.type === "aws_iam_openid_connect_provider");
  if (providers.length === 1) {
    const url = stringAt(providers[0], ["url"]);
    const references = view.referenceTextsAt(path);
    if (typeof url === "string" && url !== "" && references.some((r) => r.endsWith(".arn")))
      return [plannedOidcProviderArn(url)];
  }
  const references = view.referenceTextsAt(path).filter((r) => !/^(each|count)\./.test(r));
  return references.length > 0 ? references.map((r) => `\${${r}}`) : ["${known after apply}"];
}
