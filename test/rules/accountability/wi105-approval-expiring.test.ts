import { WI105_APPROVAL_EXPIRING as rule } from "../../../lib/rules/accountability/wi105-approval-expiring";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared } from "./accountability-fixtures";

const expiring = (id: string, expiresOn: string) =>
  declared(id, { approver: { name: "sec", reference: "R", expiresOn } });

describe("WI105 approval expiring within expiryWarningDays (today 2026-11-27, 30 days)", () => {
  it("Compliance: beyond the window, or already expired (WI104's business)", () => {
    const g = graph({
      identities: [expiring("app/later", "2026-12-28"), expiring("app/expired", "2026-11-27")],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: tomorrow and on the last day of the window; a secrets approval too", () => {
    const g = graph({
      identities: [
        expiring("app/tomorrow", "2026-11-28"),
        expiring("app/edge", "2026-12-27"),
        declared("app/secrets", {
          secretsApprover: { name: "sec", reference: "S", expiresOn: "2026-12-01" },
        }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.app_edge warning",
      "aws_iam_role.app_secrets warning",
      "aws_iam_role.app_tomorrow warning",
    ]);
    expect(results.find((r) => r.identityIds?.[0] === "app/tomorrow")?.message).toBe(
      'The approval of identity "app/tomorrow" expires on 2026-11-28 (in 1 day).',
    );
  });

  it("Noncompliance 2: the window follows policy.expiryWarningDays", () => {
    const g = graph({ identities: [expiring("app/later", "2026-12-28")] });
    expect(flaggedResults(run(rule, g, { expiryWarningDays: 31 }), rule)).toEqual([
      "aws_iam_role.app_later warning",
    ]);
  });

  it("Noncompliance 3: an active suppression expiring in the window, once, with its date; lapsed or invalid ones are not", () => {
    const suppression = (ruleId: string, expiresOn: string, approver = "security-governance") => ({
      ruleId,
      reason: "Accepted while the shared bucket is split in two",
      approver,
      expiresOn,
    });
    const g = graph({
      identities: [
        declared("app/suppressing", {
          suppressions: [suppression("WI301", "2026-12-10"), suppression("WI503", "2027-06-30")],
        }),
        declared("app/lapsed", { suppressions: [suppression("WI301", "2026-11-27")] }),
        declared("app/self", { suppressions: [suppression("WI301", "2026-12-10", "payments")] }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(["aws_iam_role.app_suppressing warning"]);
    expect(results[0].message).toBe(
      'The suppression of WI301 on identity "app/suppressing", approved by "security-governance", expires on 2026-12-10 (in 13 days); the finding it suppresses then blocks again.',
    );
  });
});
