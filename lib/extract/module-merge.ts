import { isObject } from "./iam-policy-json";
import type { ModuleFile } from "./input-document";
import { emptyRecord, ownValue } from "../model/lookup-table";

/**
 * A module's configuration after Terraform's file merge: every `*.tf.json` of the directory is one
 * module (blocks of all files share one namespace), and override files are merged in afterwards.
 * https://developer.hashicorp.com/terraform/language/files
 * https://developer.hashicorp.com/terraform/language/files/override
 * https://developer.hashicorp.com/terraform/language/syntax/json
 */
export interface MergedModule {
  /**
   * Visits the resources and data sources, in file order. A module of one primary file whose
   * addresses cannot repeat (nearly every cdktf stack) makes each resource as it is visited, so
   * that thousands of them are not all held while the module is read.
   */
  readonly forEachResource: (visit: (resource: MergedResource) => void) => void;
  readonly variables: ReadonlyMap<string, Record<string, unknown>>;
  readonly locals: ReadonlyMap<string, unknown>;
  readonly modules: ReadonlyMap<
    string,
    { readonly body: Record<string, unknown>; readonly file: ModuleFile }
  >;
  readonly outputs: ReadonlyMap<string, Record<string, unknown>>;
  /** Conflicts Terraform itself rejects (duplicate blocks, overrides of nothing), for notes. */
  readonly problems: readonly { readonly file: string; readonly address: string; readonly message: string }[];
}

export interface MergedResource {
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** `type.name` or `data.type.name`, within the module. */
  readonly address: string;
  body: Record<string, unknown>;
  /** The file that defines the block (overrides change its body, not where it is defined). */
  readonly file: ModuleFile;
}

/** `override.tf.json` and `*_override.tf.json` are override files; the rest are primary files. */
export function isOverrideFile(file: string): boolean {
  const base = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  return base === "override.tf.json" || base.endsWith("_override.tf.json");
}

/** A Terraform JSON block may be an object or a list of objects (ordered form): merge them. */
export function blockObject(value: unknown): Record<string, unknown> | undefined {
  if (isObject(value)) return value;
  if (Array.isArray(value)) {
    const merged = emptyRecord<unknown>();
    for (const item of value) if (isObject(item)) Object.assign(merged, item);
    return merged;
  }
  return undefined;
}

/**
 * `"resource": {...}` or the ordered form `"resource": [{...}, {...}]`: each (type, name, body).
 * A loop with a callback, not a generator: a module has thousands of blocks.
 */
function forEachNamedBlock(
  section: unknown,
  visit: (type: string, name: string, body: Record<string, unknown>) => void,
): void {
  for (const part of Array.isArray(section) ? section : [section]) {
    if (!isObject(part)) continue;
    for (const type in part) {
      if (!Object.hasOwn(part, type)) continue;
      const instances = blockObject(part[type]);
      if (!instances) continue;
      for (const name in instances) {
        if (!Object.hasOwn(instances, name)) continue;
        const body = blockObject(instances[name]);
        if (body) visit(type, name, body);
      }
    }
  }
}

/** Top-level `{name: body}` blocks (variable, module, output), list form included. */
function* singleLabelBlocks(section: unknown): Generator<[string, Record<string, unknown>]> {
  for (const part of Array.isArray(section) ? section : [section]) {
    if (!isObject(part)) continue;
    for (const [name, raw] of Object.entries(part)) {
      const body = blockObject(raw);
      if (body) yield [name, body];
    }
  }
}

/**
 * Merges an override block into the original: each argument or nested block type it sets replaces
 * the original's (arguments replace, nested blocks of a type replace all blocks of that type: in
 * JSON both are one key), except `lifecycle`, merged argument by argument.
 */
function overrideBody(original: Record<string, unknown>, override: Record<string, unknown>) {
  const merged = Object.assign(emptyRecord<unknown>(), original);
  for (const [key, value] of Object.entries(override)) {
    const before = blockObject(ownValue(original, key));
    const after = blockObject(value);
    merged[key] = key === "lifecycle" && before && after ? { ...before, ...after } : value;
  }
  return merged;
}

/**
 * True when the `resource` and `data` sections of a file are single objects of single objects whose
 * type and name keys hold no dot and no managed type is `data`: then no two blocks have one address
 * (JSON object keys are unique), and merging the file alone changes nothing.
 */
function hasDistinctAddresses(json: Record<string, unknown>): boolean {
  for (const mode of ["managed", "data"] as const) {
    const section = mode === "managed" ? json.resource : json.data;
    if (section === undefined) continue;
    if (!isObject(section)) return false;
    for (const type in section) {
      if (!Object.hasOwn(section, type)) continue;
      if (type.includes(".") || (mode === "managed" && type === "data")) return false;
      const instances = section[type];
      if (!isObject(instances)) {
        if (Array.isArray(instances)) return false;
        continue;
      }
      for (const name in instances) if (Object.hasOwn(instances, name) && name.includes(".")) return false;
    }
  }
  return true;
}

/** Visits the blocks of one file in order, each made as it is visited (see `forEachResource`). */
function forEachResourceOf(
  file: ModuleFile,
  json: Record<string, unknown>,
  visit: (resource: MergedResource) => void,
) {
  for (const mode of ["managed", "data"] as const) {
    forEachNamedBlock(mode === "managed" ? json.resource : json.data, (type, name, body) => {
      visit({ mode, type, name, address: `${mode === "data" ? "data." : ""}${type}.${name}`, body, file });
    });
  }
}

export function mergeModuleFiles(files: readonly ModuleFile[]): MergedModule {
  const only = files.length === 1 && !isOverrideFile(files[0].file) ? files[0] : undefined;
  if (only !== undefined && isObject(only.json) && hasDistinctAddresses(only.json)) {
    const json = only.json;
    return mergeBlocks(files, (visit) => forEachResourceOf(only, json, visit));
  }
  return mergeBlocks(files, undefined);
}

const BOTH_MODES = ["managed", "data"] as const;
const NO_MODE: readonly (typeof BOTH_MODES)[number][] = [];

/** Merges the blocks of the files; their resources too unless `forEachResource` visits them. */
function mergeBlocks(
  files: readonly ModuleFile[],
  forEachResource: MergedModule["forEachResource"] | undefined,
): MergedModule {
  const problems: { file: string; address: string; message: string }[] = [];
  const resources = new Map<string, MergedResource>();
  const variables = new Map<string, Record<string, unknown>>();
  const locals = new Map<string, unknown>();
  const modules = new Map<string, { body: Record<string, unknown>; file: ModuleFile }>();
  const outputs = new Map<string, Record<string, unknown>>();
  // Primary files first, then override files, each in lexical order (as Terraform loads them).
  const ordered = [
    ...files.filter((f) => !isOverrideFile(f.file)),
    ...files.filter((f) => isOverrideFile(f.file)),
  ];
  for (const file of ordered) {
    const json = isObject(file.json) ? file.json : {};
    const override = isOverrideFile(file.file);
    const place = <T>(map: Map<string, T>, key: string, address: string, value: T, merge: (old: T) => T) => {
      const existing = map.get(key);
      if (override) {
        if (existing === undefined) {
          problems.push({
            file: file.file,
            address,
            message: "override of a block no primary file defines (Terraform rejects this): ignored",
          });
        } else map.set(key, merge(existing));
      } else if (existing !== undefined) {
        problems.push({
          file: file.file,
          address,
          message: "defined in more than one file of the module (Terraform rejects this): the first is read",
        });
      } else map.set(key, value);
    };
    for (const mode of forEachResource === undefined ? BOTH_MODES : NO_MODE) {
      forEachNamedBlock(mode === "managed" ? json.resource : json.data, (type, name, body) => {
        const address = `${mode === "data" ? "data." : ""}${type}.${name}`;
        if (!override && !resources.has(address)) {
          resources.set(address, { mode, type, name, address, body, file });
          return;
        }
        place(resources, address, address, { mode, type, name, address, body, file }, (old) => {
          old.body = overrideBody(old.body, body);
          return old;
        });
      });
    }
    for (const [name, body] of singleLabelBlocks(json.variable))
      place(variables, name, `var.${name}`, body, (old) => overrideBody(old, body));
    for (const [name, body] of singleLabelBlocks(json.module))
      place(modules, name, `module.${name}`, { body, file }, (old) => ({
        body: overrideBody(old.body, body),
        file: old.file,
      }));
    for (const [name, body] of singleLabelBlocks(json.output))
      place(outputs, name, `output.${name}`, body, (old) => overrideBody(old, body));
    // Each local value is its own definition: an override file replaces single locals.
    for (const part of Array.isArray(json.locals) ? json.locals : [json.locals]) {
      if (!isObject(part)) continue;
      for (const [name, value] of Object.entries(part))
        place(locals, name, `local.${name}`, value, () => value);
    }
  }
  const merged = [...resources.values()];
  return {
    forEachResource: forEachResource ?? ((visit) => merged.forEach((resource) => visit(resource))),
    variables,
    locals,
    modules,
    outputs,
    problems,
  };
}
