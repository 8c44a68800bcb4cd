/** Small builders for privilege-rule tests: a policy attached to a role in its own identity. */
import type { AwsPolicy, Identity, IdentityGraph, VaultPolicy } from "../../../lib/model/graph";
import type { PolicyStatement } from "../../../lib/model/iam-policy";
import {
  awsPolicy,
  awsRole,
  doc,
  graph,
  identity,
  statement,
  vaultPolicy,
  vaultRole,
} from "../../support/graph-builder";

export const allow = (actions: string[], resources: string[] = ["*"], extra: Partial<PolicyStatement> = {}) =>
  statement({ actions, resources, ...extra });

/** A graph holding the given standalone AWS policies (unattached). */
export function policiesGraph(...policies: AwsPolicy[]): IdentityGraph {
  return graph({ awsPolicies: policies });
}

export function inline(address: string, ...statements: PolicyStatement[]): AwsPolicy {
  return awsPolicy(address, doc(...statements));
}

/** A role identity `id` carrying the policy (attachedTo set). */
export function attachedTo(id: string, policy: AwsPolicy): { identity: Identity; policy: AwsPolicy } {
  const attached = { ...policy, attachedTo: [`aws_iam_role.${id}`] };
  return {
    identity: identity(id, { awsRoles: [awsRole(`aws_iam_role.${id}`, { policies: [attached] })] }),
    policy: attached,
  };
}

/** A graph of Vault policies, each attached to its own Vault role identity. */
export function vaultGraph(...policies: Array<[string, Array<[string, string[]]>]>): IdentityGraph {
  const identities = policies.map(([name, rules]) => {
    const policy: VaultPolicy = vaultPolicy(
      `vault_policy.${name}`,
      rules.map(([path, capabilities]) => ({ path, capabilities })),
      {
        attachedTo: [`vault_jwt_auth_backend_role.${name}`],
      },
    );
    return identity(name, {
      vaultRoles: [
        vaultRole(`vault_jwt_auth_backend_role.${name}`, { tokenPolicies: [name], policies: [policy] }),
      ],
    });
  });
  return graph({ identities });
}
