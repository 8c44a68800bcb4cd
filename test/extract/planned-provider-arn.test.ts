import { readFileSync } from "fs";
import { join } from "path";
import { evaluate } from "../../lib/engine/evaluate";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { buildGraph } from "../../lib/extract/build-graph";
import type { InputDocument } from "../../lib/extract/input-document";
import type { IdentityGraph } from "../../lib/model/graph";
import { isUnknown } from "../../lib/model/unknown";
import { FIXTURES, conditionLines, identityById, input, onlyRole, principalLines } from "./support";

/**
 * An OIDC provider created in the same configuration as the roles trusting it: the constructs name
 * it in the trust by an ARN built from `data.aws_caller_identity` and `data.aws_partition`, which
 * Terraform reads during plan, so the trust is known in the plan of the pull request adding it.
 */

const HOST = "token.actions.githubusercontent.com";
const PARTITION_REF = "${data.aws_partition.workload-identity-partition.partition}";
const ACCOUNT_REF = "${data.aws_caller_identity.workload-identity-caller-identity.account_id}";
const PLANNED_ARN = `arn:${PARTITION_REF}:iam::${ACCOUNT_REF}:oidc-provider/${HOST}`;
const TODAY = { today: "2026-11-27" };

function findingLines(graph: IdentityGraph): string[] {
  return evaluate(graph, resolvePolicy(TODAY)).findings.map(
    (f) => `${f.ruleId} ${f.severity} ${f.location.address}${f.unknown ? " unknown" : ""}`,
  );
}

describe("plan JSON: a provider created together with the role trusting it", () => {
  const FILE = "plan-provider-created-with-role.json";
  const text = readFileSync(join(FIXTURES, FILE), "utf8");
  const ROLE = "aws_iam_role.deploy-api_role_50A0804A";

  test("GIVEN the trust built from data sources read at plan time WHEN extracted THEN the trust is known, pinned, and accountable from tags", () => {
    const graph = buildGraph([input(join(FIXTURES, FILE), FILE, "plan-json")]);
    expect(graph.identities.map((i) => i.id)).toEqual([ROLE]);
    const identity = identityById(graph, ROLE);
    const role = onlyRole(identity);
    expect(principalLines(role.trust)).toEqual([`Federated arn:aws:iam::111122223333:oidc-provider/${HOST}`]);
    expect(conditionLines(role.trust)).toEqual([
      `StringEquals ${HOST}:aud = sts.amazonaws.com`,
      `StringEquals ${HOST}:sub = repo:acme/api:environment:production`,
    ]);
    expect(role.arn).toEqual({ unknown: true, reason: "known only after apply" });
    expect(identity.accountability).toEqual({
      source: "tags",
      owner: { team: "payments", contact: "payments-oncall@example.com" },
      issuerOwner: { team: "platform" },
      approver: { name: "security-governance", reference: "SEC-1234", expiresOn: "2027-06-30" },
      secretsApprover: undefined,
      ttlSeconds: 3600,
      description: "Deploy the api service to production",
    });
    expect(graph.oidcProviders.map((p) => [p.location.address, p.url, p.clientIds])).toEqual([
      [
        "aws_iam_openid_connect_provider.github_aws-oidc-provider_5B3894F6",
        `https://${HOST}`,
        ["sts.amazonaws.com"],
      ],
    ]);
  });

  test("GIVEN that plan WHEN the full catalog is evaluated THEN no finding at all (no WI214, no error)", () => {
    const graph = buildGraph([input(join(FIXTURES, FILE), FILE, "plan-json")]);
    expect(findingLines(graph)).toEqual([]);
  });

  test("GIVEN the old shape (the trust names the provider's arn, unknown until apply) WHEN evaluated THEN the role is reported unknown by WI214, never clean", () => {
    const plan = JSON.parse(text) as {
      resource_changes: {
        address: string;
        change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> };
      }[];
      planned_values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } };
      configuration: {
        root_module: { resources: { address: string; expressions?: Record<string, unknown> }[] };
      };
    };
    // What Terraform prints when the trust interpolates `aws_iam_openid_connect_provider.X.arn`.
    const provider = "aws_iam_openid_connect_provider.github_aws-oidc-provider_5B3894F6";
    const change = plan.resource_changes.find((c) => c.address === ROLE)!.change;
    delete change.after.assume_role_policy;
    change.after_unknown.assume_role_policy = true;
    delete plan.planned_values.root_module.resources.find((r) => r.address === ROLE)!.values
      .assume_role_policy;
    plan.configuration.root_module.resources.find(
      (r) => r.address === ROLE,
    )!.expressions!.assume_role_policy = { references: [`${provider}.arn`, provider] };
    const graph = buildGraph([{ file: FILE, format: "plan-json", json: plan }]);
    const trust = onlyRole(identityById(graph, ROLE)).trust;
    expect(isUnknown(trust)).toBe(true);
    expect(findingLines(graph)).toEqual([`WI214 error ${ROLE} unknown`]);
  });
});

/** A hand-written Terraform JSON stack: one GitHub role whose trust names `federated`. */
function stackWith(
  federated: string,
  data: Record<string, unknown>,
  inlinePolicy?: Record<string, unknown>,
): InputDocument {
  const trust = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: federated },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${HOST}:aud`]: "sts.amazonaws.com",
            [`${HOST}:sub`]: "repo:acme/api:ref:refs/heads/main",
          },
        },
      },
    ],
  };
  return {
    file: "stack.tf.json",
    format: "terraform-json",
    json: {
      data,
      resource: {
        aws_iam_openid_connect_provider: {
          github: { url: `https://${HOST}`, client_id_list: ["sts.amazonaws.com"] },
        },
        aws_iam_role: {
          deploy: {
            name: "deploy",
            assume_role_policy: JSON.stringify(trust),
            tags: { "workload-identity:owner-team": "payments", "workload-identity:approver": "security" },
          },
        },
        ...(inlinePolicy
          ? {
              aws_iam_role_policy: {
                deploy: { role: "${aws_iam_role.deploy.name}", policy: JSON.stringify(inlinePolicy) },
              },
            }
          : {}),
      },
    },
  };
}

const ACCOUNT_DATA = {
  aws_caller_identity: { "workload-identity-caller-identity": {} },
  aws_partition: { "workload-identity-partition": {} },
};

describe("Terraform JSON: a provider ARN built from the account data sources", () => {
  test("GIVEN both data sources in the document WHEN extracted THEN the principal reads like a reference to the provider's arn", () => {
    const graph = buildGraph([stackWith(PLANNED_ARN, ACCOUNT_DATA)]);
    const role = onlyRole(identityById(graph, "aws_iam_role.deploy"));
    expect(principalLines(role.trust)).toEqual([`Federated arn:aws:iam::<account>:oidc-provider/${HOST}`]);
    expect(findingLines(graph).filter((line) => /^WI21[24] /.test(line))).toEqual([]);
  });

  test("GIVEN a literal partition and the caller identity data source WHEN extracted THEN the account is the placeholder", () => {
    const graph = buildGraph([
      stackWith(`arn:aws-us-gov:iam::${ACCOUNT_REF}:oidc-provider/${HOST}`, {
        aws_caller_identity: ACCOUNT_DATA.aws_caller_identity,
      }),
    ]);
    expect(principalLines(onlyRole(identityById(graph, "aws_iam_role.deploy")).trust)).toEqual([
      `Federated arn:aws-us-gov:iam::<account>:oidc-provider/${HOST}`,
    ]);
  });

  // Each data source the document has is read (the account as the app's, the partition as the
  // provider's); the reference it lacks stays, so the principal is still not known.
  const accountRead = `arn:${PARTITION_REF}:iam::<account>:oidc-provider/${HOST}`;
  test.each([
    ["no data sources", {}, PLANNED_ARN],
    ["no partition data source", { aws_caller_identity: ACCOUNT_DATA.aws_caller_identity }, accountRead],
    [
      "no caller identity data source",
      { aws_partition: ACCOUNT_DATA.aws_partition },
      `arn:aws:iam::${ACCOUNT_REF}:oidc-provider/${HOST}`,
    ],
    [
      "the names bound to other data types",
      {
        aws_region: { "workload-identity-partition": {} },
        aws_caller_identity: ACCOUNT_DATA.aws_caller_identity,
      },
      accountRead,
    ],
  ])(
    "GIVEN %s WHEN evaluated THEN the principal stays unresolved and only WI214 reports it",
    (_, data, principal) => {
      const graph = buildGraph([stackWith(PLANNED_ARN, data)]);
      expect(principalLines(onlyRole(identityById(graph, "aws_iam_role.deploy")).trust)).toEqual([
        `Federated ${principal}`,
      ]);
      expect(findingLines(graph).filter((line) => /^WI21[24] /.test(line))).toEqual([
        "WI214 error aws_iam_role.deploy unknown",
      ]);
    },
  );

  test("GIVEN escaped `$${...}` (literal text, not references) WHEN extracted THEN not resolved", () => {
    const escaped = `arn:$${PARTITION_REF}:iam::$${ACCOUNT_REF}:oidc-provider/${HOST}`;
    const graph = buildGraph([stackWith(escaped, ACCOUNT_DATA)]);
    const principals = principalLines(onlyRole(identityById(graph, "aws_iam_role.deploy")).trust);
    expect(principals).toEqual([`Federated ${PLANNED_ARN}`]);
  });

  test("GIVEN the account data source in a secret ARN WHEN evaluated THEN it reads the app's account, compared with a literal account as any account, so sharing a secret is found", () => {
    const secretGrant = (account: string) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: `arn:aws:secretsmanager:eu-west-1:${account}:secret:payments/db-*`,
        },
      ],
    });
    const viaData = stackWith(PLANNED_ARN, ACCOUNT_DATA, secretGrant(ACCOUNT_REF));
    const literal = stackWith(
      `arn:aws:iam::111122223333:oidc-provider/${HOST}`,
      {},
      secretGrant("111122223333"),
    );
    const graph = buildGraph([viaData, { ...literal, file: "other.tf.json" }]);
    const policy = onlyRole(graph.identities[0]).policies[0].document;
    expect(isUnknown(policy) ? [] : policy.statements.flatMap((s) => s.resources)).toEqual([
      "arn:aws:secretsmanager:eu-west-1:<account>:secret:payments/db-*",
    ]);
    expect(findingLines(graph).filter((line) => line.startsWith("WI302 "))).toEqual([
      "WI302 error aws_iam_role_policy.deploy",
    ]);
  });
});
