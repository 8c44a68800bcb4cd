import * as path from "node:path";
import fc from "fast-check";
import { FuzzRunner, fuzzCases } from "./hostile-input";

/** The bounded run of `npm test`; `npm run fuzz -- --runs N` runs the same cases at length. */
const RUNS = 1000;

test(`${RUNS} mutated corpus inputs: exit 0, 1 or 2, no internal error, the file named, order-free findings`, () => {
  const runner = new FuzzRunner(path.join(__dirname, "..", ".."));
  try {
    fc.assert(
      fc.property(fuzzCases(runner.seeds.length), (fuzz) => {
        const problem = runner.check(fuzz);
        if (problem !== undefined) throw new Error(problem);
      }),
      { numRuns: RUNS, seed: 13, endOnFailure: true },
    );
  } finally {
    runner.dispose();
  }
  expect(runner.tally.cases).toBe(RUNS);
  // The mutations must reach all three outcomes, or the oracle is not exercised.
  expect(Object.keys(runner.tally.byExitCode).sort()).toEqual(["0", "1", "2"]);
}, 120_000);
