import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { main } from "../../lib/cli/main";

/**
 * Fuzzing the reviewer: real inputs (the corpus and the CLI fixtures) mutated the way an attacker
 * or a broken pipeline would (prototype keys, type swaps, deep nesting, huge strings, truncation,
 * duplicated resources), run through `check` in-process. The oracle is what the CLI promises for
 * any input: exit 0, 1 or 2; never an internal error; an exit 2 names the file; bounded time; the
 * same findings whatever order the files are given in.
 */

/** Seed documents: every JSON file of the corpus and fixtures (paths relative to the repository). */
export function seedFiles(root: string): string[] {
  const seeds: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        entry.name.endsWith(".json") &&
        entry.name !== "manifest.json" &&
        !entry.name.startsWith("policy")
      )
        seeds.push(full);
    }
  };
  for (const dir of ["test/fixtures/corpus", "test/fixtures/cli", "test/fixtures/extract"])
    walk(path.join(root, dir));
  return seeds.sort();
}

const PROTOTYPE_KEYS = [
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "__defineGetter__",
];

/** A hostile replacement for one value of a document. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, "", "*", "${var.x}", "constructor", "__proto__", [], {}, [
    null,
  ]),
  fc
    .constantFrom(...PROTOTYPE_KEYS)
    .map((key) => JSON.parse(`{${JSON.stringify(key)}: {"x": 1}}`) as unknown),
  fc
    .integer({ min: 90, max: 160 })
    .map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`) as unknown),
  fc
    .tuple(fc.constantFrom("a", "*", "a*", "\u202e", "${", "/", ":"), fc.integer({ min: 1000, max: 6000 }))
    .map(([unit, times]) => unit.repeat(times)),
  fc.string({ maxLength: 40, unit: "binary" }),
  fc.array(fc.constantFrom("*", "s3:GetObject", "secret/*", null, 1), { maxLength: 5 }),
);

/** How one document is damaged: a value replaced, a key renamed, a resource duplicated, the text cut. */
export type Mutation =
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "rename"; at: number; key: string }
  | { kind: "duplicate"; at: number }
  | { kind: "truncate"; fraction: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: hostileValue }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("rename" as const),
      at: fc.nat(),
      key: fc.constantFrom(...PROTOTYPE_KEYS),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("truncate" as const),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
);

/** Containers of a document in a fixed order (iteratively), so `at` picks one deterministically. */
function containers(root: unknown): (Record<string, unknown> | unknown[])[] {
  const found: (Record<string, unknown> | unknown[])[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    found.push(value as Record<string, unknown> | unknown[]);
    for (const item of Object.values(value)) stack.push(item);
  }
  return found;
}

/** The document text after the mutations (JSON text may be cut, so the result is text). */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let json: unknown = JSON.parse(text);
  let cut: number | undefined;
  for (const m of mutations) {
    if (m.kind === "truncate") {
      cut = m.fraction;
      continue;
    }
    const all = containers(json);
    if (all.length === 0) continue;
    const target = all[m.at % all.length];
    const keys = Object.keys(target);
    if (keys.length === 0) continue;
    const key = keys[m.at % keys.length];
    const record = target as Record<string, unknown>;
    if (m.kind === "replace") {
      if (target === json) json = m.value;
      else record[key] = structuredClone(m.value);
    } else if (m.kind === "rename" && !Array.isArray(target)) {
      const value = record[key];
      delete record[key];
      Object.defineProperty(record, m.key, { value, enumerable: true, writable: true, configurable: true });
    } else if (m.kind === "duplicate") {
      if (Array.isArray(target)) target.push(structuredClone(target[m.at % target.length]));
      else record[`${key}_copy`] = structuredClone(record[key]);
    }
  }
  const out = JSON.stringify(json) ?? "null";
  return cut === undefined ? out : out.slice(0, Math.floor(out.length * cut));
}

export interface CaseOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly milliseconds: number;
  /** Heap growth during the run: the jest worker's heap before it holds other tests' garbage. */
  readonly heapGrowth: number;
}

export function runCheck(files: readonly string[]): CaseOutcome {
  let stdout = "";
  let stderr = "";
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const code = main(["check", ...files, "--format", "json"], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd: "/",
    writeFile: () => {
      throw new Error("the fuzz run writes no file");
    },
  });
  const milliseconds = performance.now() - started;
  return { code, stdout, stderr, milliseconds, heapGrowth: process.memoryUsage().heapUsed - heapBefore };
}

/** What the CLI promised and did not do for one case, or undefined when it kept every promise. */
export function brokenPromise(
  files: readonly string[],
  run: CaseOutcome,
  inputBytes: number,
): string | undefined {
  if (![0, 1, 2].includes(run.code)) return `exit code ${run.code}`;
  if (run.stderr.includes("internal error")) return `internal error: ${run.stderr.slice(0, 300)}`;
  if (run.code === 2) {
    const lines = run.stderr.trimEnd().split("\n");
    if (lines.length !== 1) return `exit 2 with ${lines.length} stderr lines`;
    if (!files.some((file) => lines[0].includes(file)))
      return `exit 2 without naming the file: ${lines[0].slice(0, 300)}`;
    if (lines[0].length > 1000) return `exit 2 with a ${lines[0].length}-character line`;
  } else if (run.stderr !== "") return `exit ${run.code} with stderr ${run.stderr.slice(0, 300)}`;
  // Generous (CI shares 2 cores): the corpus checks in milliseconds, a hang takes forever.
  const budget = 10_000 + inputBytes / 100;
  if (run.milliseconds > budget) return `took ${Math.round(run.milliseconds)} ms for ${inputBytes} bytes`;
  if (run.heapGrowth > MAX_HEAP_GROWTH_BYTES)
    return `heap grew ${Math.round(run.heapGrowth / 2 ** 20)} MiB for ${inputBytes} bytes of input`;
  return undefined;
}

/** Inputs are at most a few hundred KB here; a linear reviewer never needs a gigabyte for them. */
const MAX_HEAP_GROWTH_BYTES = 1024 * 2 ** 20;

/** Findings of a JSON report as comparable lines (rule, fingerprint, where), order-free. */
export function findingLines(run: CaseOutcome): string[] {
  if (run.code === 2) return [`exit 2`];
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string; fingerprint: string }[] };
  return report.findings.map((f) => `${f.ruleId} ${f.fingerprint}`).sort();
}

/** One fuzz case: which seeds (1 to 3 files) and how each is damaged. */
export interface FuzzCase {
  readonly files: readonly { seed: number; mutations: readonly Mutation[] }[];
}

/**
 * Cases over `seedCount` seeds. One seed may come twice (differently damaged): two stack-less
 * documents defining the same addresses are separate inputs, and which one is given first must
 * change nothing.
 */
export function fuzzCases(seedCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({
    files: fc.array(
      fc.record({ seed: fc.nat({ max: seedCount - 1 }), mutations: fc.array(mutation, { maxLength: 4 }) }),
      { minLength: 1, maxLength: 3 },
    ),
  });
}

/**
 * The same document with the keys of every object in reverse order (resources, attributes,
 * policies): JSON object order means nothing to Terraform, so it must mean nothing to the review.
 * Text that is not JSON (a truncated case) is returned as it is.
 */
export function reorderedKeys(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  const reverse = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reverse);
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse())
      Object.defineProperty(out, key, {
        value: reverse((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  };
  return JSON.stringify(reverse(json)) ?? text;
}

export interface FuzzTally {
  cases: number;
  byExitCode: Record<number, number>;
  slowest: number;
  broken: { case: FuzzCase; problem: string }[];
}

/**
 * Runs fuzz cases against real seed documents in a scratch directory and checks every promise,
 * including that the findings do not depend on the order the files are given in.
 */
export class FuzzRunner {
  readonly seeds: readonly string[];
  private readonly scratch: string;
  readonly tally: FuzzTally = { cases: 0, byExitCode: {}, slowest: 0, broken: [] };

  constructor(root: string) {
    this.seeds = seedFiles(root).map((file) => fs.readFileSync(file, "utf8"));
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wi-fuzz-"));
  }

  /** The problem found in the case, or undefined; counted in {@link tally} either way. */
  check(fuzz: FuzzCase): string | undefined {
    const files: string[] = [];
    let bytes = 0;
    fuzz.files.forEach((entry, index) => {
      const text = mutate(this.seeds[entry.seed], entry.mutations);
      const file = path.join(this.scratch, `input-${index}.json`);
      fs.writeFileSync(file, text);
      files.push(file);
      bytes += text.length;
    });
    const run = runCheck(files);
    this.tally.cases += 1;
    this.tally.byExitCode[run.code] = (this.tally.byExitCode[run.code] ?? 0) + 1;
    this.tally.slowest = Math.max(this.tally.slowest, run.milliseconds);
    let problem = brokenPromise(files, run, bytes);
    const forward = findingLines(run).join("\n");
    if (problem === undefined && files.length > 1) {
      const reversed = runCheck([...files].reverse());
      if (reversed.code !== run.code || findingLines(reversed).join("\n") !== forward)
        problem = `the findings change when the files are given in reverse order`;
    }
    if (problem === undefined && run.code !== 2) {
      // Rewritten in place: the file names (which may name a stack) stay the same.
      for (const file of files) fs.writeFileSync(file, reorderedKeys(fs.readFileSync(file, "utf8")));
      const shuffled = runCheck(files);
      if (shuffled.code !== run.code || findingLines(shuffled).join("\n") !== forward)
        problem = `the findings change when the resources and attributes are given in reverse order`;
    }
    if (problem !== undefined) this.tally.broken.push({ case: fuzz, problem });
    return problem;
  }

  dispose(): void {
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}
