import { WI102_NO_APPROVAL as rule } from "../../../lib/rules/accountability/wi102-no-approval";
import type { ApprovalRecord } from "../../../lib/model/record";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared, handWritten, serviceRole } from "./accountability-fixtures";

describe("WI102 no approver or approval reference", () => {
  it("Compliance: approver with reference; service roles ignored", () => {
    expect(run(rule, graph({ identities: [declared("app/ok"), serviceRole("lambda")] }))).toEqual([]);
  });

  it("Noncompliance 1: record without reference (error), hand-written without approval (warning)", () => {
    const g = graph({
      identities: [
        declared("app/no-ref", { approver: { name: "security" } as ApprovalRecord }),
        handWritten("owner-tags-only", { source: "tags", owner: { team: "payments", contact: "p@x" } }),
        // No accountability at all: WI101 reports it once, WI102 stays silent.
        handWritten("untagged"),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.app_no_ref error",
      "aws_iam_role.owner-tags-only warning",
    ]);
    expect(results.find((r) => r.identityIds?.[0] === "app/no-ref")?.message).toBe(
      'Identity "app/no-ref" has no approval reference.',
    );
  });
});
