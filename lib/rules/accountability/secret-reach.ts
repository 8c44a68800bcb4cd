import type { Identity } from "../../model/graph";
import { SECRET_MATERIAL_ACTIONS, reachesVaultSecretMaterial } from "../../model/secret-material";
import { isUnknown } from "../../model/unknown";
import { missingVaultPolicyNames } from "../../model/vault-names";
import type { PrincipalDirectory } from "../../analysis/principal-directory";
import { ActionList } from "../../analysis/statement-actions";

const SECRET_ACTIONS = new ActionList(SECRET_MATERIAL_ACTIONS);

export type SecretReach =
  | { readonly kind: "reaches"; readonly evidence: string }
  | { readonly kind: "unknown"; readonly reason: string }
  | { readonly kind: "none" };

/**
 * Whether an identity reaches secret material (lib/model/secret-material: the same predicate the
 * construct uses to require a `secretsApprover`): a definite path wins; otherwise a policy whose
 * content is not known (AWS-managed, known after apply, a Vault policy not in the inputs) makes it
 * unknown.
 */
export function secretReachOf(identity: Identity, directory: PrincipalDirectory): SecretReach {
  let unknownReason: string | undefined;
  // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
  const held = directory.awsPoliciesOf(identity);
  for (let h = 0; h < held.length; h++) {
    const { policy } = held[h];
    if (isUnknown(policy.document)) {
      unknownReason ??= `the content of policy ${policy.location.address} is not known`;
      continue;
    }
    const statements = policy.document.statements;
    for (let s = 0; s < statements.length; s++) {
      const statement = statements[s];
      const allowed = SECRET_ACTIONS.allowedMask(statement);
      if (allowed === 0) continue;
      // The first secret action in table order, as the evidence.
      const action = SECRET_ACTIONS.actions[31 - Math.clz32(allowed & -allowed)];
      return { kind: "reaches", evidence: `${action} in ${policy.location.address}` };
    }
  }
  const roles = identity.vaultRoles;
  for (let r = 0; r < roles.length; r++) {
    const role = roles[r];
    const policies = role.policies;
    for (let p = 0; p < policies.length; p++) {
      const policy = policies[p];
      if (isUnknown(policy.rules)) {
        unknownReason ??= `the rules of Vault policy ${policy.location.address} are not known`;
        continue;
      }
      const rule = policy.rules.find((r) => reachesVaultSecretMaterial(r.capabilities));
      if (rule) return { kind: "reaches", evidence: `Vault path ${rule.path}` };
    }
    if (isUnknown(role.tokenPolicies)) {
      unknownReason ??= `the token policies of Vault role ${role.location.address} are not known`;
      continue;
    }
    const [missing] = missingVaultPolicyNames(
      role.tokenPolicies,
      role.policies.map((p) => (typeof p.name === "string" ? p.name : undefined)),
    );
    if (missing !== undefined) unknownReason ??= `Vault policy ${missing} is not in the inputs`;
  }
  return unknownReason ? { kind: "unknown", reason: unknownReason } : { kind: "none" };
}
