import { WI104_APPROVAL_EXPIRED as rule } from "../../../lib/rules/accountability/wi104-approval-expired";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared, handWritten } from "./accountability-fixtures";

describe("WI104 approval expired (today is 2026-11-27)", () => {
  it("Compliance: future expiry, or none", () => {
    const g = graph({
      identities: [
        declared("app/future"),
        declared("app/tomorrow", { approver: { name: "sec", reference: "R", expiresOn: "2026-11-28" } }),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: expiring today or earlier, secrets approval expired, tag with an invalid date", () => {
    const g = graph({
      identities: [
        declared("app/today", { approver: { name: "sec", reference: "R", expiresOn: "2026-11-27" } }),
        declared("app/secrets", {
          secretsApprover: { name: "sec", reference: "S", expiresOn: "2025-01-01" },
        }),
        handWritten("bad-date", {
          source: "tags",
          approver: { name: "sec", reference: "R", expiresOn: "2026-02-30" },
        }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.app_secrets error",
      "aws_iam_role.app_today error",
      "aws_iam_role.bad-date error",
    ]);
    expect(results.find((r) => r.identityIds?.[0] === "app/today")?.message).toBe(
      'The approval of identity "app/today" expired on 2026-11-27.',
    );
  });
});
