import type { GraphNote, GraphUnknown, RecordIssue, StaticCredential } from "../model/graph";
import type { SourceLocation } from "../model/location";
import type { IdentityRecord } from "../model/record";
import { type DocumentReading, UNKNOWN_ACCOUNT, oidcProviderArn, shorten } from "./document-reading";
import { scanForAccessKeys, accessKeyIdsIn, maskKeyId } from "./hard-coded-keys";
import { isObject } from "./iam-policy-json";
import { readCommentBlock } from "./identity-record-reader";
import type { InputDocument } from "./input-document";
import { LineIndex } from "./line-index";
import { type AttributePath, type DocumentScope, type ResourceView, ViewIndex } from "./resource-view";

const INTERPOLATION = /(?<!\$)\$\{([^{}]*)\}/g;
const REFERENCE_CANDIDATE = /(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?/g;
const MAX_RESOLUTION_DEPTH = 4;
/**
 * The head of an OIDC provider ARN built from the account's data sources, as the constructs
 * synthesize it: `arn:${data.aws_partition.P.partition}:iam::${data.aws_caller_identity.C.account_id}:oidc-provider/`
 * (the partition may also be written literally).
 */
const PLANNED_PROVIDER_ARN_HEAD =
  /arn:(?:\$\{\s*(data\.aws_partition\.[A-Za-z0-9_-]+)\.partition\s*\}|(aws(?:-[a-z]+)*)):iam::\$\{\s*(data\.aws_caller_identity\.[A-Za-z0-9_-]+)\.account_id\s*\}:oidc-provider\//g;

/** Attributes that Terraform sets equal to another attribute of the same resource. */
const ID_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_iam_role: "name",
  aws_iam_user: "name",
  aws_iam_group: "name",
  vault_policy: "name",
  vault_auth_backend: "path",
  vault_jwt_auth_backend: "path",
};

/** A Terraform JSON block may be an object or a list of objects (ordered form): merge them. */
function blockObject(value: unknown): Record<string, unknown> | undefined {
  if (isObject(value)) return value;
  if (Array.isArray(value)) {
    const merged: Record<string, unknown> = {};
    for (const item of value) if (isObject(item)) Object.assign(merged, item);
    return merged;
  }
  return undefined;
}

/** `${...}` bodies in every string under a value. */
function interpolationsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    for (const match of value.matchAll(INTERPOLATION)) out.push(match[1].trim());
  } else if (Array.isArray(value)) value.forEach((item) => interpolationsIn(item, out));
  else if (isObject(value))
    for (const [key, item] of Object.entries(value)) if (key !== "//") interpolationsIn(item, out);
  return out;
}

function walk(value: unknown, path: AttributePath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isObject(current) && typeof segment === "string") current = current[segment];
    else return undefined;
  }
  return current === null ? undefined : current;
}

class TerraformJsonView implements ResourceView {
  readonly baseAddress: string;

  constructor(
    readonly scope: TerraformJsonScope,
    readonly address: string,
    readonly type: string,
    readonly mode: "managed" | "data",
    readonly location: SourceLocation,
    private readonly body: Record<string, unknown>,
    readonly record: IdentityRecord | undefined,
  ) {
    this.baseAddress = address;
  }

  rawAt(path: AttributePath): unknown {
    return walk(this.body, path);
  }

  referencesAt(path: AttributePath): readonly ResourceView[] {
    const views: ResourceView[] = [];
    for (const expression of this.referenceTextsAt(path)) {
      for (const candidate of expression.match(REFERENCE_CANDIDATE) ?? []) {
        const view = this.scope.index.resolve(candidate, "");
        if (view && view !== this && !views.includes(view)) views.push(view);
      }
    }
    return views;
  }

  referenceTextsAt(path: AttributePath): readonly string[] {
    return [...new Set(interpolationsIn(this.rawAt(path)))];
  }
}

class TerraformJsonScope implements DocumentScope {
  readonly format = "terraform-json";
  readonly resources: TerraformJsonView[] = [];
  readonly index = new ViewIndex();
  private readonly variables: Record<string, unknown>;
  private readonly locals: Record<string, unknown>;

  constructor(
    readonly file: string,
    readonly stack: string | undefined,
    json: Record<string, unknown>,
  ) {
    this.variables = blockObject(json.variable) ?? {};
    this.locals = blockObject(json.locals) ?? {};
  }

  add(view: TerraformJsonView): void {
    this.resources.push(view);
    this.index.add(view);
  }

  resolveText(text: string, _from: ResourceView | undefined, depth = 0): string {
    if (!text.includes("{") || depth > MAX_RESOLUTION_DEPTH) return text;
    const resolved = this.resolvePlannedProviderArns(text).replace(
      INTERPOLATION,
      (whole, body: string) => this.resolveExpression(body.trim(), depth) ?? whole,
    );
    // What Terraform passes on: `$${` / `%%{` are its escapes for a literal `${` / `%{`
    // (the constructs escape IAM policy variables such as `${aws:username}` this way).
    return depth === 0 ? resolved.replace(/\$\$\{/g, () => "${").replace(/%%\{/g, () => "%{") : resolved;
  }

  /**
   * Reads an OIDC provider ARN built from data sources of this document the way a reference to the
   * provider's `arn` is read: partition `aws`, account {@link UNKNOWN_ACCOUNT} (rules identify the
   * provider by its host and path). Only inside that ARN shape: elsewhere (e.g. a secret's ARN) the
   * account stays an unresolved reference, which rules widen to "any account" instead of a
   * placeholder that would match no other ARN.
   */
  private resolvePlannedProviderArns(text: string): string {
    return text.replace(
      PLANNED_PROVIDER_ARN_HEAD,
      (
        whole,
        partitionData: string | undefined,
        literalPartition: string | undefined,
        callerData: string,
      ) => {
        const partition =
          partitionData === undefined
            ? literalPartition
            : this.isDataSource(partitionData, "aws_partition")
              ? "aws"
              : undefined;
        if (partition === undefined || !this.isDataSource(callerData, "aws_caller_identity")) return whole;
        return `arn:${partition}:iam::${UNKNOWN_ACCOUNT}:oidc-provider/`;
      },
    );
  }

  private isDataSource(address: string, type: string): boolean {
    const view = this.index.get(address);
    return view !== undefined && view.mode === "data" && view.type === type;
  }

  /** The text of a simple reference, when this document determines it; undefined otherwise. */
  private resolveExpression(expression: string, depth: number): string | undefined {
    const variable = /^var\.([A-Za-z0-9_-]+)$/.exec(expression);
    if (variable) {
      const declaration = blockObject(this.variables[variable[1]]);
      return declaration ? this.scalarText(declaration.default, depth) : undefined;
    }
    const local = /^local\.([A-Za-z0-9_-]+)$/.exec(expression);
    if (local) return this.scalarText(this.locals[local[1]], depth);
    const attribute = /^((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(expression);
    if (!attribute) return undefined;
    const view = this.index.get(attribute[1]);
    if (!view) return undefined;
    const name = attribute[2];
    if (view.type === "aws_iam_openid_connect_provider" && name === "arn") {
      const url = this.scalarText(view.rawAt(["url"]), depth);
      return url !== undefined && url !== "" ? oidcProviderArn(url) : undefined;
    }
    const source = name === "id" ? (ID_ATTRIBUTE[view.type] ?? name) : name;
    return this.scalarText(view.rawAt([source]), depth);
  }

  private scalarText(value: unknown, depth: number): string | undefined {
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value !== "string") return undefined;
    const resolved = this.resolveText(value, undefined, depth + 1);
    return resolved.includes("${") ? undefined : resolved;
  }
}

/** Reads a cdktf stack (`cdk.tf.json`) or any `*.tf.json`. */
export function readTerraformJson(input: InputDocument): DocumentReading {
  const notes: GraphNote[] = [];
  const unknowns: GraphUnknown[] = [];
  const recordIssues: RecordIssue[] = [];
  const staticCredentials: StaticCredential[] = [];
  const json = isObject(input.json) ? input.json : {};
  const scope = new TerraformJsonScope(input.file, input.stack, json);
  const lines = input.text !== undefined ? new LineIndex(input.text) : undefined;
  const at = (address: string, extra: Partial<SourceLocation> = {}): SourceLocation => ({
    file: input.file,
    ...(input.stack !== undefined ? { stack: input.stack } : {}),
    address,
    ...extra,
  });
  if (!isObject(input.json)) {
    notes.push({
      location: at("(document)"),
      message: "the document is not a JSON object; nothing was read from it",
    });
  }

  for (const mode of ["managed", "data"] as const) {
    const raw = mode === "managed" ? json.resource : json.data;
    // `"resource": {...}` or the ordered form `"resource": [{...}, {...}]`.
    const sections = (Array.isArray(raw) ? raw : [raw]).filter(isObject);
    let cursor = lines ? lines.findKey(mode === "managed" ? "resource" : "data") : -1;
    for (const [type, byName] of sections.flatMap((section) => Object.entries(section))) {
      const instances = blockObject(byName);
      if (!instances) continue;
      const typeAt = lines && cursor >= 0 ? lines.findKey(type, cursor) : -1;
      let nameCursor = typeAt;
      if (typeAt >= 0) cursor = typeAt;
      for (const [name, rawBody] of Object.entries(instances)) {
        const body = blockObject(rawBody);
        if (!body) continue;
        const address = `${mode === "data" ? "data." : ""}${type}.${name}`;
        const nameAt = lines && nameCursor >= 0 ? lines.findKey(name, nameCursor) : -1;
        if (nameAt >= 0) nameCursor = nameAt;
        const comment = readCommentBlock(body);
        const location = at(address, {
          ...(comment.constructPath ? { constructPath: comment.constructPath } : {}),
          ...(lines && nameAt >= 0 ? { line: lines.lineAt(nameAt) } : {}),
        });
        if (comment.malformedRecord) {
          recordIssues.push({
            location,
            kind: "malformed",
            ...(comment.malformedRecordId !== undefined ? { recordId: comment.malformedRecordId } : {}),
            detail: comment.malformedRecord,
          });
        }
        scope.add(new TerraformJsonView(scope, address, type, mode, location, body, comment.record));
      }
    }
  }

  const seenKeys = new Set<string>();
  for (const view of scope.resources)
    scanForAccessKeys(view.rawAt([]), view.location, seenKeys, staticCredentials);
  readProviders(json, scope, lines, at, staticCredentials);
  readModuleCalls(json, lines, at, notes);
  return { scope, staticCredentials, notes, unknowns, recordIssues };
}

function readProviders(
  json: Record<string, unknown>,
  scope: TerraformJsonScope,
  lines: LineIndex | undefined,
  at: (address: string, extra?: Partial<SourceLocation>) => SourceLocation,
  out: StaticCredential[],
): void {
  const providers = blockObject(json.provider);
  if (!providers) return;
  const providerAt = lines ? lines.findKey("provider") : -1;
  for (const [name, raw] of Object.entries(providers)) {
    const configs = Array.isArray(raw) ? raw : [raw];
    const nameAt = lines && providerAt >= 0 ? lines.findKey(name, providerAt) : -1;
    for (const config of configs) {
      if (!isObject(config)) continue;
      const alias = typeof config.alias === "string" ? `.${config.alias}` : "";
      const location = at(
        `provider.${name}${alias}`,
        lines && nameAt >= 0 ? { line: lines.lineAt(nameAt) } : {},
      );
      const secretField = name === "aws" ? "access_key" : name === "vault" ? "token" : undefined;
      if (!secretField) continue;
      const value = config[secretField];
      if (typeof value !== "string" || value === "") continue;
      const resolved = scope.resolveText(value, undefined);
      out.push({
        location,
        kind: "provider-static-key",
        detail: providerDetail(name, secretField, value, resolved, config),
      });
    }
  }
}

function providerDetail(
  provider: string,
  field: string,
  written: string,
  resolved: string,
  config: Record<string, unknown>,
): string {
  if (provider === "vault") {
    return resolved.includes("${")
      ? `the vault provider block sets a static token from ${shorten(written, 60)}`
      : "the vault provider block contains a static Vault token";
  }
  if (resolved.includes("${")) {
    return `the aws provider block sets ${field} from ${shorten(written, 60)}: the deployment uses a long-lived IAM user key`;
  }
  const keyIds = accessKeyIdsIn(resolved);
  const shown = keyIds.length > 0 ? ` ${maskKeyId(keyIds[0])}` : "";
  const secret =
    typeof config.secret_key === "string" && config.secret_key !== "" ? "; secret_key is written too" : "";
  return `the aws provider block contains the static access key${shown}${secret}: the deployment uses a long-lived IAM user key`;
}

function readModuleCalls(
  json: Record<string, unknown>,
  lines: LineIndex | undefined,
  at: (address: string, extra?: Partial<SourceLocation>) => SourceLocation,
  notes: GraphNote[],
): void {
  const modules = blockObject(json.module);
  if (!modules) return;
  const moduleAt = lines ? lines.findKey("module") : -1;
  let cursor = moduleAt;
  for (const [name, raw] of Object.entries(modules)) {
    const body = blockObject(raw) ?? {};
    const nameAt = lines && cursor >= 0 ? lines.findKey(name, cursor) : -1;
    if (nameAt >= 0) cursor = nameAt;
    const comment = readCommentBlock(body);
    const source =
      typeof body.source === "string" ? ` (source ${JSON.stringify(shorten(body.source, 100))})` : "";
    notes.push({
      location: at(`module.${name}`, {
        ...(comment.constructPath ? { constructPath: comment.constructPath } : {}),
        ...(lines && nameAt >= 0 ? { line: lines.lineAt(nameAt) } : {}),
      }),
      message: `module call${source}: the resources it creates are not in this input, so identities it defines are not reviewed`,
    });
  }
}
