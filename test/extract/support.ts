import { readFileSync } from "fs";
import { join } from "path";
import type { InputDocument } from "../../lib/extract/input-document";
import type { AwsRole, Identity, IdentityGraph } from "../../lib/model/graph";
import type { MaybeDocument, PolicyDocument } from "../../lib/model/iam-policy";
import { isUnknown } from "../../lib/model/unknown";
import { CORPUS_DIR } from "../support/fixture-paths";

export const CORPUS = CORPUS_DIR;
export const FIXTURES = join(__dirname, "..", "fixtures", "extract");

/** Reads a JSON input the way the CLI does: text kept for line numbers. */
export function input(
  path: string,
  file: string,
  format: InputDocument["format"],
  stack?: string,
): InputDocument {
  const text = readFileSync(path, "utf8");
  return { file, format, json: JSON.parse(text) as unknown, text, ...(stack !== undefined ? { stack } : {}) };
}

export function corpusInput(relative: string): InputDocument {
  const text = readFileSync(join(CORPUS, relative), "utf8");
  const json = JSON.parse(text) as Record<string, unknown>;
  return { file: relative, format: "format_version" in json ? "plan-json" : "terraform-json", json, text };
}

export function identityById(graph: IdentityGraph, id: string): Identity {
  const found = graph.identities.find((i) => i.id === id);
  if (!found) throw new Error(`no identity ${id}; have ${graph.identities.map((i) => i.id).join(", ")}`);
  return found;
}

export function onlyRole(identity: Identity): AwsRole {
  expect(identity.awsRoles).toHaveLength(1);
  return identity.awsRoles[0];
}

export function knownDocument(document: MaybeDocument): PolicyDocument {
  if (isUnknown(document)) throw new Error(`expected a known document, got unknown: ${document.reason}`);
  return document;
}

/** The conditions of a document as `operator key = values` lines, for exact comparisons. */
export function conditionLines(document: MaybeDocument): string[] {
  return knownDocument(document).statements.flatMap((s) =>
    s.conditions.map((c) => `${c.operator} ${c.key} = ${c.values.join(",")}`),
  );
}

export function principalLines(document: MaybeDocument): string[] {
  return knownDocument(document).statements.flatMap((s) =>
    s.principals.map((p) => `${p.type} ${p.values.join(",")}`),
  );
}

/** The 1-based line of `text` on which `needle` first appears. */
export function lineOf(text: string, needle: string): number {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, offset).split("\n").length;
}
