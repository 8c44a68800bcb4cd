import type { GraphNote, StaticCredential } from "../model/graph";
import type { SourceLocation } from "../model/location";
import { unknown } from "../model/unknown";
import { type DocumentReading, shorten } from "./document-reading";
import { accessKeyIdsIn, maskKeyId, scanForAccessKeys } from "./hard-coded-keys";
import { isObject } from "./iam-policy-json";
import type { InputDocument } from "./input-document";
import { planAddressLines } from "./line-index";
import {
  type AddressParts,
  type AttributePath,
  type DocumentScope,
  type ResourceView,
  ViewIndex,
  baseAddressOf,
  parseAddress,
} from "./resource-view";
import { emptyRecord, ownValue } from "../model/lookup-table";

const AFTER_APPLY = "known only after apply";

interface PlannedResource {
  readonly address: string;
  readonly parts: AddressParts;
  values: Record<string, unknown>;
  mask?: unknown;
}

function localAddress(parts: AddressParts): string {
  return `${parts.mode === "data" ? "data." : ""}${parts.type}.${parts.name}`;
}

/** An expression object of `configuration`: `{references: [...]}` or `{constant_value: ...}`. */
function isExpression(value: unknown): value is { references?: unknown; constant_value?: unknown } {
  return isObject(value) && ("references" in value || "constant_value" in value);
}

class PlanView implements ResourceView {
  readonly type: string;
  readonly mode: "managed" | "data";
  readonly baseAddress: string;
  readonly indexKey?: string | number;
  readonly modulePrefix: string;

  constructor(
    readonly scope: PlanScope,
    readonly address: string,
    parts: AddressParts,
    readonly location: SourceLocation,
    private readonly values: Record<string, unknown>,
    private readonly mask: unknown,
    private readonly expressions: Record<string, unknown> | undefined,
    /** `provider_config_key` of the resource's configuration (`vault.team`, `module.m:vault`). */
    readonly providerConfigKey?: string,
  ) {
    this.type = parts.type;
    this.mode = parts.mode;
    this.baseAddress = baseAddressOf(parts);
    this.modulePrefix = parts.modulePrefix;
    if (parts.indexKey !== undefined) this.indexKey = parts.indexKey;
  }

  /** Walks values and `after_unknown` together: a `true` in the mask means computed at apply. */
  rawAt(path: AttributePath): unknown {
    let value: unknown = this.values;
    let mask: unknown = this.mask;
    for (const segment of path) {
      if (mask === true) return unknown(AFTER_APPLY);
      value = step(value, segment);
      mask = step(mask, segment);
    }
    if (mask === true) return unknown(AFTER_APPLY);
    return value === null ? undefined : value;
  }

  private expressionAt(path: AttributePath): { references?: unknown; constant_value?: unknown } | undefined {
    let node: unknown = this.expressions;
    for (const segment of path) {
      if (isExpression(node)) break;
      node = step(node, segment);
    }
    return isExpression(node) ? node : undefined;
  }

  referenceTextsAt(path: AttributePath): readonly string[] {
    const references = this.expressionAt(path)?.references;
    if (!Array.isArray(references)) return [];
    const texts = [...new Set(references.filter((r): r is string => typeof r === "string"))];
    // Terraform lists `a.b.c` and its parents `a.b`; keep the most specific of each.
    return texts.filter((text) => !texts.some((other) => other !== text && other.startsWith(`${text}.`)));
  }

  referencesAt(path: AttributePath): readonly ResourceView[] {
    const references = this.expressionAt(path)?.references;
    if (!Array.isArray(references)) return [];
    const views: ResourceView[] = [];
    for (const reference of references) {
      if (typeof reference !== "string") continue;
      const view = this.scope.index.resolve(reference, this.modulePrefix, this);
      if (view && view !== this && !views.includes(view)) views.push(view);
    }
    return views;
  }
}

function step(value: unknown, segment: string | number): unknown {
  if (Array.isArray(value) && typeof segment === "number") return value[segment];
  if (isObject(value) && typeof segment === "string") return ownValue(value, segment);
  return undefined;
}

class PlanScope implements DocumentScope {
  readonly format = "plan-json";
  readonly resources: PlanView[] = [];
  readonly index = new ViewIndex();
  /** `configuration.provider_config`: expressions by provider configuration key. */
  readonly providerExpressions = new Map<string, Record<string, unknown>>();

  constructor(
    readonly file: string,
    readonly stack: string | undefined,
  ) {}

  add(view: PlanView): void {
    this.resources.push(view);
    this.index.add(view);
  }

  /** Plan values are already evaluated by Terraform. */
  resolveText(text: string): string {
    return text;
  }

  providerSetting(view: ResourceView, provider: string, setting: string): unknown {
    const key = view instanceof PlanView && view.providerConfigKey ? view.providerConfigKey : provider;
    const expressions =
      this.providerExpressions.get(key) ?? this.providerExpressions.get(key.slice(key.lastIndexOf(":") + 1));
    const expression = expressions?.[setting];
    if (!isExpression(expression)) return undefined;
    if (expression.constant_value !== undefined) return expression.constant_value;
    return unknown(
      `the ${provider} provider's ${setting} is computed from ${referenceList(expression.references)}`,
    );
  }
}

function referenceList(references: unknown): string {
  const texts = Array.isArray(references) ? references.filter((r) => typeof r === "string") : [];
  return texts.length > 0 ? texts.slice(0, 3).join(", ") : "an expression";
}

/** Resources of `planned_values` / `prior_state.values`, module tree flattened. */
function collectModuleResources(
  module: unknown,
  out: Map<string, PlannedResource>,
  skip: ReadonlySet<string> = new Set(),
): void {
  if (!isObject(module)) return;
  if (Array.isArray(module.resources)) {
    for (const resource of module.resources) {
      if (!isObject(resource) || typeof resource.address !== "string" || out.has(resource.address)) continue;
      if (skip.has(resource.address)) continue;
      const parts = parseAddress(resource.address);
      if (!parts) continue;
      out.set(resource.address, {
        address: resource.address,
        parts,
        values: isObject(resource.values) ? resource.values : {},
      });
    }
  }
  if (Array.isArray(module.child_modules))
    for (const child of module.child_modules) collectModuleResources(child, out, skip);
}

interface ConfigModule {
  readonly path: string;
  readonly resources: Record<string, unknown>[];
}

/** `configuration.root_module` and its `module_calls`, each with its path without instance keys. */
function configModules(root: unknown, path = "", out: ConfigModule[] = [], depth = 0): ConfigModule[] {
  if (!isObject(root) || depth > 32) return out;
  const resources = Array.isArray(root.resources) ? root.resources.filter(isObject) : [];
  out.push({ path, resources });
  if (isObject(root.module_calls)) {
    for (const [name, call] of Object.entries(root.module_calls)) {
      if (!isObject(call)) continue;
      configModules(call.module, path ? `${path}.module.${name}` : `module.${name}`, out, depth + 1);
    }
  }
  return out;
}

/** Reads `terraform show -json` output (format 0.1 to 1.2). */
export function readPlanJson(input: InputDocument): DocumentReading {
  const notes: GraphNote[] = [];
  const staticCredentials: StaticCredential[] = [];
  const json = isObject(input.json) ? input.json : {};
  const scope = new PlanScope(input.file, input.stack);
  const lines = input.text !== undefined ? planAddressLines(input.text) : undefined;
  const at = (address: string): SourceLocation => {
    const line = lines?.get(address);
    return {
      file: input.file,
      ...(input.stack !== undefined ? { stack: input.stack } : {}),
      address,
      ...(line !== undefined ? { line } : {}),
    };
  };

  // Planned values first (some resources appear only there), then resource_changes, then data
  // sources read during refresh (prior_state).
  const planned = new Map<string, PlannedResource>();
  collectModuleResources(
    isObject(json.planned_values) ? json.planned_values.root_module : undefined,
    planned,
  );
  const changes = Array.isArray(json.resource_changes) ? json.resource_changes.filter(isObject) : [];
  // What the plan deletes is gone after apply: not a principal, and not re-read from prior_state.
  // A replacement (["delete","create"] / ["create","delete"]) has an `after` and counts once.
  // https://developer.hashicorp.com/terraform/internals/json-format#change-representation
  const deleted = new Set<string>();
  for (const change of changes) {
    if (typeof change.address !== "string" || !isObject(change.change)) continue;
    const actions = change.change.actions;
    if (Array.isArray(actions) && actions.includes("delete") && !actions.includes("create")) {
      deleted.add(change.address);
      planned.delete(change.address);
      continue;
    }
    const after = change.change.after;
    const existing = planned.get(change.address);
    if (existing) {
      existing.mask = change.change.after_unknown;
      continue;
    }
    if (!isObject(after)) continue; // destroyed: it will not exist after apply
    const parts = parseAddress(change.address);
    if (!parts) continue;
    planned.set(change.address, {
      address: change.address,
      parts,
      values: after,
      mask: change.change.after_unknown,
    });
  }
  const prior =
    isObject(json.prior_state) && isObject(json.prior_state.values) ? json.prior_state.values : undefined;
  collectModuleResources(prior?.root_module, planned, deleted);

  const modules = configModules(isObject(json.configuration) ? json.configuration.root_module : undefined);
  const expressions = new Map<string, Record<string, unknown>>();
  const providerKeys = new Map<string, string>();
  for (const module of modules) {
    for (const resource of module.resources) {
      if (typeof resource.address !== "string") continue;
      if (isObject(resource.expressions))
        expressions.set(`${module.path}#${resource.address}`, resource.expressions);
      if (typeof resource.provider_config_key === "string")
        providerKeys.set(`${module.path}#${resource.address}`, resource.provider_config_key);
    }
  }
  const configuration = isObject(json.configuration) ? json.configuration : {};
  if (isObject(configuration.provider_config))
    for (const [key, provider] of Object.entries(configuration.provider_config))
      if (isObject(provider) && isObject(provider.expressions))
        scope.providerExpressions.set(key, provider.expressions);

  for (const resource of planned.values()) {
    const configKey = `${resource.parts.moduleConfigPath}#${localAddress(resource.parts)}`;
    scope.add(
      new PlanView(
        scope,
        resource.address,
        resource.parts,
        at(resource.address),
        resource.values,
        resource.mask,
        expressions.get(configKey),
        providerKeys.get(configKey),
      ),
    );
  }

  const seenKeys = new Set<string>();
  for (const view of scope.resources)
    scanForAccessKeys(view.rawAt([]), view.location, seenKeys, staticCredentials);
  // Constants the plan shows only in configuration (e.g. user_data, stored as a hash in values).
  for (const module of modules) {
    for (const resource of module.resources) {
      if (typeof resource.address !== "string") continue;
      const address = module.path ? `${module.path}.${resource.address}` : resource.address;
      scanForAccessKeys(constantValues(resource.expressions), at(address), seenKeys, staticCredentials);
    }
  }
  readProviderConfig(json.configuration, at, staticCredentials);
  noteUnexpandedModules(modules, planned, at, notes);
  return { scope, staticCredentials, notes, unknowns: [], recordIssues: [] };
}

/** Every `constant_value` under a configuration expression tree, keyed by attribute. */
function constantValues(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(constantValues);
  if (!isObject(node)) return undefined;
  if (isExpression(node)) return node.constant_value;
  const result = emptyRecord<unknown>();
  for (const [key, value] of Object.entries(node)) result[key] = constantValues(value);
  return result;
}

function readProviderConfig(
  configuration: unknown,
  at: (address: string) => SourceLocation,
  out: StaticCredential[],
): void {
  if (!isObject(configuration) || !isObject(configuration.provider_config)) return;
  for (const [key, provider] of Object.entries(configuration.provider_config)) {
    if (!isObject(provider) || !isObject(provider.expressions)) continue;
    const name = typeof provider.name === "string" ? provider.name : key.split(".")[0];
    const field = name === "aws" ? "access_key" : name === "vault" ? "token" : undefined;
    if (!field) continue;
    const expression = provider.expressions[field];
    if (!isExpression(expression)) continue;
    const location = at(`provider.${key}`);
    const constant = expression.constant_value;
    if (typeof constant === "string" && constant !== "") {
      const keyIds = accessKeyIdsIn(constant);
      const shown = keyIds.length > 0 ? ` ${maskKeyId(keyIds[0])}` : "";
      out.push({
        location,
        kind: "provider-static-key",
        detail:
          name === "vault"
            ? "the vault provider configuration contains a static Vault token"
            : `the aws provider configuration contains the static access key${shown}: the deployment uses a long-lived IAM user key`,
      });
    } else if (Array.isArray(expression.references) && expression.references.length > 0) {
      const from = shorten(expression.references.filter((r) => typeof r === "string").join(", "), 60);
      out.push({
        location,
        kind: "provider-static-key",
        detail: `the ${name} provider configuration sets ${field} from ${from}: a static credential`,
      });
    }
  }
}

function noteUnexpandedModules(
  modules: readonly ConfigModule[],
  planned: ReadonlyMap<string, PlannedResource>,
  at: (address: string) => SourceLocation,
  notes: GraphNote[],
): void {
  const expanded = new Set<string>();
  for (const resource of planned.values()) {
    const path = resource.parts.moduleConfigPath;
    // Every ancestor module of a planned resource is expanded too.
    let end = path.length;
    while (end > 0) {
      expanded.add(path.slice(0, end));
      end = path.lastIndexOf(".module.", end - 1);
    }
  }
  for (const module of modules) {
    if (module.path === "" || module.resources.length === 0 || expanded.has(module.path)) continue;
    notes.push({
      location: at(module.path),
      message: "module call with no resources in this plan: identities it may define are not reviewed",
    });
  }
}
