import { isAscii } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import { describeFileSystemError, InputError } from "../errors/input-errors";
import type { InputDocument, ModuleFile, ModuleSource } from "../extract/input-document";
import { isObject as isJsonObject } from "../extract/iam-policy-json";
import { blockObject } from "../extract/module-merge";
import { MAX_NESTING_DEPTH, tooDeepPath } from "../model/json-depth";
import { shorten } from "../extract/document-reading";

export interface LoadOptions {
  /** `--var-file` files (JSON), applied to every Terraform JSON root module after its own tfvars. */
  readonly varFiles?: readonly string[];
}

/** Local modules nested deeper than this are not read (the reader reports them as unknown). */
const MAX_MODULE_DEPTH = 16;
/** Files read for one input's local modules at most, so a module tree cannot exhaust memory. */
const MAX_MODULE_FILES = 2000;

/** Inputs larger than this are refused: real stacks and plans are far smaller, and it bounds memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Top-level keys Terraform accepts in a `*.tf.json` file (plus cdktf's `//` comment key). */
const TERRAFORM_JSON_BLOCKS = new Set([
  "terraform",
  "provider",
  "resource",
  "data",
  "module",
  "output",
  "variable",
  "locals",
  "moved",
  "import",
  "check",
  "removed",
]);
const COMMENT_KEY = "//";

/**
 * Reads CLI inputs: a cdktf.out directory (manifest.json, every stack), a directory holding
 * `stacks/<name>/cdk.tf.json` or `*.tf.json` files, a `*.tf.json` file, or plan JSON
 * (`terraform show -json`). Throws `InputError` with one clear line on bad input. The same file
 * given twice is read once, so it cannot appear to share credentials with itself.
 */
export function loadInputs(paths: readonly string[], options: LoadOptions = {}): InputDocument[] {
  const documents: InputDocument[] = [];
  const seen = new Set<string>();
  const varFiles = (options.varFiles ?? []).map(readVariableFile);
  for (const given of paths) {
    for (const document of loadPath(given, varFiles)) {
      const key = realFileKey(document.file);
      if (seen.has(key)) continue;
      seen.add(key);
      documents.push(document);
    }
  }
  return documents;
}

/**
 * The file itself, not its name: a symlink, a hard link or a symlinked directory reach the same
 * device and inode, so one file given twice is read once.
 */
function realFileKey(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return path.resolve(file);
  }
}

function loadPath(given: string, varFiles: readonly ModuleFile[]): InputDocument[] {
  if (given.trim() === "") throw new InputError("(empty path)", "an input path must not be empty");
  const stat = statOrThrow(given);
  const documents = stat.isDirectory() ? loadDirectory(given, varFiles) : [readDocument(given, undefined)];
  return documents.map((document) =>
    document.format === "terraform-json" && !document.module
      ? { ...document, module: singleFileModule(document, varFiles) }
      : document,
  );
}

function readVariableFile(file: string): ModuleFile {
  const { json, text } = readJson(file);
  if (!isJsonObject(json))
    throw new InputError(file, "is not a JSON object of variable values (only JSON variable files are read)");
  return { file, json, text };
}

/**
 * A single `*.tf.json` (or cdktf stack) as a module of that one file, with the local modules it
 * calls and the `--var-file` values; the other files of its directory are not part of it.
 */
function singleFileModule(document: InputDocument, varFiles: readonly ModuleFile[]): ModuleSource {
  const file: ModuleFile = { file: document.file, json: document.json, text: document.text };
  const budget = { files: 0 };
  return {
    dir: path.dirname(document.file),
    files: [file],
    variableFiles: varFiles,
    notRead: [],
    children: loadChildren(
      path.dirname(document.file),
      [file],
      0,
      [path.resolve(path.dirname(document.file))],
      budget,
    ),
  };
}

/**
 * A directory as one Terraform module: its `*.tf.json` files (overrides included, merged by the
 * reader), its variable files (root only: `terraform.tfvars.json`, then `*.auto.tfvars.json` in
 * lexical order, then `--var-file`), the HCL files it holds but this reviewer does not read, and
 * the local modules its `module` blocks call.
 * https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence
 */
function loadModuleDirectory(
  dir: string,
  root: { varFiles: readonly ModuleFile[] } | undefined,
  depth: number,
  ancestry: readonly string[],
  budget: { files: number },
): ModuleSource {
  const entries = listDirectory(dir).filter((name) => !isDirectory(path.join(dir, name)));
  const files: ModuleFile[] = [];
  for (const name of entries.filter((n) => n.endsWith(".tf.json"))) {
    if (++budget.files > MAX_MODULE_FILES)
      throw new InputError(dir, `holds more than ${MAX_MODULE_FILES} module files`);
    const file = path.join(dir, name);
    const document = readDocument(file, undefined, "terraform-json");
    files.push({ file, json: document.json, text: document.text });
  }
  const notRead: { file: string; reason: string }[] = [];
  for (const name of entries) {
    const file = path.join(dir, name);
    if (name.endsWith(".tf"))
      notRead.push({ file, reason: "HCL configuration; only Terraform JSON (*.tf.json) is read" });
    else if (root && (name === "terraform.tfvars" || name.endsWith(".auto.tfvars")))
      notRead.push({
        file,
        reason: "HCL variable values; only JSON variable files (*.tfvars.json) are read",
      });
  }
  const variableFiles: ModuleFile[] = [];
  if (root) {
    const auto = entries.filter((n) => n.endsWith(".auto.tfvars.json"));
    for (const name of [
      ...(entries.includes("terraform.tfvars.json") ? ["terraform.tfvars.json"] : []),
      ...auto,
    ])
      variableFiles.push(readVariableFile(path.join(dir, name)));
    variableFiles.push(...root.varFiles);
  }
  return {
    dir,
    files,
    variableFiles,
    notRead,
    children: loadChildren(dir, files, depth, ancestry, budget),
  };
}

/** The local modules (`source` starting with `./` or `../`) the files call, by source as written. */
function loadChildren(
  dir: string,
  files: readonly ModuleFile[],
  depth: number,
  ancestry: readonly string[],
  budget: { files: number },
): Map<string, ModuleSource | { problem: string }> {
  const children = new Map<string, ModuleSource | { problem: string }>();
  for (const file of files) {
    if (!isJsonObject(file.json)) continue;
    for (const part of Array.isArray(file.json.module) ? file.json.module : [file.json.module]) {
      if (!isJsonObject(part)) continue;
      for (const raw of Object.values(part)) {
        const source = blockObject(raw)?.source;
        if (typeof source !== "string" || !/^\.\.?[/\\]/.test(source) || children.has(source)) continue;
        const target = path.resolve(dir, source);
        if (depth + 1 > MAX_MODULE_DEPTH)
          children.set(source, { problem: `modules nest deeper than ${MAX_MODULE_DEPTH}` });
        else if (ancestry.includes(target)) children.set(source, { problem: "the module calls itself" });
        else if (!isDirectory(target)) children.set(source, { problem: `${source} is not a directory` });
        else {
          try {
            children.set(
              source,
              loadModuleDirectory(target, undefined, depth + 1, [...ancestry, target], budget),
            );
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            children.set(source, { problem: error.message });
          }
        }
      }
    }
  }
  return children;
}

function statOrThrow(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw new InputError(file, describeFileSystemError(error));
  }
}

function loadDirectory(dir: string, varFiles: readonly ModuleFile[]): InputDocument[] {
  const manifest = path.join(dir, "manifest.json");
  if (fs.existsSync(manifest)) return loadManifest(dir, manifest);

  const stacksDir = path.join(dir, "stacks");
  if (isDirectory(stacksDir)) {
    const names = listDirectory(stacksDir).filter((name) => isDirectory(path.join(stacksDir, name)));
    if (names.length > 0) {
      return names.map((name) => {
        const file = path.join(stacksDir, name, "cdk.tf.json");
        if (!fs.existsSync(file))
          throw new InputError(file, `stack "${name}" has no cdk.tf.json (did the synth fail?)`);
        return readDocument(file, name, "terraform-json");
      });
    }
  }

  const entries = listDirectory(dir);
  const tfJson = entries.filter((name) => name.endsWith(".tf.json") && !isDirectory(path.join(dir, name)));
  if (tfJson.length > 0) {
    // A directory is one module: references resolve across its files, overrides merge into them.
    // https://developer.hashicorp.com/terraform/language/modules
    const resolved = path.resolve(dir);
    const module = loadModuleDirectory(dir, { varFiles }, 0, [resolved], { files: 0 });
    return [{ file: dir, format: "terraform-json", json: {}, module }];
  }
  if (entries.length === 0)
    throw new InputError(dir, "is an empty directory (expected cdktf.out with manifest.json)");
  throw new InputError(
    dir,
    "contains no manifest.json, stacks/*/cdk.tf.json or *.tf.json file (expected a cdktf.out directory)",
  );
}

function loadManifest(dir: string, manifestFile: string): InputDocument[] {
  const { json } = readJson(manifestFile);
  const stacks = (json as { stacks?: unknown } | null)?.stacks;
  if (
    typeof json !== "object" ||
    json === null ||
    typeof stacks !== "object" ||
    stacks === null ||
    Array.isArray(stacks)
  ) {
    throw new InputError(manifestFile, 'is not a cdktf manifest (no "stacks" object)');
  }
  const names = Object.keys(stacks).sort();
  if (names.length === 0) throw new InputError(manifestFile, "lists no stacks (nothing was synthesized)");
  const root = path.resolve(dir);
  return names.map((name) => {
    const relative = (stacks as Record<string, { synthesizedStackPath?: unknown } | null>)[name]
      ?.synthesizedStackPath;
    if (typeof relative !== "string" || relative === "") {
      throw new InputError(manifestFile, `stack "${name}" has no synthesizedStackPath`);
    }
    const file = path.join(dir, relative);
    // The manifest is input too: it must not point the reader outside the directory it describes.
    const resolved = path.resolve(file);
    if (path.isAbsolute(relative) || !(resolved + path.sep).startsWith(root + path.sep)) {
      throw new InputError(manifestFile, `stack "${name}" points outside the directory (${relative})`);
    }
    if (!fs.existsSync(file)) {
      throw new InputError(
        manifestFile,
        `names stack file ${relative} for stack "${name}", which does not exist`,
      );
    }
    return readDocument(file, name, "terraform-json");
  });
}

function readDocument(
  file: string,
  stack: string | undefined,
  expected?: InputDocument["format"],
): InputDocument {
  const { json, text } = readJson(file);
  const format = classifyDocument(json);
  if ("problem" in format) throw new InputError(file, format.problem);
  if (expected && format.format !== expected) {
    throw new InputError(
      file,
      `is ${format.format === "plan-json" ? "a Terraform plan" : "Terraform JSON"}, expected a cdktf stack`,
    );
  }
  return stack === undefined
    ? { file, format: format.format, json, text }
    : { file, stack, format: format.format, json, text };
}

function readJson(file: string): { json: unknown; text: string } {
  const stat = statOrThrow(file);
  if (stat.isDirectory()) throw new InputError(file, describeFileSystemError({ code: "EISDIR" }));
  if (!stat.isFile()) throw new InputError(file, "is not a regular file");
  if (stat.size > MAX_INPUT_BYTES) {
    throw new InputError(
      file,
      `is ${formatMiB(stat.size)}, above the ${formatMiB(MAX_INPUT_BYTES)} input limit`,
    );
  }
  let text: string;
  try {
    const bytes = fs.readFileSync(file);
    // ASCII (nearly every Terraform JSON and plan) is the same text read as Latin-1, which is a
    // copy; the check is vectorised. Anything else is decoded as UTF-8.
    text = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  } catch (error) {
    throw new InputError(file, describeFileSystemError(error));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new InputError(file, "is empty (expected JSON)");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(file, describeJsonSyntaxError(text));
  }
  throwIfTooDeep(file, json);
  return { json, text };
}

/** Input nested beyond the documented limit is refused whole: its walkers would overflow the stack. */
export function throwIfTooDeep(file: string, json: unknown): void {
  const at = tooDeepPath(json);
  if (at !== undefined) throw new InputError(file, `nests deeper than ${MAX_NESTING_DEPTH} levels at ${at}`);
}

/** Terraform JSON, plan JSON, or a sentence saying what the document is instead. */
export function classifyDocument(json: unknown): { format: InputDocument["format"] } | { problem: string } {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    const kind = Array.isArray(json) ? "an array" : json === null ? "null" : `a ${typeof json}`;
    return { problem: `is JSON ${kind}, expected a Terraform JSON or plan JSON object` };
  }
  const keys = Object.keys(json);
  const object = json as Record<string, unknown>;
  if ("format_version" in object) {
    const version = object.format_version;
    // Terraform's JSON output format: consumers should reject a major version they do not support
    // (https://developer.hashicorp.com/terraform/internals/json-format, "format_version"). 0.x is
    // what Terraform before 1.0 wrote; 1.0 kept its shape.
    if (typeof version !== "string" || !/^[01](?:\.\d+)*$/.test(version))
      return {
        problem: `has format_version ${shorten(JSON.stringify(version) ?? String(version), 40)}; only major versions 0 and 1 of Terraform's JSON format are supported`,
      };
    if (isObject(object.planned_values) || Array.isArray(object.resource_changes))
      return { format: "plan-json" };
    if ("values" in object) {
      return {
        problem: "is Terraform state JSON, not a plan; give the output of `terraform show -json PLANFILE`",
      };
    }
    return { problem: "has format_version but no planned_values or resource_changes (not a Terraform plan)" };
  }
  const blocks = keys.filter((key) => TERRAFORM_JSON_BLOCKS.has(key));
  const foreign = keys.filter((key) => key !== COMMENT_KEY && !TERRAFORM_JSON_BLOCKS.has(key));
  if (blocks.length > 0 && foreign.length === 0) return { format: "terraform-json" };
  const shown = (foreign.length > 0 ? foreign : keys)
    .slice(0, 5)
    .map((key) => JSON.stringify(key.slice(0, 40)));
  return {
    problem:
      `is JSON of another shape, neither Terraform JSON nor a Terraform plan` +
      (shown.length > 0 ? ` (unexpected top-level keys: ${shown.join(", ")})` : " (an empty object)"),
  };
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function listDirectory(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch (error) {
    throw new InputError(dir, describeFileSystemError(error));
  }
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/** A one-line description of where JSON parsing failed, without quoting the (untrusted) content. */
export function describeJsonSyntaxError(text: string): string {
  const offset = findJsonSyntaxError(text);
  if (offset < 0) return "is not valid JSON";
  const { line, column } = lineAndColumn(text, offset);
  if (offset >= text.length)
    return `is not valid JSON: unexpected end of input at line ${line}, column ${column} (truncated?)`;
  return `is not valid JSON: unexpected character at line ${line}, column ${column}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Offset of the first JSON syntax error, or -1. Used only after JSON.parse failed, because V8's
 * messages do not always say where. Iterative (explicit stack), so deep nesting cannot overflow.
 */
export function findJsonSyntaxError(text: string): number {
  const containers: string[] = [];
  let state: "value" | "key" | "colon" | "after" = "value";
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
      i++;
  };
  const scanString = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return true;
      }
      if (code < 0x20) return false;
      if (code === 0x5c) {
        const next = text[i + 1];
        if (next === "u") {
          if (!HEX4.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  for (;;) {
    skipSpace();
    if (state === "after" && containers.length === 0) return i < text.length ? i : -1;
    if (i >= text.length) return i;
    const char = text[i];
    if (state === "value") {
      if (char === "{" || char === "[") {
        containers.push(char);
        i++;
        skipSpace();
        if (text[i] === (char === "{" ? "}" : "]")) {
          containers.pop();
          i++;
          state = "after";
        } else state = char === "{" ? "key" : "value";
      } else if (char === '"') {
        if (!scanString()) return i;
        state = "after";
      } else {
        NUMBER.lastIndex = i;
        LITERAL.lastIndex = i;
        if (NUMBER.test(text)) i = NUMBER.lastIndex;
        else if (LITERAL.test(text)) i = LITERAL.lastIndex;
        else return i;
        state = "after";
      }
    } else if (state === "key") {
      if (char !== '"' || !scanString()) return i;
      state = "colon";
    } else if (state === "colon") {
      if (char !== ":") return i;
      i++;
      state = "value";
    } else {
      const top = containers[containers.length - 1];
      if (char === ",") {
        i++;
        state = top === "{" ? "key" : "value";
      } else if ((top === "{" && char === "}") || (top === "[" && char === "]")) {
        containers.pop();
        i++;
      } else return i;
    }
  }
}
