import type { StaticCredential } from "../model/graph";
import type { SourceLocation } from "../model/location";
import type { IdentityRecord } from "../model/record";
import { UNKNOWN_ACCOUNT, hasInterpolation, isUnknown, unknown } from "../model/unknown";
import type { AppDocuments } from "./app-documents";
import { type AwsPlacement, computedArn, partitionOfRegion } from "./computed-arns";
import { type DocumentReading, plannedOidcProviderArn, shorten } from "./document-reading";
import {
  scanForAccessKeys,
  accessKeyIdsIn,
  jsonTextMayHoldAccessKeys,
  maskKeyId,
  moduleMayHoldAccessKeys,
} from "./hard-coded-keys";
import { isObject } from "./iam-policy-json";
import { readCommentBlock } from "./identity-record-reader";
import type { InputDocument, ModuleFile, ModuleSource } from "./input-document";
import { LineCounter, LineIndex, findKey, locationWithLine } from "./line-index";
import { type MergedModule, type MergedResource, blockObject, mergeModuleFiles } from "./module-merge";
import {
  type AttributePath,
  type DocumentScope,
  type ResourceView,
  ViewIndex,
  indexSuffix,
} from "./resource-view";
import { emptyRecord, lookupTable } from "../model/lookup-table";
import { tooDeepPath } from "../model/json-depth";
import { quote, safeJsonStringify } from "../model/unsafe-text";

const INTERPOLATION = /(?<!\$)\$\{([^{}]*)\}/g;
const REFERENCE_CANDIDATE = /(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?/g;
const MODULE_OUTPUT = /module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.([A-Za-z0-9_-]+)/g;
const ESCAPED_INTERPOLATION = /\$\$\{/g;
const ESCAPED_DIRECTIVE = /%%\{/g;
/** A string that is one expression: `${...}`. */
const WHOLE_EXPRESSION = /^\$\{([^{}]*)\}$/;
const MAX_RESOLUTION_DEPTH = 8;
/** Module nesting read at most (local modules calling local modules). */
const MAX_MODULE_DEPTH = 16;
/** Instances expanded per `count`/`for_each` at most: beyond, the instances are unknown. */
const MAX_INSTANCES = 10_000;
/** A resource or module call without `count` or `for_each`: one object with no instance key. */
const SINGLE = { single: true } as const;
const NO_INSTANCE: readonly undefined[] = [undefined];
/** Arguments of a `module` block that are not input variables. */
const MODULE_META_ARGUMENTS = new Set([
  "source",
  "version",
  "count",
  "for_each",
  "providers",
  "depends_on",
  "//",
]);
/**
 * The head of an OIDC provider ARN built from the account's data sources, as the constructs
 * synthesize it: `arn:${data.aws_partition.P.partition}:iam::${data.aws_caller_identity.C.account_id}:oidc-provider/`
 * (the partition may also be written literally).
 */
const PLANNED_PROVIDER_ARN_HEAD =
  /arn:(?:\$\{\s*(data\.aws_partition\.[A-Za-z0-9_-]+)\.partition\s*\}|(aws(?:-[a-z]+)*)):iam::\$\{\s*(data\.aws_caller_identity\.[A-Za-z0-9_-]+)\.account_id\s*\}:oidc-provider\//g;

const PROVIDER: AttributePath = ["provider"];

/** Attributes that Terraform sets equal to another attribute of the same resource. */
const ID_ATTRIBUTE = lookupTable<string>({
  aws_iam_role: "name",
  aws_iam_user: "name",
  aws_iam_group: "name",
  vault_policy: "name",
  vault_auth_backend: "path",
  vault_jwt_auth_backend: "path",
});

/** `[each.key]`, `[each.value]`, `[count.index]` inside an expression. */
const INSTANCE_KEY = /\[\s*(each\.key|each\.value|count\.index)\s*\]/g;
const CONVERSION = /^(?:toset|tolist|tomap)\(\s*([\s\S]*)\s*\)$/;
const NAMED_VALUE = /^(var|local)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+|\[[^\]]+\])*)$/;
const EACH_VALUE = /^each\.value((?:\.[A-Za-z0-9_-]+|\[[^\]]+\])*)$/;
const WHOLE_MODULE_OUTPUT = /^module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.([A-Za-z0-9_-]+)$/;
/**
 * A resource attribute reference is `RESOURCE.attribute`: the attribute name holds no dot, so it
 * follows the last one (see {@link TerraformJsonScope.evaluate}).
 */
const RESOURCE_REFERENCE = /^(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?$/;
const ATTRIBUTE_NAME = /^[a-z_]+$/;
const REMOTE_STATE_OUTPUT = /^data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/;

/** Resource types whose instances decide principals, policies or their attachments. */
const IDENTITY_RELEVANT = /^(?:aws_iam_|vault_|aws_secretsmanager_|aws_ssm_|aws_kms_|aws_s3_bucket_policy)/;

/** `${...}` bodies in every string under a value. */
function interpolationsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    if (!value.includes("${")) return out;
    // exec, not matchAll: matchAll copies the expression for every string.
    INTERPOLATION.lastIndex = 0;
    for (let match = INTERPOLATION.exec(value); match; match = INTERPOLATION.exec(value))
      out.push(match[1].trim());
  } else if (Array.isArray(value)) {
    for (const item of value as unknown[]) interpolationsIn(item, out);
  } else if (isObject(value)) {
    for (const key in value) if (key !== "//" && Object.hasOwn(value, key)) interpolationsIn(value[key], out);
  }
  return out;
}

/** A list without repeats, in first-seen order (most lists hold one item). */
function distinct(list: string[]): string[] {
  return list.length < 2 ? list : [...new Set(list)];
}

function walk(value: unknown, path: AttributePath): unknown {
  let current = value;
  // Indexed: callers are often not optimised yet, where each iterator step allocates.
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isObject(current) && typeof segment === "string")
      current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    else return undefined;
  }
  return current === null ? undefined : current;
}

/** `each.key` / `each.value` of a `for_each` instance, or `count.index` of a `count` instance. */
interface Instance {
  readonly key: string | number;
  readonly value?: unknown;
}

/** One instance of a module: its address prefix, input variables, locals and child instances. */
class ModuleInstance {
  readonly children = new Map<string, ModuleInstance[]>();
  /** The context of expressions written in this module outside any `count`/`for_each` instance. */
  readonly context: Context = { module: this };
  private readonly localValues = new Map<string, unknown>();

  constructor(
    /** "" at the root, else `module.a`, `module.a["k"]`, `module.a.module.b`. */
    readonly prefix: string,
    readonly config: MergedModule,
    readonly variables: ReadonlyMap<string, unknown>,
  ) {}

  localValue(name: string, scope: TerraformJsonScope, depth: number): unknown {
    if (this.localValues.has(name)) return this.localValues.get(name);
    if (!this.config.locals.has(name)) return undefined;
    // Set first, so a local that refers to itself resolves to "unknown" rather than looping.
    this.localValues.set(name, unknown(`local.${name} refers to itself`));
    const value = scope.resolveDeep(this.config.locals.get(name), this.context, depth + 1);
    this.localValues.set(name, value);
    return value;
  }
}

interface Context {
  readonly module: ModuleInstance;
  readonly instance?: Instance;
}

class TerraformJsonView implements ResourceView {
  readonly baseAddress: string;
  readonly indexKey?: string | number;

  constructor(
    readonly scope: TerraformJsonScope,
    readonly address: string,
    baseAddress: string,
    readonly type: string,
    readonly mode: "managed" | "data",
    readonly location: SourceLocation,
    private readonly body: Record<string, unknown>,
    readonly record: IdentityRecord | undefined,
    readonly context: Context,
  ) {
    this.baseAddress = baseAddress;
    if (context.instance !== undefined) this.indexKey = context.instance.key;
  }

  rawAt(path: AttributePath): unknown {
    // Nearly every read is of one top-level attribute.
    if (path.length === 1 && typeof path[0] === "string") return this.attribute(path[0]);
    return walk(this.body, path);
  }

  /** `rawAt([name])` without a path. */
  attribute(name: string): unknown {
    const value = Object.hasOwn(this.body, name) ? this.body[name] : undefined;
    return value === null ? undefined : value;
  }

  referencesAt(path: AttributePath): readonly ResourceView[] {
    // Indexed: runs unoptimized for most attribute reads, where each for-of step allocates.
    const expressions = this.referenceTextsAt(path);
    // Most attributes that refer to something hold one expression: its views, found once.
    if (expressions.length === 1) {
      const found = this.scope.viewsReferencedBy(expressions[0], this.context);
      return found.includes(this) ? found.filter((view) => view !== this) : found;
    }
    const views: ResourceView[] = [];
    for (let i = 0; i < expressions.length; i++)
      this.scope.referencedViews(expressions[i], this.context, views, 0);
    const self = views.indexOf(this);
    if (self >= 0) views.splice(self, 1);
    return views;
  }

  referenceTextsAt(path: AttributePath): readonly string[] {
    const raw = this.rawAt(path);
    // Most attributes that refer to something are one `${...}`: its body, without the regex.
    if (typeof raw === "string" && isOneExpression(raw)) return [raw.slice(2, -1).trim()];
    return distinct(interpolationsIn(raw));
  }
}

/** One Terraform JSON document: a module tree (root module and the local modules it calls). */
class TerraformJsonScope implements DocumentScope {
  readonly format = "terraform-json";
  readonly resources: TerraformJsonView[] = [];
  readonly index = new ViewIndex();
  root!: ModuleInstance;
  /** The `aws` provider configurations of the root module by alias ("" for the default one). */
  readonly awsProviders = new Map<string, Record<string, unknown>>();
  /** Every provider configuration of the root module by `name` or `name.alias`. */
  readonly providerBlocks = new Map<string, Record<string, unknown>>();
  /** Resolved texts of the root module, kept once reading is {@link complete}. */
  private rootTexts: Map<string, string> | undefined;
  /** Views each expression of the root module refers to, kept once reading is {@link complete}. */
  private rootReferences: Map<string, readonly ResourceView[]> | undefined;
  /** {@link placementOf} by provider alias, when it cannot change. */
  private readonly placements = new Map<string, AwsPlacement>();

  constructor(
    readonly file: string,
    readonly stack: string | undefined,
    private readonly app: AppDocuments | undefined,
  ) {}

  /** The text of output `name` of the root module, when this document determines it. */
  outputText(name: string, depth: number): string | undefined {
    const body = this.root.config.outputs.get(name);
    return body === undefined ? undefined : this.knownText(body.value, this.root.context, depth);
  }

  private knownText(raw: unknown, context: Context, depth: number): string | undefined {
    if (raw === undefined) return undefined;
    const value = this.resolveDeep(raw, context, depth + 1);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return typeof value === "string" && !hasInterpolation(value) ? value : undefined;
  }

  providerSetting(view: ResourceView, provider: string, setting: string): unknown {
    const written = view.rawAt(PROVIDER);
    const key =
      typeof written === "string" &&
      written.startsWith(provider) &&
      written.charCodeAt(provider.length) === 46 /* . */
        ? written
        : provider;
    if (view.address.startsWith("module.")) {
      // A module's resources use the configuration its call passes (`providers`), which is not
      // followed here: when the root's configurations disagree on the setting, it is unknown.
      const values = new Set(
        [...this.providerBlocks]
          .filter(([name]) => name === provider || name.startsWith(`${provider}.`))
          .map(([, config]) => JSON.stringify(config[setting] ?? null)),
      );
      if (values.size > 1)
        return unknown(
          `the ${provider} provider configuration of module resource ${view.address} is not followed`,
        );
    }
    const raw = this.providerBlocks.get(key)?.[setting];
    if (typeof raw !== "string") return raw;
    const text = this.resolveIn(raw, this.root.context, 0);
    return hasInterpolation(text)
      ? unknown(`the ${provider} provider's ${setting} is the Terraform expression ${shorten(text, 60)}`)
      : text;
  }

  add(view: TerraformJsonView): void {
    this.resources.push(view);
    this.index.add(view);
  }

  resolveText(text: string, from: ResourceView | undefined, depth = 0): string {
    // Most texts hold no brace, so nothing to resolve (as resolveIn would find).
    if (!text.includes("{")) return text;
    const context = from instanceof TerraformJsonView ? from.context : this.root.context;
    if (this.rootTexts === undefined || depth !== 0 || context !== this.root.context || !text.includes("${"))
      return this.resolveIn(text, context, depth);
    let resolved = this.rootTexts.get(text);
    if (resolved === undefined) this.rootTexts.set(text, (resolved = this.resolveIn(text, context, 0)));
    return resolved;
  }

  /**
   * Called once every document of the app is read: from then on a text resolves the same way
   * each time, and the texts of the root module are kept (policies repeat the same ARNs, the same
   * backend and policy references, in every role).
   */
  complete(): void {
    this.rootTexts = new Map();
    this.rootReferences = new Map();
  }

  resolveIn(text: string, context: Context, depth: number): string {
    if (!text.includes("{") || depth > MAX_RESOLUTION_DEPTH) return text;
    // Each rewrite runs only when its pattern can match: most texts have one reference or none.
    let resolved = text.includes(":oidc-provider/") ? this.resolvePlannedProviderArns(text, context) : text;
    // A text that is one reference (most: `${aws_iam_role.r.name}`) is that one match, read
    // without the regex replace and its closure.
    if (resolved.includes("${"))
      resolved = isOneExpression(resolved)
        ? this.interpolated(resolved, resolved.slice(2, -1), context, depth)
        : resolved.replace(INTERPOLATION, (whole, body: string) =>
            this.interpolated(whole, body, context, depth),
          );
    if (depth !== 0) return resolved;
    // What Terraform passes on: `$${` / `%%{` are its escapes for a literal `${` / `%{`
    // (the constructs escape IAM policy variables such as `${aws:username}` this way).
    if (resolved.includes("$${")) resolved = resolved.replace(ESCAPED_INTERPOLATION, () => "${");
    if (resolved.includes("%%{")) resolved = resolved.replace(ESCAPED_DIRECTIVE, () => "%{");
    return resolved;
  }

  /** What `${body}` (`whole`) becomes in a text: its value when a scalar, else as written. */
  private interpolated(whole: string, body: string, context: Context, depth: number): string {
    const value = this.evaluate(body.trim(), context, depth);
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : whole;
  }

  /** Every string under a value resolved in `context` (structure kept). */
  resolveDeep(value: unknown, context: Context, depth: number): unknown {
    if (typeof value === "string") {
      const whole = value.startsWith("${") ? WHOLE_EXPRESSION.exec(value) : null;
      if (whole) {
        const evaluated = this.evaluate(whole[1].trim(), context, depth);
        if (evaluated !== undefined && !isUnknown(evaluated)) return evaluated;
      }
      return this.resolveIn(value, context, depth);
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const item of value as unknown[]) out.push(this.resolveDeep(item, context, depth));
      return out;
    }
    if (isObject(value)) {
      const out = emptyRecord<unknown>();
      for (const key in value)
        if (Object.hasOwn(value, key)) out[key] = this.resolveDeep(value[key], context, depth);
      return out;
    }
    return value;
  }

  /**
   * Reads an OIDC provider ARN built from data sources of this document the way a reference to the
   * provider's `arn` is read: partition `aws`, account {@link UNKNOWN_ACCOUNT} (rules identify the
   * provider by its host and path). Only inside that ARN shape: elsewhere (e.g. a secret's ARN) the
   * account stays an unresolved reference, which rules widen to "any account" instead of a
   * placeholder that would match no other ARN.
   */
  private resolvePlannedProviderArns(text: string, context: Context): string {
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
            : this.isDataSource(partitionData, "aws_partition", context)
              ? "aws"
              : undefined;
        if (partition === undefined || !this.isDataSource(callerData, "aws_caller_identity", context))
          return whole;
        return `arn:${partition}:iam::${UNKNOWN_ACCOUNT}:oidc-provider/`;
      },
    );
  }

  private isDataSource(address: string, type: string, context: Context): boolean {
    const view = this.index.resolve(address, context.module.prefix);
    return view !== undefined && view.mode === "data" && view.type === type;
  }

  /** `[each.key]` / `[count.index]` / `[each.value]` inside an expression, replaced by the instance's literal key. */
  private withInstanceKeys(expression: string, context: Context): string {
    const instance = context.instance;
    if (!instance || !expression.includes("[")) return expression;
    return withKeysOf(instance, expression);
  }

  /**
   * The value of an expression, when this document determines it: variables (tfvars, defaults,
   * module arguments), locals, `each`/`count`, attributes of other resources as written, module
   * outputs, and `toset`/`tolist`/`tomap` of those. Undefined or Unknown otherwise.
   * https://developer.hashicorp.com/terraform/language/expressions/references
   */
  evaluate(rawExpression: string, context: Context, depth: number): unknown {
    if (depth > MAX_RESOLUTION_DEPTH) return undefined;
    const expression = this.withInstanceKeys(rawExpression, context);
    // Each pattern is anchored at its first word: it runs only on expressions that start with it
    // (nearly all are resource attributes).
    const conversion = expression.startsWith("to") ? CONVERSION.exec(expression) : null;
    if (conversion) return this.evaluate(conversion[1], context, depth + 1);
    if (expression.startsWith("[") || expression.startsWith("{")) {
      try {
        const parsed: unknown = JSON.parse(expression);
        return tooDeepPath(parsed) === undefined ? this.resolveDeep(parsed, context, depth + 1) : undefined;
      } catch {
        return undefined;
      }
    }
    const named =
      expression.startsWith("var.") || expression.startsWith("local.") ? NAMED_VALUE.exec(expression) : null;
    if (named) {
      const value =
        named[1] === "var"
          ? context.module.variables.get(named[2])
          : context.module.localValue(named[2], this, depth);
      return traverse(value, named[3]);
    }
    if (expression === "each.key" || expression === "count.index") return context.instance?.key;
    const eachValue = expression.startsWith("each.value") ? EACH_VALUE.exec(expression) : null;
    if (eachValue) return traverse(context.instance?.value, eachValue[1]);
    const output = expression.startsWith("module.") ? WHOLE_MODULE_OUTPUT.exec(expression) : null;
    if (output) {
      const child = this.childInstance(context.module, output[1], output[2]);
      const body = child?.config.outputs.get(output[3]);
      return child && body ? this.resolveDeep(body.value, child.context, depth + 1) : undefined;
    }
    const remote = expression.startsWith("data.terraform_remote_state.")
      ? REMOTE_STATE_OUTPUT.exec(expression)
      : null;
    if (remote) {
      const state = this.index.resolve(`data.terraform_remote_state.${remote[1]}`, context.module.prefix);
      return state && this.app ? this.app.remoteOutput(state, remote[2], this, depth + 1) : undefined;
    }
    // Split at the last dot and tested, rather than one regex's match array (nearly every
    // expression is a resource attribute).
    const dot = expression.lastIndexOf(".");
    if (dot < 0) return undefined;
    const reference = expression.slice(0, dot);
    const name = expression.slice(dot + 1);
    if (!ATTRIBUTE_NAME.test(name) || !RESOURCE_REFERENCE.test(reference)) return undefined;
    const view = this.index.resolve(
      reference,
      context.module.prefix,
      context.instance ? { indexKey: context.instance.key } : undefined,
    );
    if (!(view instanceof TerraformJsonView)) return undefined;
    if (view.type === "aws_iam_openid_connect_provider" && name === "arn") {
      const url = this.resolveDeep(view.attribute("url"), view.context, depth + 1);
      return typeof url === "string" && url !== "" && !hasInterpolation(url)
        ? plannedOidcProviderArn(url)
        : undefined;
    }
    const known = this.knownAttribute(view, name, depth);
    if (known !== undefined) return known;
    const source = name === "id" ? (ID_ATTRIBUTE.get(view.type) ?? name) : name;
    const raw = view.attribute(source);
    return raw === undefined ? undefined : this.resolveDeep(raw, view.context, depth + 1);
  }

  /**
   * What an attribute of `view` is when its configuration determines it: a data source's value or
   * a computed ARN (apart from {@link evaluate}, whose other answers need no closure).
   */
  private knownAttribute(view: TerraformJsonView, name: string, depth: number): string | undefined {
    // computedArn computes only `arn` and `id`: a managed resource's other attributes (most
    // references read a name or a path) need neither the closure nor the placement.
    if (view.mode !== "data" && name !== "arn" && name !== "id") return undefined;
    const literal = (attributeName: string) =>
      this.knownText(view.attribute(attributeName), view.context, depth);
    return view.mode === "data"
      ? this.dataSourceValue(view, name, literal)
      : computedArn(view.type, name, literal, this.placementOf(view));
  }

  /**
   * The account, partition and region data sources read what the provider is configured with: the
   * account the app deploys to (one {@link UNKNOWN_ACCOUNT} for the whole app, as for the ARNs of the
   * resources it creates) and the provider's region when it is written literally.
   */
  private dataSourceValue(
    view: TerraformJsonView,
    name: string,
    literal: (attributeName: string) => string | undefined,
  ): string | undefined {
    const at = this.placementOf(view);
    if (view.type === "aws_caller_identity" && name === "account_id") return UNKNOWN_ACCOUNT;
    if (view.type === "aws_partition" && name === "partition") return at.partition;
    if (view.type === "aws_region" && (name === "name" || name === "region" || name === "id")) {
      const region = literal("region") ?? literal("name") ?? at.region;
      return region === "*" ? undefined : region;
    }
    return undefined;
  }

  /** Partition and region of the provider configuration a resource uses (`provider = "aws.west"`). */
  private placementOf(view: TerraformJsonView): AwsPlacement {
    const provider = view.attribute("provider");
    const alias =
      typeof provider === "string" && provider.startsWith("aws.") ? provider.slice("aws.".length) : "";
    const known = this.placements.get(alias);
    if (known !== undefined) return known;
    const raw = this.awsProviders.get(alias)?.region;
    const region = this.knownText(raw, this.root.context, 0);
    const placement =
      region === undefined || region === ""
        ? { partition: "aws", region: "*" }
        : { partition: partitionOfRegion(region), region };
    // Kept when it cannot change: a region without references (one with references may read
    // resources that are still being read).
    if (typeof raw !== "string" || !raw.includes("{")) this.placements.set(alias, placement);
    return placement;
  }

  private childInstance(
    module: ModuleInstance,
    name: string,
    index: string | undefined,
  ): ModuleInstance | undefined {
    const instances = module.children.get(name);
    if (!instances) return undefined;
    if (index === undefined) return instances.length === 1 ? instances[0] : undefined;
    const suffix = index.trim();
    return instances.find((child) => child.prefix.endsWith(`module.${name}${suffix}`));
  }

  /**
   * {@link referencedViews} of one expression. At the root, once reading is complete, the answer
   * cannot change and is kept: roles of a stack refer to the same few mounts and data sources.
   */
  viewsReferencedBy(expression: string, context: Context): readonly ResourceView[] {
    if (this.rootReferences === undefined || context !== this.root.context) {
      const views: ResourceView[] = [];
      this.referencedViews(expression, context, views, 0);
      return views;
    }
    let views = this.rootReferences.get(expression);
    if (views === undefined) {
      const found: ResourceView[] = [];
      this.referencedViews(expression, context, found, 0);
      // Kept until extraction ends: a copy of exactly its length (most expressions refer to one
      // view, and a list pushed to reserves room for 17).
      this.rootReferences.set(expression, (views = found.length === 0 ? found : found.slice()));
    }
    return views;
  }

  /** Views an expression refers to, following module outputs into the child module. */
  referencedViews(rawExpression: string, context: Context, out: ResourceView[], depth: number): void {
    if (depth > MAX_RESOLUTION_DEPTH) return;
    let expression = this.withInstanceKeys(rawExpression, context);
    if (expression.includes("module.")) {
      for (const match of expression.matchAll(MODULE_OUTPUT)) {
        const child = this.childInstance(context.module, match[1], match[2]);
        const body = child?.config.outputs.get(match[3]);
        if (!child || !body) continue;
        for (const inner of interpolationsIn(body.value))
          this.referencedViews(inner, child.context, out, depth + 1);
      }
      expression = expression.replace(MODULE_OUTPUT, " ");
    }
    const candidates = expression.match(REFERENCE_CANDIDATE);
    if (candidates === null) return;
    const from = context.instance ? { indexKey: context.instance.key } : undefined;
    for (let i = 0; i < candidates.length; i++) {
      const view = this.index.resolve(candidates[i], context.module.prefix, from);
      if (view && !out.includes(view)) out.push(view);
    }
  }
}

/** The module of a single-file input: that file, no variable files, no local modules read. */
function singleFileModule(input: InputDocument): ModuleSource {
  return {
    dir: input.file,
    files: [
      { file: input.file, json: input.json, ...(input.text !== undefined ? { text: input.text } : {}) },
    ],
    variableFiles: [],
    notRead: [],
    children: new Map(),
  };
}

/**
 * Where the resource blocks of a file are written, found on the first line asked (most files print
 * none) and then only for the types asked: each type's key is searched from the previous type's
 * (`resource`, then `aws_iam_role`, ...), each name from the previous name of its type.
 */
class FileLines {
  private types: TypeBlocks[] | undefined;
  private readonly counter: LineCounter | undefined;

  constructor(private readonly file: ModuleFile) {
    if (file.text !== undefined) this.counter = new LineCounter(file.text);
  }

  lineOf(resource: MergedResource): number | undefined {
    this.types ??= this.typeBlocks();
    // A type may be written in several sections (the list form): the first that names the block.
    for (const blocks of this.types) {
      if (blocks.mode !== resource.mode || blocks.type !== resource.type) continue;
      const line = (blocks.lines ??= this.nameLines(blocks)).get(resource.name);
      if (line !== undefined) return line;
    }
    return undefined;
  }

  /** The type keys of the `resource` and `data` sections, in the order they are written. */
  private typeBlocks(): TypeBlocks[] {
    const types: TypeBlocks[] = [];
    const { text, json } = this.file;
    if (text === undefined || !isObject(json)) return types;
    for (const mode of ["managed", "data"] as const) {
      const raw = mode === "managed" ? json.resource : json.data;
      let cursor = findKey(text, mode === "managed" ? "resource" : "data", 0);
      for (const section of Array.isArray(raw) ? raw : [raw]) {
        if (!isObject(section)) continue;
        for (const type in section) {
          if (!Object.hasOwn(section, type)) continue;
          const instances = blockObject(section[type]);
          if (!instances) continue;
          const at = findKey(text, type, cursor);
          if (at >= 0) cursor = at;
          types.push({ mode, type, instances, at, lines: undefined });
        }
      }
    }
    return types;
  }

  /** The lines of the blocks of one type, by name. */
  private nameLines(blocks: TypeBlocks): Map<string, number> {
    const lines = new Map<string, number>();
    const text = this.file.text!;
    let cursor = blocks.at;
    for (const name in blocks.instances) {
      if (!Object.hasOwn(blocks.instances, name)) continue;
      const at = findKey(text, name, cursor);
      if (at < 0) continue;
      cursor = at;
      if (!lines.has(name)) lines.set(name, this.counter!.lineAt(at));
    }
    return lines;
  }
}

/** The blocks of one type in one section of a file. */
interface TypeBlocks {
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly instances: Record<string, unknown>;
  /** Offset of the type's key, or -1 when it was not found. */
  readonly at: number;
  lines: Map<string, number> | undefined;
}

/**
 * Tells the documents read with {@link readTerraformJson} that every document of the app is read
 * (no reading is under way and none follows), so their resolutions can be kept.
 */
export function completeReadings(readings: readonly DocumentReading[]): void {
  for (const reading of readings) if (reading.scope instanceof TerraformJsonScope) reading.scope.complete();
}

/** Reads a cdktf stack (`cdk.tf.json`), any `*.tf.json`, or a directory of them as one module. */
export function readTerraformJson(input: InputDocument, app?: AppDocuments): DocumentReading {
  const reading: DocumentReading = {
    scope: new TerraformJsonScope(input.file, input.stack, app),
    staticCredentials: [],
    notes: [],
    unknowns: [],
    recordIssues: [],
  };
  const scope = reading.scope as TerraformJsonScope;
  const source = input.module ?? singleFileModule(input);
  if (!input.module && !isObject(input.json)) {
    reading.notes.push({
      location: {
        file: input.file,
        ...(input.stack !== undefined ? { stack: input.stack } : {}),
        address: "(document)",
      },
      message: "the document is not a JSON object; nothing was read from it",
    });
  }
  const reader = new ModuleTreeReader(input, scope, reading);
  for (const file of source.files) {
    if (!isObject(file.json)) continue;
    const aws = blockObject(file.json.provider)?.aws;
    for (const config of Array.isArray(aws) ? aws : [aws]) {
      if (!isObject(config)) continue;
      const alias = typeof config.alias === "string" ? config.alias : "";
      if (!scope.awsProviders.has(alias)) scope.awsProviders.set(alias, config);
    }
    for (const [name, blocks] of Object.entries(blockObject(file.json.provider) ?? {})) {
      for (const config of Array.isArray(blocks) ? blocks : [blocks]) {
        if (!isObject(config)) continue;
        const key = typeof config.alias === "string" ? `${name}.${config.alias}` : name;
        if (!scope.providerBlocks.has(key)) scope.providerBlocks.set(key, config);
      }
    }
    if (app !== undefined && isObject(file.json.terraform)) app.add(scope, file.json.terraform);
  }
  scope.root = reader.readRoot(source);
  return reading;
}

class ModuleTreeReader {
  private readonly lines = new Map<ModuleFile, FileLines>();
  private readonly seenKeys = new Set<string>();
  /** The attribute path of the key scan (empty between scans; one array for all of them). */
  private readonly keyPath: (string | number)[] = [];
  /** False when the files of the input, as their texts show, hold no key ID to scan for. */
  private readonly scanKeys: boolean;

  constructor(
    private readonly input: InputDocument,
    private readonly scope: TerraformJsonScope,
    private readonly reading: DocumentReading,
  ) {
    this.scanKeys =
      input.module !== undefined
        ? moduleMayHoldAccessKeys(input.module)
        : input.text === undefined || jsonTextMayHoldAccessKeys(input.text);
  }

  private linesOf(file: ModuleFile): FileLines {
    let lines = this.lines.get(file);
    if (lines === undefined) this.lines.set(file, (lines = new FileLines(file)));
    return lines;
  }

  private at(file: string, address: string, extra: Partial<SourceLocation> = {}): SourceLocation {
    return {
      file,
      ...(this.input.stack !== undefined ? { stack: this.input.stack } : {}),
      address,
      ...extra,
    };
  }

  readRoot(source: ModuleSource): ModuleInstance {
    const config = mergeModuleFiles(source.files);
    this.reportNotRead(source, "");
    const variables = new Map<string, unknown>();
    const values = new Map<string, { value: unknown; file: string }>();
    for (const file of source.variableFiles) {
      if (!isObject(file.json)) continue;
      for (const [name, value] of Object.entries(file.json)) values.set(name, { value, file: file.file });
    }
    const hclVariables = source.notRead.filter((f) => /\.tfvars$/.test(f.file)).map((f) => f.file);
    for (const [name, declaration] of config.variables) {
      const given = values.get(name);
      if (hclVariables.length > 0 && given === undefined) {
        variables.set(
          name,
          unknown(
            `var.${name} may be set by ${shorten(hclVariables.join(", "), 120)}, which is not read (HCL)`,
          ),
        );
      } else if (given !== undefined) variables.set(name, given.value);
      else if (Object.hasOwn(declaration, "default") && declaration.default !== null)
        variables.set(name, declaration.default);
      else variables.set(name, unknown(`var.${name} has no value (no default, not set by a variable file)`));
    }
    const root = new ModuleInstance("", config, variables);
    // Set before its resources are read: a `count` may already refer to a root provider's region.
    this.scope.root = root;
    this.readModule(root, source, 0);
    return root;
  }

  private reportNotRead(source: ModuleSource, prefix: string): void {
    for (const { file, reason } of source.notRead) {
      // Configuration or variable values Terraform would use: what they define could change any verdict.
      this.reading.unknowns.push({
        location: this.at(file, prefix ? `${prefix} (${baseName(file)})` : baseName(file)),
        expression: baseName(file),
        reason: `was not read (${reason}): the resources, attachments or variable values it defines are not reviewed`,
      });
    }
  }

  private readModule(module: ModuleInstance, source: ModuleSource, depth: number): void {
    const config = module.config;
    for (const problem of config.problems) {
      this.reading.notes.push({
        location: this.at(problem.file, qualify(module.prefix, problem.address)),
        message: problem.message,
      });
    }
    config.forEachResource((resource) => this.readResource(module, resource));
    for (const file of source.files) {
      if (isObject(file.json))
        readProviders(
          file,
          this.scope,
          module,
          (address, extra) => this.at(file.file, address, extra),
          this.reading.staticCredentials,
        );
    }
    for (const [name, { body, file }] of config.modules)
      this.readModuleCall(module, source, name, body, file, depth);
  }

  /** Where a resource instance is written: with its line found on demand when the text is kept. */
  private resourceLocation(
    resource: MergedResource,
    address: string,
    constructPath: string | undefined,
  ): SourceLocation {
    const file = resource.file;
    // Without the text (stacks evaluated at synth) there is no line to find.
    return file.text === undefined
      ? this.at(file.file, address, constructPath !== undefined ? { constructPath } : {})
      : locationWithLine(file.file, this.input.stack, address, constructPath, this.linesOf(file), resource);
  }

  private readResource(module: ModuleInstance, resource: MergedResource): void {
    const { type, body } = resource;
    const base = qualify(module.prefix, resource.address);
    const comment = readCommentBlock(body);
    const constructPath = comment.constructPath ? comment.constructPath : undefined;
    if (comment.malformedRecord) {
      this.reading.recordIssues.push({
        location: this.resourceLocation(resource, base, constructPath),
        kind: "malformed",
        ...(comment.malformedRecordId !== undefined ? { recordId: comment.malformedRecordId } : {}),
        detail: comment.malformedRecord,
      });
    }
    if (Object.hasOwn(body, "dynamic") && IDENTITY_RELEVANT.test(type)) {
      // A dynamic block generates nested blocks (inline policies, statements) from a collection.
      // https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks
      const kinds = isObject(body.dynamic) ? Object.keys(body.dynamic).join(", ") : "dynamic";
      this.reading.unknowns.push({
        location: this.resourceLocation(resource, base, constructPath),
        expression: `dynamic ${shorten(kinds, 80)}`,
        reason:
          "generates nested blocks this reviewer does not expand: the policies or statements they hold are not reviewed",
      });
    }
    const expansion = this.instances(body, module.context, base);
    if (expansion === SINGLE) {
      // Nearly every resource: one instance at the base address, in the module's context.
      this.addView(resource, base, base, comment.record, constructPath, module.context);
      return;
    }
    if ("unknown" in expansion && IDENTITY_RELEVANT.test(type)) {
      this.reading.unknowns.push({
        location: this.resourceLocation(resource, base, constructPath),
        expression: expansion.expression,
        reason: expansion.unknown,
      });
    }
    const instances = "instances" in expansion ? expansion.instances : NO_INSTANCE;
    for (let i = 0; i < instances.length; i++) {
      const instance = instances[i];
      const address = instance === undefined ? base : `${base}${indexSuffix(instance.key)}`;
      const context = instance === undefined ? module.context : { module, instance };
      this.addView(resource, address, base, comment.record, constructPath, context);
    }
  }

  private addView(
    resource: MergedResource,
    address: string,
    base: string,
    record: IdentityRecord | undefined,
    constructPath: string | undefined,
    context: Context,
  ): void {
    const body = resource.body;
    const view = new TerraformJsonView(
      this.scope,
      address,
      base,
      resource.type,
      resource.mode,
      this.resourceLocation(resource, address, constructPath),
      body,
      record,
      context,
    );
    this.scope.add(view);
    if (this.scanKeys)
      scanForAccessKeys(body, view.location, this.seenKeys, this.reading.staticCredentials, this.keyPath);
  }

  /**
   * The instances `count` or `for_each` create, when their keys are known; "unknown" otherwise.
   * https://developer.hashicorp.com/terraform/language/meta-arguments/count
   * https://developer.hashicorp.com/terraform/language/meta-arguments/for_each
   */
  private instances(
    body: Record<string, unknown>,
    context: Context,
    address: string,
  ): { single: true } | { instances: Instance[] } | { unknown: string; expression: string } {
    const hasCount = Object.hasOwn(body, "count") && body.count !== null;
    const hasForEach = Object.hasOwn(body, "for_each") && body.for_each !== null;
    if (!hasCount && !hasForEach) return SINGLE;
    return this.expandedInstances(body, context, address, hasForEach);
  }

  /**
   * {@link instances} of a resource or module call that has `count` or `for_each` (apart, so the
   * closure below costs nothing to the others).
   */
  private expandedInstances(
    body: Record<string, unknown>,
    context: Context,
    address: string,
    hasForEach: boolean,
  ): { instances: Instance[] } | { unknown: string; expression: string } {
    const raw = hasForEach ? body.for_each : body.count;
    const expression = typeof raw === "string" ? raw : (JSON.stringify(raw) ?? "");
    const what = hasForEach ? "for_each" : "count";
    const unknownKeys = (why: string) => ({
      unknown: `decides which instances of ${address} exist (their number and keys), and ${why}: the principals or attachments they create are not reviewed one by one`,
      expression: `${what} = ${shorten(expression, 120)}`,
    });
    const value = this.scope.resolveDeep(raw, context, 1);
    if (isUnknown(value)) return unknownKeys(`it is not known (${value.reason})`);
    if (!hasForEach) {
      const count = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof count !== "number" || !Number.isInteger(count) || count < 0)
        return unknownKeys("it is not a number known statically");
      if (count > MAX_INSTANCES) return unknownKeys(`it is above ${MAX_INSTANCES}`);
      return { instances: Array.from({ length: count }, (_, index) => ({ key: index })) };
    }
    let entries: [string, unknown][];
    if (Array.isArray(value)) entries = value.map((item) => [item as string, item]);
    else if (isObject(value)) entries = Object.entries(value);
    else return unknownKeys("it is not a map or set known statically");
    if (entries.length > MAX_INSTANCES) return unknownKeys(`it has more than ${MAX_INSTANCES} keys`);
    if (entries.some(([key]) => typeof key !== "string" || hasInterpolation(key)))
      return unknownKeys("its keys are not all strings known statically");
    const unique = new Map(entries);
    return { instances: [...unique].map(([key, item]) => ({ key, value: item })) };
  }

  /**
   * A `module` block with a local source is read from its directory, its arguments becoming the
   * child's input variables (evaluated in the caller). Other sources are not in the input.
   * https://developer.hashicorp.com/terraform/language/modules/sources#local-paths
   */
  private readModuleCall(
    parent: ModuleInstance,
    source: ModuleSource,
    name: string,
    body: Record<string, unknown>,
    file: ModuleFile,
    depth: number,
  ): void {
    const base = qualify(parent.prefix, `module.${name}`);
    const written = typeof body.source === "string" ? body.source : undefined;
    const comment = readCommentBlock(body);
    const location = this.at(
      file.file,
      base,
      comment.constructPath ? { constructPath: comment.constructPath } : {},
    );
    if (written === undefined || !/^\.\.?[/\\]/.test(written)) {
      const shown = written !== undefined ? ` (source ${quote(shorten(written, 100))})` : "";
      this.reading.notes.push({
        location,
        message: `module call${shown}: the resources it creates are not in this input, so identities it defines are not reviewed`,
      });
      return;
    }
    const child = source.children.get(written);
    if (child === undefined || "problem" in child || depth >= MAX_MODULE_DEPTH) {
      const why =
        child && "problem" in child
          ? child.problem
          : depth >= MAX_MODULE_DEPTH
            ? `modules nest deeper than ${MAX_MODULE_DEPTH}`
            : "it was not loaded";
      this.reading.unknowns.push({
        location,
        expression: `source = ${shorten(written, 100)}`,
        reason: `is a local module that could not be read (${why}): the principals and attachments it defines are not reviewed`,
      });
      return;
    }
    const config = mergeModuleFiles(child.files);
    const expansion = this.instances(body, parent.context, base);
    if ("unknown" in expansion) {
      this.reading.unknowns.push({ location, expression: expansion.expression, reason: expansion.unknown });
    }
    const instances = "instances" in expansion ? expansion.instances : NO_INSTANCE;
    const list: ModuleInstance[] = [];
    parent.children.set(name, list);
    for (const instance of instances) {
      const context: Context = instance ? { module: parent, instance } : parent.context;
      const variables = new Map<string, unknown>();
      for (const [variable, declaration] of config.variables) {
        if (MODULE_META_ARGUMENTS.has(variable)) continue;
        if (Object.hasOwn(body, variable)) {
          const value = this.scope.resolveDeep(body[variable], context, 1);
          variables.set(
            variable,
            containsUnresolved(value)
              ? unknown(
                  `module argument ${variable} = ${shorten(safeJsonStringify(body[variable]), 100)} is not known statically`,
                )
              : value,
          );
        } else if (Object.hasOwn(declaration, "default") && declaration.default !== null)
          variables.set(variable, declaration.default);
        else variables.set(variable, unknown(`var.${variable} of ${base} has no value`));
      }
      const instanceModule = new ModuleInstance(`${base}${indexSuffix(instance?.key)}`, config, variables);
      list.push(instanceModule);
      if (instance === instances[0]) this.reportNotRead(child, base);
      this.readModule(instanceModule, child, depth + 1);
    }
  }
}

/**
 * True when a text is one `${...}` and nothing else, with no brace inside: then INTERPOLATION
 * matches it once, whole (no `$` can precede it).
 */
function isOneExpression(text: string): boolean {
  return text.startsWith("${") && text.indexOf("{", 2) < 0 && text.indexOf("}") === text.length - 1;
}

/** {@link TerraformJsonScope.withInstanceKeys} for an instance (apart: its closure costs the others nothing). */
function withKeysOf(instance: Instance, expression: string): string {
  return expression.replace(INSTANCE_KEY, (whole, name: string) => {
    const value = name === "each.value" ? instance.value : instance.key;
    return typeof value === "string" || typeof value === "number" ? `[${JSON.stringify(value)}]` : whole;
  });
}

/**
 * Follows `.attr` and `["key"]` / `[0]` steps into a known value (object attributes, map keys,
 * list indexes); undefined when a step does not apply.
 */
function traverse(value: unknown, steps: string): unknown {
  let current = value;
  for (const step of steps.match(/\.[A-Za-z0-9_-]+|\[[^\]]+\]/g) ?? []) {
    if (current === undefined || isUnknown(current)) return current;
    let key: unknown = step.slice(1);
    if (step.startsWith("[")) {
      try {
        key = JSON.parse(step.slice(1, -1)) as unknown;
      } catch {
        return undefined;
      }
    }
    if (Array.isArray(current) && typeof key === "number") current = current[key];
    else if (isObject(current) && typeof key === "string" && Object.hasOwn(current, key))
      current = current[key];
    else return undefined;
  }
  return current;
}

function containsUnresolved(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (typeof value === "string") return hasInterpolation(value);
  if (Array.isArray(value)) return value.some(containsUnresolved);
  if (isObject(value)) return Object.values(value).some(containsUnresolved);
  return false;
}

function qualify(prefix: string, local: string): string {
  return prefix ? `${prefix}.${local}` : local;
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
}

function readProviders(
  file: ModuleFile,
  scope: TerraformJsonScope,
  module: ModuleInstance,
  at: (address: string, extra?: Partial<SourceLocation>) => SourceLocation,
  out: StaticCredential[],
): void {
  const json = file.json as Record<string, unknown>;
  const providers = blockObject(json.provider);
  if (!providers) return;
  // Searched only when a provider block holds a credential (most files have none).
  let lines: LineIndex | undefined | null = null;
  let providerAt = -1;
  for (const [name, raw] of Object.entries(providers)) {
    const configs = Array.isArray(raw) ? raw : [raw];
    let nameAt: number | null = null;
    for (const config of configs) {
      if (!isObject(config)) continue;
      const alias = typeof config.alias === "string" ? `.${config.alias}` : "";
      const secretField = name === "aws" ? "access_key" : name === "vault" ? "token" : undefined;
      if (!secretField) continue;
      const value = config[secretField];
      if (typeof value !== "string" || value === "") continue;
      if (lines === null) {
        lines = file.text !== undefined ? new LineIndex(file.text) : undefined;
        providerAt = lines ? lines.findKey("provider") : -1;
      }
      nameAt ??= lines && providerAt >= 0 ? lines.findKey(name, providerAt) : -1;
      const location = at(
        qualify(module.prefix, `provider.${name}${alias}`),
        lines && nameAt >= 0 ? { line: lines.lineAt(nameAt) } : {},
      );
      const resolved = scope.resolveIn(value, module.context, 0);
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
