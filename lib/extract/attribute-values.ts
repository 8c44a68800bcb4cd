import { type Maybe, type Unknown, hasInterpolation, isUnknown, unknown } from "../model/unknown";
import { shorten } from "./document-reading";
import { isObject } from "./iam-policy-json";
import type { AttributePath, ResourceView } from "./resource-view";
import { emptyRecord } from "../model/lookup-table";

/**
 * Typed reads of resource attributes. Each returns undefined when the attribute is not set, an
 * Unknown (with the expressions it depends on) when it cannot be determined, else the value.
 */

export function unknownAt(view: ResourceView, path: AttributePath, base: string): Unknown {
  const references = view.referenceTextsAt(path);
  const depends = references.length > 0 ? ` (depends on ${shorten(references.join(", "), 160)})` : "";
  return unknown(`${base}${depends}`);
}

function describePath(path: AttributePath): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : p))
    .join(".")
    .replace(/\.\[/g, "[");
}

export function stringAt(view: ResourceView, path: AttributePath): Maybe<string> | undefined {
  const raw = view.rawAt(path);
  if (raw === undefined) return undefined;
  if (typeof raw === "string") {
    // Text without a brace has no `${...}` to resolve: it is the value (most attributes).
    if (!raw.includes("{")) return raw;
  } else if (isUnknown(raw)) return unknownAt(view, path, raw.reason);
  else if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  else return unknown(`${describePath(path)} is not a single value`);
  const resolved = view.scope.resolveText(raw, view);
  if (hasInterpolation(resolved)) return unknownAt(view, path, "not known statically");
  return resolved;
}

export function stringListAt(view: ResourceView, path: AttributePath): Maybe<string[]> | undefined {
  const raw = view.rawAt(path);
  if (raw === undefined) return undefined;
  if (isUnknown(raw)) return unknownAt(view, path, raw.reason);
  if (!Array.isArray(raw)) {
    if (typeof raw === "string" && hasInterpolation(raw))
      return unknownAt(view, path, "not known statically");
    return unknown(`${describePath(path)} is not a list`);
  }
  // Written over a copy of the list, exactly its length (the graph keeps it; pushing item by item
  // would reserve room for 17, and most lists hold one), then cut to the items read.
  const values = raw.slice() as string[];
  let count = 0;
  // Terraform JSON items are read as written: a literal string item is its own value (what
  // stringAt would find); other items go through stringAt.
  const literalItems = view.scope.format === "terraform-json";
  // One path for all items, its last step set per item (views read a path, never keep it).
  let itemPath: (string | number)[] | undefined;
  for (let i = 0; i < raw.length; i++) {
    const written: unknown = raw[i];
    if (literalItems && typeof written === "string" && !written.includes("{")) {
      values[count++] = written;
      continue;
    }
    itemPath ??= [...path, 0];
    itemPath[path.length] = i;
    const item = stringAt(view, itemPath);
    if (item === undefined) continue;
    if (isUnknown(item)) return item;
    values[count++] = item;
  }
  if (count < values.length) values.length = count;
  return values;
}

export function numberAt(view: ResourceView, path: AttributePath): Maybe<number> | undefined {
  const text = stringAt(view, path);
  if (text === undefined || isUnknown(text)) return text;
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value)
    ? value
    : unknown(`${describePath(path)} is not a number`);
}

export function booleanAt(view: ResourceView, path: AttributePath): Maybe<boolean> | undefined {
  const text = stringAt(view, path);
  if (text === undefined || isUnknown(text)) return text;
  if (text === "true" || text === "false") return text === "true";
  return unknown(`${describePath(path)} is not true or false`);
}

export function stringMapAt(
  view: ResourceView,
  path: AttributePath,
): Maybe<Record<string, string>> | undefined {
  const raw = view.rawAt(path);
  if (raw === undefined) return undefined;
  if (isUnknown(raw)) return unknownAt(view, path, raw.reason);
  if (!isObject(raw)) {
    if (typeof raw === "string" && hasInterpolation(raw))
      return unknownAt(view, path, "not known statically");
    return unknown(`${describePath(path)} is not a map`);
  }
  const result = emptyRecord<string>();
  const itemPath: (string | number)[] = [...path, ""];
  for (const key of Object.keys(raw)) {
    itemPath[path.length] = key;
    const value = stringAt(view, itemPath);
    if (value === undefined) continue;
    if (isUnknown(value)) return value;
    result[key] = value;
  }
  return result;
}

/** Paths of the blocks of a block attribute: one per list item (or 1 for a single block written as an object, as Terraform JSON allows). */
export function blockPaths(view: ResourceView, path: AttributePath): AttributePath[] {
  const raw = view.rawAt(path);
  if (Array.isArray(raw)) return raw.map((_, i) => [...path, i]);
  if (isObject(raw) && !isUnknown(raw)) return [path];
  return [];
}

/** Vault path attributes are written with or without slashes; compare them trimmed. */
export function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, "");
}
