import { WI110_APPROVER_NOT_ALLOWED as rule } from "../../../lib/rules/accountability/wi110-approver-not-allowed";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared } from "./accountability-fixtures";

const APPROVERS = { approvers: ["security-governance"] };

describe("WI110 approver not on policy.approvers", () => {
  it("Compliance: no allow-list set; or every approver listed", () => {
    const g = graph({
      identities: [
        declared("app/ok"),
        declared("app/other", { approver: { name: "someone", reference: "R" } }),
      ],
    });
    expect(run(rule, g)).toEqual([]);
    expect(run(rule, graph({ identities: [declared("app/ok")] }), APPROVERS)).toEqual([]);
  });

  it("Noncompliance 1: approver, secrets approver and suppression approver not listed, one result each", () => {
    const g = graph({
      identities: [
        declared("app/bad", {
          approver: { name: "Security-Governance", reference: "R" },
          secretsApprover: { name: "bob", reference: "S" },
          suppressions: [
            {
              ruleId: "WI203",
              reason: "release branches are cut weekly here",
              approver: "mallory",
              expiresOn: "2027-01-01",
            },
          ],
        }),
      ],
    });
    const results = run(rule, g, APPROVERS);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.app_bad error",
      "aws_iam_role.app_bad error",
      "aws_iam_role.app_bad error",
    ]);
    expect(results.map((r) => r.key).sort()).toEqual(["approver", "secrets-approver", "suppression:WI203"]);
  });
});
