import { WI101_NO_OWNER as rule } from "../../../lib/rules/accountability/wi101-no-owner";
import { graph } from "../../support/graph-builder";
import { flaggedWithSeverity, run } from "../trust/rule-test-helpers";
import { declared, handWritten, serviceRole } from "./accountability-fixtures";

describe("WI101 identity has no owner", () => {
  it("Compliance: declared owner, owner tags, and service roles (never judged)", () => {
    const g = graph({
      identities: [
        declared("app/ok"),
        handWritten("tagged", { source: "tags", owner: { team: "payments", contact: "p@example.com" } }),
        serviceRole("lambda_exec"),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: a record missing its owner contact is an error", () => {
    const g = graph({
      identities: [declared("app/no-contact", { owner: { team: "payments", contact: "" } })],
    });
    const results = run(rule, g);
    expect(flaggedWithSeverity(results, rule)).toEqual(["aws_iam_role.app_no_contact error"]);
    expect(results[0]).toMatchObject({
      message: 'Identity "app/no-contact" has no owner contact.',
      identityIds: ["app/no-contact"],
    });
  });

  it("Noncompliance 2: hand-written workload roles without owner are warnings", () => {
    const g = graph({
      identities: [
        handWritten("untagged"),
        handWritten("team-only", { source: "tags", owner: { team: "payments" } }),
      ],
    });
    expect(flaggedWithSeverity(run(rule, g), rule)).toEqual([
      "aws_iam_role.team-only warning",
      "aws_iam_role.untagged warning",
    ]);
  });
});
