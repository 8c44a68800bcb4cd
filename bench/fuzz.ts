import fc from "fast-check";
import { FuzzRunner, fuzzCases } from "../test/fuzz/hostile-input";

/**
 * `npm run fuzz -- --runs N [--seed S]`: the fuzz cases of test/fuzz at length. Prints the time,
 * the exit codes, the slowest case and every broken promise; exits 1 when any promise broke.
 */
function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

const runs = option("runs", 10_000);
const seed = option("seed", Date.now() % 1_000_000);
const runner = new FuzzRunner(process.cwd());
const started = performance.now();
let lastReport = started;
try {
  fc.check(
    fc.property(fuzzCases(runner.seeds.length), (fuzz) => {
      runner.check(fuzz);
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        console.log(`${runner.tally.cases} cases, ${runner.tally.broken.length} broken`);
      }
      return true;
    }),
    { numRuns: runs, seed },
  );
} finally {
  runner.dispose();
}
const seconds = (performance.now() - started) / 1000;
const { tally } = runner;
const internal = tally.broken.filter((b) => b.problem.startsWith("internal error")).length;
const slow = tally.broken.filter((b) => b.problem.startsWith("took")).length;
const wrongExit = tally.broken.filter((b) => b.problem.startsWith("exit")).length;
const fileOrder = tally.broken.filter((b) => b.problem.includes("files are given in reverse")).length;
const keyOrder = tally.broken.filter((b) => b.problem.includes("attributes are given in reverse")).length;
console.log(`fuzz: ${tally.cases} cases in ${seconds.toFixed(1)} s (seed ${seed})`);
console.log(`exit codes: ${JSON.stringify(tally.byExitCode)}; slowest case ${Math.round(tally.slowest)} ms`);
console.log(
  `internal errors ${internal}, over time budget ${slow}, wrong exit or stderr ${wrongExit}, ` +
    `dependent on file order ${fileOrder}, on resource and attribute order ${keyOrder}`,
);
console.log(`peak heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`);
for (const broken of tally.broken.slice(0, 20))
  console.log(`- ${broken.problem}\n  ${JSON.stringify(broken.case).slice(0, 400)}`);
process.exitCode = tally.broken.length > 0 ? 1 : 0;
