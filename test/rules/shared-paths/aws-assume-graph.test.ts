/**
 * Who can become whom on AWS, and the reach that follows: trust policies naming principals (same
 * and cross account), identity grants the target's trust does not admit, chains A -> B -> C, and
 * permission to change another role. Exact sets of findings per rule.
 */
import { buildGraph } from "../../../lib/extract/build-graph";
import type { Identity } from "../../../lib/model/graph";
import type { PolicyStatement } from "../../../lib/model/iam-policy";
import type { Rule } from "../../../lib/rules/rule";
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { WI305_ROLE_CHAINING } from "../../../lib/rules/shared-paths/wi305-role-chaining";
import { WI308_AWS_ROLE_TAKEOVER } from "../../../lib/rules/shared-paths/wi308-aws-role-takeover";
import { awsPolicy, awsRole, doc, graph, identity, statement } from "../../support/graph-builder";
import { run } from "../harness";

const GET = "secretsmanager:GetSecretValue";
const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";

function policy(statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
const serviceTrust = policy([
  { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } },
]);
function trusting(principal: string): string {
  return policy([{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: principal } }]);
}

/** Identity pairs a rule reports (`from+to`, in the order the rule gives them), sorted. */
function pairs(rule: Rule, json: object): string[] {
  const g = buildGraph([{ file: "main.tf.json", format: "terraform-json", json }]);
  return pairsOf(rule, g);
}
function pairsOf(rule: Rule, g: ReturnType<typeof graph>): string[] {
  return run(rule, g)
    .filter((result) => !result.unknown && (result.severity ?? rule.severity) === "error")
    .map((result) => (result.identityIds ?? []).map((id) => id.replace(/^.*aws_iam_role\./, "")).join(">"))
    .sort();
}

describe("trust policies that name principals (same account: the trust alone suffices)", () => {
  const json = {
    resource: {
      aws_iam_role: {
        a: { name: "a", assume_role_policy: serviceTrust },
        b: { name: "b", assume_role_policy: trusting("${aws_iam_role.a.arn}") },
        c: { name: "c", assume_role_policy: trusting("arn:aws:iam::111122223333:root") },
        d: { name: "d", assume_role_policy: trusting("${aws_iam_role.b.arn}") },
        e: { name: "e", assume_role_policy: serviceTrust },
      },
      aws_iam_role_policy: {
        // e may call AssumeRole on d, but d's trust names only b: no chain.
        e: {
          name: "e",
          role: "${aws_iam_role.e.name}",
          policy: policy([{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "${aws_iam_role.d.arn}" }]),
        },
        d: {
          name: "d",
          role: "${aws_iam_role.d.name}",
          policy: policy([{ Effect: "Allow", Action: GET, Resource: `${SECRET}shared` }]),
        },
        c: {
          name: "c",
          role: "${aws_iam_role.c.name}",
          policy: policy([{ Effect: "Allow", Action: GET, Resource: `${SECRET}shared` }]),
        },
      },
    },
  };

  test("WI305: a named in b's trust becomes b, b becomes d, so a becomes d; the account root delegates only", () => {
    expect(pairs(WI305_ROLE_CHAINING, json)).toEqual(["a>b", "a>d", "b>d"]);
  });

  test("WI302: reach follows the chain (a and b reach d's secret, shared with c)", () => {
    // One finding for the secret c and d share: a and b reach it as d.
    expect(pairs(WI302_SHARED_AWS_SECRET, json)).toEqual(["a>b>c>d"]);
  });
});

describe("accounts: cross-account trust needs the caller's identity policy too", () => {
  function role(
    id: string,
    account: string,
    trust: PolicyStatement[],
    statements: PolicyStatement[] = [],
  ): Identity {
    const policies = statements.length ? [awsPolicy(`aws_iam_role_policy.${id}`, doc(...statements))] : [];
    return identity(id, {
      awsRoles: [
        awsRole(`aws_iam_role.${id}`, {
          arn: `arn:aws:iam::${account}:role/${id}`,
          trust: doc(...trust),
          policies,
        }),
      ],
    });
  }
  const trustsSource = [
    statement({
      actions: ["sts:AssumeRole"],
      principals: [{ type: "AWS", values: ["arn:aws:iam::111111111111:role/source"] }],
    }),
  ];
  const assumeTarget = statement({
    actions: ["sts:AssumeRole"],
    resources: ["arn:aws:iam::222222222222:role/*"],
  });

  test("same account: the trust alone; other account: trust and identity policy", () => {
    const sameAccount = graph({
      identities: [
        role("source", "111111111111", []),
        role("target", "111111111111", [
          statement({
            actions: ["sts:AssumeRole"],
            principals: [{ type: "AWS", values: ["arn:aws:iam::111111111111:role/source"] }],
          }),
        ]),
      ],
    });
    expect(pairsOf(WI305_ROLE_CHAINING, sameAccount)).toEqual(["source>target"]);
    const crossWithoutGrant = graph({
      identities: [role("source", "111111111111", []), role("target", "222222222222", trustsSource)],
    });
    expect(pairsOf(WI305_ROLE_CHAINING, crossWithoutGrant)).toEqual([]);
    const crossWithGrant = graph({
      identities: [
        role("source", "111111111111", [], [assumeTarget]),
        role("target", "222222222222", trustsSource),
      ],
    });
    expect(pairsOf(WI305_ROLE_CHAINING, crossWithGrant)).toEqual(["source>target"]);
    const rootOfOtherAccount = graph({
      identities: [
        role("source", "111111111111", [], [assumeTarget]),
        role("target", "222222222222", [
          statement({ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", values: ["333333333333"] }] }),
        ]),
      ],
    });
    expect(pairsOf(WI305_ROLE_CHAINING, rootOfOtherAccount)).toEqual([]);
  });
});

describe("WI308: permission to change another identity's role is becoming it", () => {
  const json = {
    resource: {
      aws_iam_role: {
        a: { name: "a", assume_role_policy: serviceTrust },
        b: { name: "b", assume_role_policy: serviceTrust },
        c: { name: "c", assume_role_policy: serviceTrust },
        d: { name: "d", assume_role_policy: serviceTrust },
      },
      aws_iam_role_policy: {
        a: {
          name: "a",
          role: "${aws_iam_role.a.name}",
          policy: policy([
            { Effect: "Allow", Action: "iam:UpdateAssumeRolePolicy", Resource: "${aws_iam_role.b.arn}" },
          ]),
        },
        b: {
          name: "b",
          role: "${aws_iam_role.b.name}",
          policy: policy([{ Effect: "Allow", Action: GET, Resource: `${SECRET}b` }]),
        },
        c: {
          name: "c",
          role: "${aws_iam_role.c.name}",
          policy: policy([
            {
              Effect: "Allow",
              Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy"],
              Resource: "arn:aws:iam::*:role/d",
            },
          ]),
        },
        d: {
          name: "d",
          role: "${aws_iam_role.d.name}",
          policy: policy([{ Effect: "Allow", Action: GET, Resource: `${SECRET}b` }]),
        },
      },
    },
  };
  test("UpdateAssumeRolePolicy / PutRolePolicy / AttachRolePolicy on another role", () => {
    expect(pairs(WI308_AWS_ROLE_TAKEOVER, json)).toEqual(["a>b", "c>d"]);
    // Reported by WI308 only, not again as WI305 chains.
    expect(pairs(WI305_ROLE_CHAINING, json)).toEqual([]);
    // a reaches b's secret, c reaches d's: the secret b and d share is reached by all four.
    expect(pairs(WI302_SHARED_AWS_SECRET, json)).toEqual(["a>b>c>d"]);
  });
});
