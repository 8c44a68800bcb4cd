import type { AwsRole, Identity } from "../../../lib/model/graph";
import type { PolicyStatement } from "../../../lib/model/iam-policy";
import { unknown } from "../../../lib/model/unknown";
import { WI305_ROLE_CHAINING } from "../../../lib/rules/shared-paths/wi305-role-chaining";
import {
  awsPolicy,
  awsRole,
  doc,
  graph,
  identity,
  statement,
  webIdentityTrust,
} from "../../support/graph-builder";
import { flagged, run } from "../harness";

const rule = WI305_ROLE_CHAINING;

const accountTrust = doc(
  statement({
    actions: ["sts:AssumeRole"],
    principals: [{ type: "AWS", values: ["arn:aws:iam::111122223333:root"] }],
  }),
);

function roleIdentity(
  id: string,
  options: {
    trust?: AwsRole["trust"];
    statements?: PolicyStatement[];
    name?: string;
    path?: string;
  } = {},
): Identity {
  const policies = options.statements
    ? [
        awsPolicy(`aws_iam_role_policy.${id}`, doc(...options.statements), {
          attachedTo: [`aws_iam_role.${id}`],
        }),
      ]
    : [];
  const role = awsRole(`aws_iam_role.${id}`, {
    name: options.name ?? id,
    path: options.path,
    trust:
      options.trust ??
      webIdentityTrust("token.actions.githubusercontent.com", "repo:acme/x:ref:refs/heads/main"),
    policies,
  });
  return identity(id, { awsRoles: [role] });
}

const assume = (resources: string[], actions = ["sts:AssumeRole"]) => statement({ actions, resources });

describe("WI305 role chaining", () => {
  test("Noncompliance 1: sts:AssumeRole on the other identity's role ARN (name-only target, role path honoured)", () => {
    const g = graph({
      identities: [
        roleIdentity("a", { statements: [assume(["arn:aws:iam::111122223333:role/ci/target"])] }),
        roleIdentity("b", { name: "target", path: "/ci/", trust: accountTrust }),
      ],
    });
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.a error"]);
    const [result] = run(rule, g);
    expect(result.identityIds).toEqual(["a", "b"]);
    expect(result.related?.map((l) => l.address)).toEqual(["aws_iam_role.b"]);
    expect(result.message).toContain('"arn:aws*:iam::*:role/ci/target"');
  });

  test("Compliance: target trusts only an OIDC provider, a different role, AssumeRoleWithWebIdentity, Deny, and self", () => {
    const g = graph({
      identities: [
        roleIdentity("a", {
          statements: [
            assume(["*"]),
            assume(["arn:aws:iam::111122223333:role/other"], ["sts:AssumeRoleWithWebIdentity"]),
            statement({
              effect: "Deny",
              actions: ["sts:AssumeRole"],
              resources: ["arn:aws:iam::111122223333:role/c"],
            }),
          ],
          trust: accountTrust,
        }),
        roleIdentity("b"),
        roleIdentity("c", { statements: [assume(["arn:aws:iam::111122223333:role/nobody"])] }),
      ],
    });
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Noncompliance 2: sts:* on * reaches every chainable role; a Terraform reference resolves to the role", () => {
    const g = graph({
      identities: [
        roleIdentity("a", { statements: [assume(["*"], ["sts:*"])] }),
        roleIdentity("b", { trust: accountTrust }),
        roleIdentity("c", { trust: unknown("known only after apply") }),
        roleIdentity("d", { statements: [assume(["${aws_iam_role.b.arn}"])] }),
      ],
    });
    // a's one grant reaches b's and c's roles: one finding naming both.
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.a error", "aws_iam_role_policy.d error"]);
    expect(
      run(rule, g)
        .map((r) => r.identityIds?.join(">"))
        .sort(),
    ).toEqual(["a>b>c", "d>b"]);
  });

  test("Noncompliance 3: an IAM policy variable in the role name takes any value, so it reaches the target", () => {
    const g = graph({
      identities: [
        roleIdentity("a", {
          statements: [assume(["arn:aws:iam::111122223333:role/team-${aws:PrincipalTag/team}"])],
        }),
        roleIdentity("b", { name: "team-payments", trust: accountTrust }),
        roleIdentity("c", { name: "ops-payments", trust: accountTrust }),
      ],
    });
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.a error"]);
    expect(run(rule, g)[0].identityIds).toEqual(["a", "b"]);
  });

  test("Latent: an exact grant (ARN or reference) on a role that trusts only its OIDC provider is a warning; a glob is not", () => {
    const g = graph({
      identities: [
        roleIdentity("a", { statements: [assume(["arn:aws:iam::*:role/b"])] }),
        roleIdentity("b"),
        roleIdentity("c", { statements: [assume(["${aws_iam_role.b.arn}"])] }),
        roleIdentity("d", { statements: [assume(["arn:aws:iam::111122223333:role/b*"])] }),
      ],
    });
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.a warning", "aws_iam_role_policy.c warning"]);
    const [result] = run(rule, g);
    expect(result.identityIds).toEqual(["a", "b"]);
    expect(result.message).toContain("latent");
  });

  test("Unknown: an unresolvable resource or an unknown policy is one warning, only when some role admits chaining", () => {
    const unknownPolicy = awsPolicy("aws_iam_role_policy.u", unknown("known only after apply"));
    const opaque = identity("u", { awsRoles: [awsRole("aws_iam_role.u", { policies: [unknownPolicy] })] });
    const withoutTargets = graph({
      identities: [roleIdentity("a", { statements: [assume(["${var.role_arn}", "${var.other}"])] }), opaque],
    });
    expect(flagged(rule, withoutTargets)).toEqual([]);
    const withTarget = graph({
      identities: [...withoutTargets.identities, roleIdentity("b", { trust: accountTrust })],
    });
    expect(flagged(rule, withTarget)).toEqual([
      "aws_iam_role.a warning unknown",
      "aws_iam_role.u warning unknown",
    ]);
  });
});
