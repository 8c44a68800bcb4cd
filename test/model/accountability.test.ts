import {
  MIN_SUPPRESSION_REASON,
  hasExpired,
  isAllowedApprover,
  isSelfApproval,
  suppressionStatus,
} from "../../lib/model/accountability";
import type { SuppressionRecord } from "../../lib/model/record";

const TODAY = "2026-06-01";
const REASON = "a reason long enough to be read by an auditor";

function status(overrides: Partial<Record<keyof SuppressionRecord, unknown>>, approvers?: string[]) {
  const suppression = {
    ruleId: "WI301",
    reason: REASON,
    approver: "security",
    expiresOn: "2026-12-31",
    ...overrides,
  };
  return suppressionStatus(suppression as SuppressionRecord, "payments", { today: TODAY, approvers });
}

describe("accountability predicates", () => {
  test("the owner team compares trimmed and case-insensitively", () => {
    expect(isSelfApproval(" Payments", "payments ")).toBe(true);
    expect(isSelfApproval("security", "payments")).toBe(false);
    expect(isSelfApproval(undefined, "payments")).toBe(false);
    expect(isSelfApproval("payments", undefined)).toBe(false);
  });

  test("expiry is by calendar day: the expiry day no longer holds, an impossible date never holds", () => {
    expect(hasExpired("2026-06-02", TODAY)).toBe(false);
    expect(hasExpired("2026-06-01", TODAY)).toBe(true);
    expect(hasExpired("2099-02-30", TODAY)).toBe(true);
  });

  test("the approver allow-list applies only when there is one", () => {
    expect(isAllowedApprover("security", undefined)).toBe(true);
    expect(isAllowedApprover("security", ["governance"])).toBe(false);
  });

  test("suppression validity", () => {
    expect(status({})).toBe("active");
    expect(status({ expiresOn: TODAY })).toBe("expired");
    expect(status({ expiresOn: "2099-02-30" })).toBe("invalid");
    expect(status({ expiresOn: "2099-2-3" })).toBe("invalid");
    expect(status({ approver: "PAYMENTS " })).toBe("invalid");
    expect(status({ approver: "" })).toBe("invalid");
    expect(status({ reason: "x".repeat(MIN_SUPPRESSION_REASON - 1) })).toBe("invalid");
    expect(status({ reason: "x".repeat(MIN_SUPPRESSION_REASON) })).toBe("active");
    expect(status({}, ["governance"])).toBe("invalid");
    expect(status({}, ["security"])).toBe("active");
  });
});
