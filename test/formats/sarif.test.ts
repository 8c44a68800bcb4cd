import type { Evaluation } from "../../lib/engine/evaluate";
import { diffReview } from "../../lib/review/review-diff";
import { FINGERPRINT_KEY, SARIF_FORMAT } from "../../lib/formats/sarif-format";
import { RULE_CATALOG } from "../../lib/rules/catalog";
import { loc } from "../support/graph-builder";
import { deployIdentity, evaluation, finding } from "../review/review-fixtures";
import { HOSTILE } from "./hostile";
import { sarifValidator } from "../support/sarif-validator";

const validate = sarifValidator();
const options = { toolVersion: "0.1.0", cwd: "/repo" };
const suppression = {
  ruleId: "WI101",
  reason: "Accepted until the migration finishes",
  approver: "security-governance",
  expiresOn: "2027-01-01",
};

function check(evaluationValue: Evaluation) {
  const log = JSON.parse(SARIF_FORMAT.check!({ evaluation: evaluationValue, blocking: [] }, options));
  validate(log);
  return log;
}

describe("SARIF", () => {
  test("a check with findings, related locations, suppressions and notes validates", () => {
    const log = check({
      ...evaluation(
        [deployIdentity("api")],
        [
          finding("WI301", "shared", {
            location: loc("vault_policy.a", {
              file: "cdktf.out/stacks/my stack/cdk.tf.json",
              stack: "my stack",
              line: 12,
              constructPath: "app/api",
            }),
            related: [loc("vault_policy.b", { file: "/repo/cdktf.out/stacks/b/cdk.tf.json" })],
            identityIds: ["app/api", "app/worker"],
          }),
          finding("WI101", "suppressed", { severity: "warning", suppressedBy: suppression }),
          finding("WI214", "unknown", {
            severity: "note",
            unknown: true,
            location: loc("aws_iam_role.x", { file: "/elsewhere/plan.json" }),
          }),
        ],
      ),
    });
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULE_CATALOG.map((r) => r.id));
    const [shared, suppressed, unknownResult] = run.results;
    expect(shared.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: "shared" });
    expect(shared.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "cdktf.out/stacks/my%20stack/cdk.tf.json", uriBaseId: "%SRCROOT%" },
      region: { startLine: 12 },
    });
    expect(shared.locations[0].logicalLocations[0]).toMatchObject({
      name: "app/api",
      fullyQualifiedName: "my stack:vault_policy.a",
    });
    expect(shared.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe(
      "cdktf.out/stacks/b/cdk.tf.json",
    );
    expect(suppressed.suppressions).toEqual([
      expect.objectContaining({
        kind: "external",
        justification: expect.stringContaining("approved by security-governance, expires 2027-01-01"),
      }),
    ]);
    expect(suppressed.suppressions[0].justification).toContain(suppression.reason);
    // No machine path anywhere: files outside the working directory are relative too.
    expect(unknownResult.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "../elsewhere/plan.json",
      uriBaseId: "%SRCROOT%",
    });
    expect(run.originalUriBaseIds).toBeUndefined();
    expect(JSON.stringify(log)).not.toMatch(/file:\/\/|"\/repo|"\/elsewhere/);
    expect(unknownResult.message.text).toContain("unknown — needs review");
  });

  test("hostile strings stay valid SARIF, with brackets escaped", () => {
    const findings = HOSTILE.map((text, i) =>
      finding("WI203", `h${i}`, {
        message: text,
        location: loc(text, { file: `dir/${text}.tf.json`, stack: text, constructPath: text }),
      }),
    );
    const log = check(evaluation([], findings));
    for (const result of log.runs[0].results) expect(result.message.text).not.toMatch(/(^|[^\\])\[/);
  });

  test("review results carry baselineState; fixed ones are absent and pass", () => {
    const base = evaluation([deployIdentity("a")], [finding("WI201", "kept"), finding("WI202", "gone")]);
    const head = evaluation([deployIdentity("a")], [finding("WI201", "kept"), finding("WI203", "fresh")]);
    const log = JSON.parse(SARIF_FORMAT.review!({ base, head, diff: diffReview(base, head) }, options));
    validate(log);
    expect(
      log.runs[0].results.map(
        (r: { partialFingerprints: Record<string, string>; baselineState: string; kind?: string }) => [
          r.partialFingerprints[FINGERPRINT_KEY],
          r.baselineState,
          r.kind ?? "fail",
        ],
      ),
    ).toEqual([
      ["fresh", "new", "fail"],
      ["kept", "unchanged", "fail"],
      ["gone", "absent", "pass"],
    ]);
  });
});

test("the schema validator itself rejects malformed SARIF (so passing means something)", () => {
  expect(() => validate({ version: "2.1.0" })).toThrow(/runs/);
  expect(() => validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toThrow(/name/);
});
