/**
 * iam:PassRole on another identity's role, with the actions that make a service run code as it:
 * the caller becomes that role (WI308), and what the role reaches is the caller's reach (WI302).
 * Exact sets of reported identity pairs.
 */
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { WI305_ROLE_CHAINING } from "../../../lib/rules/shared-paths/wi305-role-chaining";
import { WI308_AWS_ROLE_TAKEOVER } from "../../../lib/rules/shared-paths/wi308-aws-role-takeover";
import { run } from "../harness";
import { GET, graphOf, policy, reportedPairs, rolePolicies, unknownAt } from "./aws-terraform";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";
const LAMBDA_LAUNCH = ["lambda:CreateFunction", "lambda:InvokeFunction"];

function trustOf(service: string): string {
  return policy([{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: service } }]);
}
const oidcTrust = policy([
  {
    Effect: "Allow",
    Action: "sts:AssumeRoleWithWebIdentity",
    Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
    Condition: {
      StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" },
    },
  },
]);

/** Workload `a` (OIDC) and role `b` trusting `bTrust`; `a` holds `grants`, `b` reads a secret. */
function app(grants: object[], bTrust = trustOf("lambda.amazonaws.com")): object {
  return {
    resource: {
      aws_iam_role: {
        a: { name: "a", assume_role_policy: oidcTrust },
        b: { name: "b", assume_role_policy: bTrust },
        c: { name: "c", assume_role_policy: oidcTrust },
      },
      aws_iam_role_policy: rolePolicies({
        a: grants,
        b: [{ Effect: "Allow", Action: GET, Resource: `${SECRET}payments` }],
        c: [{ Effect: "Allow", Action: GET, Resource: `${SECRET}payments` }],
      }),
    },
  };
}

const passB = { Effect: "Allow", Action: "iam:PassRole", Resource: "${aws_iam_role.b.arn}" };
const launch = (actions: string[]) => ({ Effect: "Allow", Action: actions, Resource: "*" });

describe("WI308: passing another identity's role to a service that runs the caller's code", () => {
  test("PassRole on b, and Lambda create + invoke, with b trusting Lambda: a becomes b", () => {
    const json = app([passB, launch(LAMBDA_LAUNCH)]);
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, json)).toEqual(["a+b"]);
    const [result] = run(WI308_AWS_ROLE_TAKEOVER, graphOf(json));
    expect(result.message).toContain("can pass role");
    expect(result.message).toContain(
      '"lambda.amazonaws.com" ("lambda:CreateFunction", "lambda:InvokeFunction")',
    );
    expect(result.location.address).toBe("aws_iam_role_policy.a");
    // Not an sts:AssumeRole chain: WI305 stays silent.
    expect(reportedPairs(WI305_ROLE_CHAINING, json)).toEqual([]);
  });

  test("WI302: the secret b reads is a's reach too, shared with c", () => {
    const json = app([passB, launch(LAMBDA_LAUNCH)]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, json)).toEqual(["a+b+c"]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, app([passB]))).toEqual(["b+c"]);
  });

  test("each service's launching actions: EC2 and ECS paths need their own trust", () => {
    expect(
      reportedPairs(
        WI308_AWS_ROLE_TAKEOVER,
        app([passB, launch(["ec2:RunInstances"])], trustOf("ec2.amazonaws.com")),
      ),
    ).toEqual(["a+b"]);
    expect(
      reportedPairs(
        WI308_AWS_ROLE_TAKEOVER,
        app(
          [passB, launch(["ecs:RegisterTaskDefinition", "ecs:RunTask"])],
          trustOf("ecs-tasks.amazonaws.com"),
        ),
      ),
    ).toEqual(["a+b"]);
    // The China regions' principal names the same service.
    expect(
      reportedPairs(
        WI308_AWS_ROLE_TAKEOVER,
        app([passB, launch(["ec2:RunInstances"])], trustOf("ec2.amazonaws.com.cn")),
      ),
    ).toEqual(["a+b"]);
    // Launching EC2 instances does not run code as a role that only Lambda may assume.
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([passB, launch(["ec2:RunInstances"])]))).toEqual([]);
  });

  test("no edge without a complete launch path, or without PassRole on b", () => {
    // Creating a function that nothing can invoke runs no code.
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([passB, launch(["lambda:CreateFunction"])]))).toEqual(
      [],
    );
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([launch(LAMBDA_LAUNCH)]))).toEqual([]);
    // PassRole on a's own role only.
    const own = { Effect: "Allow", Action: "iam:PassRole", Resource: "${aws_iam_role.a.arn}" };
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([own, launch(LAMBDA_LAUNCH)]))).toEqual([]);
  });

  test("a role trusting only its OIDC provider cannot be passed to a service", () => {
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([passB, launch(LAMBDA_LAUNCH)], oidcTrust))).toEqual(
      [],
    );
  });

  test("PassRole on `*` and wildcard actions reach b as well", () => {
    const everything = { Effect: "Allow", Action: ["iam:PassRole", "lambda:*"], Resource: "*" };
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([everything]))).toEqual(["a+b"]);
  });

  test("iam:PassedToService: a condition naming another service removes the edge, one naming Lambda keeps it", () => {
    const passedTo = (operator: string, services: string[]) => ({
      ...passB,
      Condition: { [operator]: { "iam:PassedToService": services } },
    });
    const launchLambda = launch(LAMBDA_LAUNCH);
    expect(
      reportedPairs(
        WI308_AWS_ROLE_TAKEOVER,
        app([passedTo("StringEquals", ["ec2.amazonaws.com"]), launchLambda]),
      ),
    ).toEqual([]);
    expect(
      reportedPairs(
        WI308_AWS_ROLE_TAKEOVER,
        app([passedTo("StringEquals", ["lambda.amazonaws.com"]), launchLambda]),
      ),
    ).toEqual(["a+b"]);
    expect(
      reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([passedTo("StringLike", ["lambda.*"]), launchLambda])),
    ).toEqual(["a+b"]);
    // A test on the key the engine does not decide (another operator) keeps the edge.
    expect(
      reportedPairs(
        WI308_AWS_ROLE_TAKEOVER,
        app([passedTo("StringNotEquals", ["lambda.amazonaws.com"]), launchLambda]),
      ),
    ).toEqual(["a+b"]);
  });

  test("an explicit Deny of iam:PassRole on b removes the edge", () => {
    const deny = { Effect: "Deny", Action: "iam:PassRole", Resource: "${aws_iam_role.b.arn}" };
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([passB, launch(LAMBDA_LAUNCH), deny]))).toEqual([]);
  });

  test("a trust admitting everyone admits every service", () => {
    const everyone = policy([{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" } }]);
    expect(
      reportedPairs(WI308_AWS_ROLE_TAKEOVER, app([passB, launch(["ec2:RunInstances"])], everyone)),
    ).toEqual(["a+b"]);
  });

  test("PassRole on a role known only after apply, with a launch path: unknown — needs review, never passed", () => {
    const computed = { Effect: "Allow", Action: "iam:PassRole", Resource: "${var.role_arn}" };
    const json = app([computed, launch(LAMBDA_LAUNCH)]);
    expect(unknownAt(WI305_ROLE_CHAINING, json)).toEqual(["aws_iam_role.a"]);
    const [unknown] = run(WI305_ROLE_CHAINING, graphOf(json)).filter((result) => result.unknown);
    expect(unknown.message).toContain('iam:PassRole resource "${var.role_arn}" is known only after apply');
    // Without a way to make a service run code, the role it may pass is no path.
    expect(unknownAt(WI305_ROLE_CHAINING, app([computed]))).toEqual([]);
  });

  test("one PassRole grant reaching two roles is one finding naming both, with each service's actions", () => {
    const json = app([
      { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::*:role/*" },
      launch([...LAMBDA_LAUNCH, "ec2:RunInstances"]),
    ]) as { resource: { aws_iam_role: Record<string, object> } };
    json.resource.aws_iam_role.d = { name: "d", assume_role_policy: trustOf("ec2.amazonaws.com") };
    const results = run(WI308_AWS_ROLE_TAKEOVER, graphOf(json));
    expect(results.map((result) => result.identityIds?.map((id) => id.replace(/^.*\./, "")))).toEqual([
      ["a", "b", "d"],
    ]);
    expect(results[0].message).toContain("can pass the roles of 2 identities");
    expect(results[0].message).toContain(
      '"lambda.amazonaws.com" ("lambda:CreateFunction", "lambda:InvokeFunction"), "ec2.amazonaws.com" ("ec2:RunInstances")',
    );
  });
});
