import { WI103_SELF_APPROVED as rule } from "../../../lib/rules/accountability/wi103-self-approved";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared } from "./accountability-fixtures";

describe("WI103 approver is the owner team", () => {
  it("Compliance: a different approver", () => {
    expect(run(rule, graph({ identities: [declared("app/ok")] }))).toEqual([]);
  });

  it("Noncompliance 1: approval and secrets approval by the owner team, case-insensitively", () => {
    const g = graph({
      identities: [
        declared("app/self", { approver: { name: " Payments ", reference: "X-1" } }),
        declared("app/secrets-self", { secretsApprover: { name: "PAYMENTS", reference: "X-2" } }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.app_secrets_self error",
      "aws_iam_role.app_self error",
    ]);
    expect(results.map((r) => r.key).sort()).toEqual(["approver", "secrets-approver"]);
  });
});
