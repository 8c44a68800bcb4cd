import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { loadInputs } from "../../lib/cli/load-inputs";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { Duration } from "../../lib/declaration/duration";
import { evaluate } from "../../lib/engine/evaluate";
import { REPORT_ONLY_ENV } from "../../lib/enforcement/enforcement";
import { buildGraph } from "../../lib/extract/build-graph";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { testStack } from "../constructs/construct-harness";
import { deployProps, githubIssuer } from "../constructs/identity-fixtures";

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The TTL rule ids a declared 2 h identity (IAM role and Vault role) gets under the given policy. */
function ruleIdsFor(policy: Record<string, string>): string[] {
  const outdir = mkdtempSync(join(tmpdir(), "wi-ttl-once-"));
  outdirs.push(outdir);
  const app = new App({ outdir, stackTraces: false });
  const stack = testStack(app);
  new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack), { ttl: Duration.hours(2) }));
  // Synthesized as CI does for a review (report mode): the CLI's evaluation below is the subject.
  const saved = process.env[REPORT_ONLY_ENV];
  process.env[REPORT_ONLY_ENV] = "report";
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    app.synth();
  } finally {
    stderr.mockRestore();
    if (saved === undefined) delete process.env[REPORT_ONLY_ENV];
    else process.env[REPORT_ONLY_ENV] = saved;
  }
  const findings = evaluate(
    buildGraph(loadInputs([outdir])),
    resolvePolicy({ today: "2026-06-01", ...policy }),
  ).findings;
  return findings.filter((f) => ["WI107", "WI405", "WI406"].includes(f.ruleId)).map((f) => f.ruleId);
}

describe("a TTL breach is one finding", () => {
  test("GIVEN a declared TTL above maxTtl THEN WI107 alone: the IAM session and Vault token caps only implement it", () => {
    expect(ruleIdsFor({ maxTtl: "1h", maxSessionDuration: "1h" })).toEqual(["WI107"]);
  });

  test("GIVEN a declared TTL within maxTtl but a session above maxSessionDuration THEN WI406 (a different limit)", () => {
    expect(ruleIdsFor({ maxTtl: "4h", maxSessionDuration: "1h" })).toEqual(["WI406"]);
  });

  test("GIVEN limits the TTL respects THEN nothing", () => {
    expect(ruleIdsFor({ maxTtl: "4h", maxSessionDuration: "4h" })).toEqual([]);
  });
});
