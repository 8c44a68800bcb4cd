import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "./support/run-cli";
import { CORPUS_DIR } from "../support/fixture-paths";
import { sarifValidator } from "../support/sarif-validator";

/** The real pipeline (graph builder + catalog) on every corpus file: a verdict, never an error, valid SARIF. */
const CORPUS = CORPUS_DIR;
const files = fs
  .readdirSync(CORPUS)
  .filter((c) => fs.statSync(path.join(CORPUS, c)).isDirectory())
  .flatMap((c) =>
    fs
      .readdirSync(path.join(CORPUS, c))
      .filter((f) => f.endsWith(".json"))
      .map((f) => path.join(CORPUS, c, f)),
  );

describe("corpus smoke test", () => {
  test("the corpus is in the checkout", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });
  const validate = sarifValidator();
  test.each(files)("%s", (file) => {
    const run = runCli(["check", file, "--format", "sarif"]);
    expect(run.stderr).toBe("");
    expect([0, 1]).toContain(run.code);
    validate(JSON.parse(run.stdout));
    const inventory = runCli(["inventory", file, "--format", "json"]);
    expect(inventory.code).toBe(0);
  });

  test("review of two real plans", () => {
    const dir = path.join(CORPUS, "checkov-oidc-trust-data-plan");
    const run = runCli([
      "review",
      "--base",
      path.join(dir, "tfplan.json"),
      "--head",
      path.join(dir, "tfplan.pr7610.json"),
    ]);
    expect(run.stderr).toBe("");
    expect([0, 1]).toContain(run.code);
    expect(run.stdout.split("\n")[0]).toMatch(/Workload identity review/);
  });
});
