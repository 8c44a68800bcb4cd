import { WI112_APPROVAL_WITHOUT_EXPIRY } from "../../../lib/rules/accountability/wi112-approval-without-expiry";
import { WI113_ENFORCEMENT_SKIPPED } from "../../../lib/rules/accountability/wi113-enforcement-skipped";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared, handWritten, serviceRole } from "./accountability-fixtures";

describe("WI112 approval without expiry date", () => {
  const rule = WI112_APPROVAL_WITHOUT_EXPIRY;

  it("Compliance: dated approvals; service roles and identities without approval (WI102's) are left alone", () => {
    const g = graph({
      identities: [
        declared("app/ok"),
        serviceRole("lambda"),
        handWritten("owner-only", { source: "tags", owner: { team: "payments", contact: "p@x" } }),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: a hand-edited record (error) and hand-written tags (warning) without expiry, each approval once", () => {
    const g = graph({
      identities: [
        declared("app/record", {
          approver: { name: "security", reference: "SEC-1" },
          secretsApprover: { name: "custodians", reference: "SEC-2" },
        }),
        handWritten("tagged", {
          source: "tags",
          owner: { team: "payments", contact: "p@x" },
          approver: { name: "security", reference: "SEC-3" },
        }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.app_record error",
      "aws_iam_role.app_record error",
      "aws_iam_role.tagged warning",
    ]);
    expect(results.map((r) => r.message).sort()).toEqual([
      'The approval of identity "app/record" has no expiry date.',
      'The approval of identity "aws_iam_role.tagged" has no expiry date.',
      'The secrets approval of identity "app/record" has no expiry date.',
    ]);
  });
});

describe("WI113 checks skipped at synth", () => {
  const rule = WI113_ENFORCEMENT_SKIPPED;

  it("Compliance: stacks synthesized with their checks", () => {
    const g = graph({
      sources: [{ file: "cdktf.out/stacks/a/cdk.tf.json", stack: "a", format: "terraform-json" }],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: each stack marked skipped, named by stack", () => {
    const g = graph({
      sources: [
        {
          file: "cdktf.out/stacks/a/cdk.tf.json",
          stack: "a",
          format: "terraform-json",
          enforcementSkipped: true,
        },
        { file: "cdktf.out/stacks/b/cdk.tf.json", stack: "b", format: "terraform-json" },
      ],
    });
    const results = run(rule, g);
    expect(results.map((r) => [r.location.stack, r.location.address, r.identityIds ?? []])).toEqual([
      ["a", "//", []],
    ]);
    expect(results[0].message).toBe(
      'Stack "a" was synthesized with validations skipped (skipValidation): checks were skipped at synth, nothing was enforced.',
    );
  });
});
