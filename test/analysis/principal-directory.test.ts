import { buildGraph } from "../../lib/extract/build-graph";
import { PrincipalDirectory } from "../../lib/analysis/principal-directory";
import { inventoryRows } from "../../lib/review/inventory";
import { WI302_SHARED_AWS_SECRET as wi302 } from "../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { WI305_ROLE_CHAINING as wi305 } from "../../lib/rules/shared-paths/wi305-role-chaining";
import { run } from "../rules/harness";

const SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ops-db-AbCdEf";
const document = (action: string, resource: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: resource }],
  });

/** A user whose group grants a secret and a role to assume; a role that reads the same secret. */
const TERRAFORM = {
  resource: {
    aws_iam_user: { dev: { name: "dev" } },
    aws_iam_group: { ops: { name: "ops" } },
    aws_iam_user_group_membership: {
      dev: { user: "${aws_iam_user.dev.name}", groups: ["${aws_iam_group.ops.name}"] },
    },
    aws_iam_user_policy: {
      own: { user: "${aws_iam_user.dev.name}", policy: document("s3:ListBucket", "*") },
    },
    aws_iam_group_policy: {
      secret: {
        group: "${aws_iam_group.ops.name}",
        policy: document("secretsmanager:GetSecretValue", SECRET),
      },
      assume: {
        group: "${aws_iam_group.ops.name}",
        policy: document("sts:AssumeRole", "${aws_iam_role.app.arn}"),
      },
    },
    aws_iam_role: {
      app: {
        name: "app",
        assume_role_policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "sts:AssumeRole",
              Principal: { AWS: "arn:aws:iam::111122223333:root" },
            },
          ],
        }),
      },
    },
    aws_iam_role_policy: {
      app: { role: "${aws_iam_role.app.name}", policy: document("secretsmanager:GetSecretValue", SECRET) },
    },
  },
};

const graph = buildGraph([
  {
    file: "main.tf.json",
    format: "terraform-json",
    stack: "app",
    json: TERRAFORM,
    text: JSON.stringify(TERRAFORM),
  },
]);
const user = graph.identities.find((i) => i.awsUsers.length > 0)!;

describe("effective AWS policies of a principal: computed once, in PrincipalDirectory", () => {
  test("GIVEN a user in a group WHEN extracted THEN the user keeps its own policies and names its group", () => {
    expect(user.awsUsers.map((u) => [u.policies.map((p) => p.location.address), u.groups])).toEqual([
      [["aws_iam_user_policy.own"], ["aws_iam_group.ops"]],
    ]);
  });

  test("GIVEN a user in a group WHEN its policies are listed THEN each group policy appears once, held through the group", () => {
    const held = PrincipalDirectory.of(graph).awsPoliciesOf(user);
    expect(held.map((h) => [h.policy.location.address, h.principal.address])).toEqual([
      ["aws_iam_user_policy.own", "aws_iam_user.dev"],
      ["aws_iam_group_policy.secret", "aws_iam_group.ops"],
      ["aws_iam_group_policy.assume", "aws_iam_group.ops"],
    ]);
  });

  test("GIVEN a group policy shared with a role WHEN WI302 runs THEN the rule itself reports each grant once (no duplicate for the engine to drop)", () => {
    const results = run(wi302, graph);
    expect(results.map((r) => [r.location.address, r.related?.map((l) => l.address)])).toEqual([
      ["aws_iam_role_policy.app", ["aws_iam_group_policy.secret"]],
    ]);
    expect(results.map((r) => r.message)).toEqual([
      `Identities "app" (stack "app") and "dev" (stack "app") both reach a secret-bearing resource (via "secretsmanager:GetSecretValue"): Secrets Manager secret "${SECRET}".`,
    ]);
  });

  test("GIVEN a group policy allowing sts:AssumeRole WHEN WI305 runs THEN one chaining result, not one per copy of the policy", () => {
    const results = run(wi305, graph);
    expect(results.map((r) => r.location.address)).toEqual(["aws_iam_group_policy.assume"]);
  });

  test("GIVEN a user in a group WHEN inventoried THEN the scope lists each group grant once", () => {
    const row = inventoryRows(graph).find((r) => r.id === user.id)!;
    expect(row.scope.filter((entry) => entry.includes("secretsmanager:GetSecretValue"))).toHaveLength(1);
  });
});
