import { buildGraph } from "../../lib/extract/build-graph";
import { RECORD_KEY, RECORD_SCHEMA } from "../../lib/model/record";

/** A synthesized app of `count` WorkloadIdentity-shaped identities (4 resources each) in `stacks` stacks. */
function syntheticApp(count: number, stacks: number) {
  const documents = [];
  for (let s = 0; s < stacks; s++) {
    const resource: Record<string, Record<string, unknown>> = {
      aws_iam_role: {},
      aws_iam_role_policy: {},
      vault_policy: {},
      vault_jwt_auth_backend_role: {},
    };
    for (let i = s; i < count; i += stacks) {
      const id = `stack${s}/identity-${i}`;
      // The construct children WorkloadIdentity synthesizes, each carrying the record.
      const comment = (child: string) => ({
        "//": { metadata: { path: `${id}/${child}` }, [RECORD_KEY]: record(id) },
      });
      resource.aws_iam_role[`role_${i}`] = {
        ...comment("role"),
        name: `identity-${i}`,
        assume_role_policy: JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Action: "sts:AssumeRoleWithWebIdentity",
              Principal: { Federated: "arn:aws:iam::1:oidc-provider/x" },
            },
          ],
        }),
        managed_policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      };
      resource.aws_iam_role_policy[`policy_${i}`] = {
        ...comment("role-policy"),
        role: `\${aws_iam_role.role_${i}.id}`,
        policy: JSON.stringify({
          Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::b/${i}/*` }],
        }),
      };
      resource.vault_policy[`vault_policy_${i}`] = {
        ...comment("vault-policy"),
        name: `identity-${i}`,
        policy: `path "secret/data/${i}" { capabilities = ["read"] }`,
      };
      resource.vault_jwt_auth_backend_role[`vault_role_${i}`] = {
        ...comment("vault-role"),
        role_name: `identity-${i}`,
        token_policies: [`\${vault_policy.vault_policy_${i}.name}`],
      };
    }
    const json = { resource };
    documents.push({
      file: `stacks/stack${s}/cdk.tf.json`,
      stack: `stack${s}`,
      format: "terraform-json" as const,
      json,
      text: JSON.stringify(json, null, 2),
    });
  }
  return documents;
}

function record(id: string) {
  return {
    schema: RECORD_SCHEMA,
    id,
    description: "d",
    owner: { team: "t", contact: "c" },
    approver: { name: "a", reference: "r" },
    ttlSeconds: 900,
    issuer: { kind: "generic", url: "https://x", constructPath: "i", owner: { team: "p", contact: "c" } },
    subject: { kind: "exact", value: "s" },
    audiences: {},
    scope: { aws: [], vault: [] },
    suppressions: [],
  };
}

test("GIVEN 5,000 identities (20,000 resources) in 4 stacks WHEN extracted THEN each identity is complete and linked", () => {
  const graph = buildGraph(syntheticApp(5000, 4));
  expect(graph.identities).toHaveLength(5000);
  expect(graph.identities.every((i) => i.awsRoles.length === 1 && i.vaultRoles.length === 1)).toBe(true);
  expect(
    graph.identities.every(
      (i) => i.awsRoles[0].policies.length === 2 && i.vaultRoles[0].policies.length === 1,
    ),
  ).toBe(true);
  // AWS-managed policies are one per attachment site: each role's `managed_policy_arns` is its own.
  const readOnly = graph.awsPolicies.filter((p) => p.kind === "aws-managed");
  expect(readOnly).toHaveLength(5000);
  expect(readOnly.every((p) => p.attachedTo.length === 1 && p.attachedTo[0] === p.location.address)).toBe(
    true,
  );
  expect(graph.vaultPolicies.every((p) => p.attachedTo.length === 1)).toBe(true);
});
