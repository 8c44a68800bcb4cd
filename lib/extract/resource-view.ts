import type { SourceLocation } from "../model/location";
import type { IdentityRecord } from "../model/record";

/** A path into a resource's attributes: attribute names, block indexes, map keys. */
export type AttributePath = readonly (string | number)[];

/**
 * One resource (or data source) instance, whatever input format it came from. The graph is
 * assembled from views only, so Terraform JSON and plan JSON go through the same code.
 */
export interface ResourceView {
  /** Terraform address as Terraform prints it: module path, type, name and index key. */
  readonly address: string;
  readonly type: string;
  readonly mode: "managed" | "data";
  /** Address without the instance key of the resource itself (`module.m.aws_iam_role.r`). */
  readonly baseAddress: string;
  /** `for_each` / `count` key of this instance, when any. */
  readonly indexKey?: string | number;
  readonly location: SourceLocation;
  /** The identity record embedded by the constructs under `"//"`, when present and well-formed. */
  readonly record?: IdentityRecord;
  readonly scope: DocumentScope;
  /**
   * The attribute as written (Terraform JSON) or planned: a JSON value, an `Unknown` for a
   * value known only after apply, or undefined when not set.
   */
  rawAt(path: AttributePath): unknown;
  /**
   * Resources of the same document that the attribute refers to. The list may be shared with
   * other callers (kept per expression): read it, never change it.
   */
  referencesAt(path: AttributePath): readonly ResourceView[];
  /** The expressions the attribute refers to, as written (for reasons shown to reviewers). */
  referenceTextsAt(path: AttributePath): readonly string[];
}

/** One input document seen as a set of resources plus its own way of resolving references. */
export interface DocumentScope {
  readonly file: string;
  readonly stack?: string;
  readonly format: "terraform-json" | "plan-json";
  readonly resources: readonly ResourceView[];
  /**
   * Substitutes the `${...}` references this document can resolve (variable defaults, literal
   * attributes of other resources); unresolved ones stay in the text. Plans are already resolved.
   */
  resolveText(text: string, from: ResourceView | undefined, depth?: number): string;
  /**
   * A setting of the provider configuration `view` uses (its `provider = "<provider>.<alias>"`,
   * else the default configuration): the text when known, an Unknown when the document does not
   * determine it, undefined when not set.
   */
  providerSetting(view: ResourceView, provider: string, setting: string): unknown;
}

/** The parts of an address: `module.a["x"].data.aws_iam_policy_document.d[0]`. */
export interface AddressParts {
  /** Module instance prefix including keys, e.g. `module.a["x"]`, or "" at the root. */
  readonly modulePrefix: string;
  /** Module path without instance keys, e.g. `module.a` (the configuration's view). */
  readonly moduleConfigPath: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly indexKey?: string | number;
}

/** Splits a Terraform address on dots that are outside `[...]` index brackets. */
function splitSegments(address: string): string[] {
  const segments: string[] = [];
  let current = "";
  let depth = 0;
  let inString = false;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (inString) {
      current += ch;
      if (ch === "\\") current += address[++i] ?? "";
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "[") depth++;
    else if (ch === "]") depth--;
    if (ch === "." && depth === 0) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  return segments;
}

function splitIndex(segment: string): { name: string; indexKey?: string | number } {
  const open = segment.indexOf("[");
  if (open < 0 || !segment.endsWith("]")) return { name: segment };
  const inner = segment.slice(open + 1, -1);
  let indexKey: string | number | undefined;
  if (/^\d+$/.test(inner)) indexKey = Number(inner);
  else {
    try {
      const parsed: unknown = JSON.parse(inner);
      indexKey = typeof parsed === "string" || typeof parsed === "number" ? parsed : inner;
    } catch {
      indexKey = inner;
    }
  }
  return { name: segment.slice(0, open), indexKey };
}

export function parseAddress(address: string): AddressParts | undefined {
  const segments = splitSegments(address);
  const modules: string[] = [];
  const configModules: string[] = [];
  let i = 0;
  while (segments[i] === "module" && i + 1 < segments.length) {
    modules.push(`module.${segments[i + 1]}`);
    configModules.push(`module.${splitIndex(segments[i + 1]).name}`);
    i += 2;
  }
  let mode: "managed" | "data" = "managed";
  if (segments[i] === "data") {
    mode = "data";
    i++;
  }
  if (segments.length - i !== 2) return undefined;
  const { name, indexKey } = splitIndex(segments[i + 1]);
  return {
    modulePrefix: modules.join("."),
    moduleConfigPath: configModules.join("."),
    mode,
    type: segments[i],
    name,
    ...(indexKey !== undefined ? { indexKey } : {}),
  };
}

/** `module.m.data.t.n` from parts, without the instance key. */
export function baseAddressOf(parts: AddressParts): string {
  const local = `${parts.mode === "data" ? "data." : ""}${parts.type}.${parts.name}`;
  return parts.modulePrefix ? `${parts.modulePrefix}.${local}` : local;
}

/** Renders an index key as Terraform prints it: `[0]` or `["p1"]`. */
export function indexSuffix(indexKey: string | number | undefined): string {
  if (indexKey === undefined) return "";
  return typeof indexKey === "number" ? `[${indexKey}]` : `[${JSON.stringify(indexKey)}]`;
}

/** First segments of a reference that name something other than a resource. */
const NOT_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  "var",
  "local",
  "each",
  "count",
  "module",
  "path",
  "self",
  "terraform",
]);
const RESOURCE_TYPE = /^[a-z][a-z0-9_]*$/;

/**
 * Reads the resource part of a reference expression (`aws_iam_role.r.arn`,
 * `data.aws_iam_policy_document.d["k"].json`): the local base address and an optional literal key.
 */
export function referenceTarget(reference: string): { base: string; indexKey?: string | number } | undefined {
  // Nearly every reference is plain dotted names: its segments are found without copying characters.
  if (!reference.includes("[") && !reference.includes("]") && !reference.includes('"')) {
    const start = reference.startsWith("data.") ? 5 : 0;
    const typeEnd = reference.indexOf(".", start);
    if (typeEnd < 0) return undefined;
    const type = reference.slice(start, typeEnd);
    if (!RESOURCE_TYPE.test(type) || NOT_RESOURCE_TYPES.has(type)) return undefined;
    const nameEnd = reference.indexOf(".", typeEnd + 1);
    return { base: nameEnd < 0 ? reference : reference.slice(0, nameEnd) };
  }
  const segments = splitSegments(reference);
  let i = 0;
  let prefix = "";
  if (segments[0] === "data") {
    prefix = "data.";
    i = 1;
  }
  if (segments.length - i < 2) return undefined;
  const type = segments[i];
  if (!RESOURCE_TYPE.test(type) || NOT_RESOURCE_TYPES.has(type)) return undefined;
  const { name, indexKey } = splitIndex(segments[i + 1]);
  return { base: `${prefix}${type}.${name}`, ...(indexKey !== undefined ? { indexKey } : {}) };
}

/**
 * Where a reference points inside one module: the base address, and the instance address when
 * keyed. What they are looked up to is kept once found: a view is never replaced at its address,
 * and the list of a base address is one array that grows as views are added.
 */
class ResolvedReference {
  view: ResourceView | undefined = undefined;

  constructor(
    readonly base: string,
    readonly address: string | undefined,
  ) {}
}

/**
 * Index of the views of one document by address and by base address, to turn references into
 * views in constant time. A reference to a resource with several instances picks the instance with
 * the referrer's own key (`for_each` over the same set), else the only instance.
 */
export class ViewIndex {
  /**
   * The first view at each address that differs from its base address (an instance with a key);
   * a view at its base address is found in {@link byBase}, which nearly every view is.
   */
  private readonly byKeyedAddress = new Map<string, ResourceView>();
  /**
   * The views at each base address: the one view (nearly every base address has one: a list each
   * would be most of what the index holds), or the instances in the order they were added.
   */
  private readonly byBase = new Map<string, ResourceView | ResourceView[]>();
  /**
   * Parsed references by module prefix, then by reference text. The same references are resolved
   * again and again (every policy names the partition and account data sources); keeping the
   * addresses built once also keeps their hashes, so the lookups below hash nothing new.
   */
  private readonly parsed = new Map<string, Map<string, ResolvedReference | null>>();
  private readonly parsedAtRoot = new Map<string, ResolvedReference | null>();

  add(view: ResourceView): void {
    const address = view.address;
    // A keyed view is kept only as the first view at its address (an address without a key is a
    // base address, so a view there may be in byBase already).
    if (
      address !== view.baseAddress &&
      !this.byKeyedAddress.has(address) &&
      this.atBase(address) === undefined
    )
      this.byKeyedAddress.set(address, view);
    const known = this.byBase.get(view.baseAddress);
    if (known === undefined) this.byBase.set(view.baseAddress, view);
    else if (Array.isArray(known)) known.push(view);
    else this.byBase.set(view.baseAddress, [known, view]);
  }

  /** The first view added at `address`. */
  get(address: string): ResourceView | undefined {
    return this.byKeyedAddress.get(address) ?? this.atBase(address);
  }

  /** The first view whose address is its base address `address`. */
  private atBase(address: string): ResourceView | undefined {
    const known = this.byBase.get(address);
    if (!Array.isArray(known)) return known !== undefined && known.address === address ? known : undefined;
    for (let i = 0; i < known.length; i++) if (known[i].address === address) return known[i];
    return undefined;
  }

  instances(baseAddress: string): readonly ResourceView[] {
    const known = this.byBase.get(baseAddress);
    return known === undefined ? [] : Array.isArray(known) ? known : [known];
  }

  /** Resolves a module-relative reference made by `from` (whose module prefix applies). */
  resolve(
    reference: string,
    modulePrefix: string,
    from?: { indexKey?: string | number },
  ): ResourceView | undefined {
    let known = modulePrefix === "" ? this.parsedAtRoot : this.parsed.get(modulePrefix);
    if (known === undefined) this.parsed.set(modulePrefix, (known = new Map()));
    let target = known.get(reference);
    if (target === undefined) {
      target = resolvedReference(reference, modulePrefix);
      known.set(reference, target);
    }
    if (target === null) return undefined;
    if (target.address !== undefined) return (target.view ??= this.get(target.address));
    // Looked up each time (the address keeps its hash): a second instance replaces the one view.
    const instances = this.byBase.get(target.base);
    if (instances === undefined) return undefined;
    if (!Array.isArray(instances)) return instances;
    if (from?.indexKey !== undefined) return instances.find((v) => v.indexKey === from.indexKey);
    return undefined;
  }
}

function resolvedReference(reference: string, modulePrefix: string): ResolvedReference | null {
  const target = referenceTarget(reference);
  if (!target) return null;
  const base = modulePrefix ? `${modulePrefix}.${target.base}` : target.base;
  return new ResolvedReference(
    base,
    target.indexKey !== undefined ? `${base}${indexSuffix(target.indexKey)}` : undefined,
  );
}
