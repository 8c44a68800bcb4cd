import * as fs from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const README_PATH = path.join(REPO_ROOT, "README.md");

/** A fenced code block of the README, with the attributes of its info string. */
export interface ReadmeBlock {
  readonly language: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly code: string;
  /** 1-based line of the opening fence, for failure messages. */
  readonly line: number;
}

/**
 * Top-level fenced blocks (fences at column 0) of a Markdown text. Attributes are `key="value"`
 * pairs after the language, e.g. ```ts title="main.ts" blocks="WI203".
 */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && line === "```");
    if (end === -1) throw new Error(`README.md:${i + 1}: unclosed code fence`);
    const attributes: Record<string, string> = {};
    for (const [, key, value] of open[2].matchAll(/(\w+)="([^"]*)"/g)) attributes[key] = value;
    blocks.push({ language: open[1], attributes, code: lines.slice(i + 1, end).join("\n"), line: i + 1 });
    i = end;
  }
  return blocks;
}

export function readReadme(): string {
  return fs.readFileSync(README_PATH, "utf8");
}

/** Rule ids at the start of finding lines (`  WI301 error   prod/...`), sorted and distinct. */
export function findingRuleIds(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(/^\s+(WI\d{3}) (?:error|warning|note|suppressed)\b/gm)) ids.add(match[1]);
  return [...ids].sort();
}
