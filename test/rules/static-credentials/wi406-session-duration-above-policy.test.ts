import { WI406_SESSION_DURATION_ABOVE_POLICY as rule } from "../../../lib/rules/static-credentials/wi406-session-duration-above-policy";
import { awsRole, graph, identity } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";

const withRole = (address: string, overrides: Parameters<typeof awsRole>[1]) =>
  identity(address, { awsRoles: [awsRole(address, overrides)] });

describe("WI406 AWS role session duration above policy", () => {
  it("Compliance: default (1h) and the policy maximum itself", () => {
    const g = graph({
      identities: [
        withRole("aws_iam_role.default", {}),
        withRole("aws_iam_role.max", { maxSessionDurationSeconds: 43200 }),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: above a stricter policy, including the AWS default; unknown is a warning", () => {
    const g = graph({
      identities: [
        withRole("aws_iam_role.default", {}),
        withRole("aws_iam_role.two-hours", { maxSessionDurationSeconds: 7200 }),
        withRole("aws_iam_role.ok", { maxSessionDurationSeconds: 1800 }),
        withRole("aws_iam_role.later", { maxSessionDurationSeconds: { unknown: true, reason: "var" } }),
      ],
    });
    const results = run(rule, g, { maxSessionDurationSeconds: 1800 });
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.default error",
      "aws_iam_role.later warning unknown",
      "aws_iam_role.two-hours error",
    ]);
    expect(results.find((r) => r.location.address === "aws_iam_role.default")?.message).toBe(
      'Role "aws_iam_role.default" allows sessions of 1h (the AWS default), above the policy maximum of 30m.',
    );
  });
});
