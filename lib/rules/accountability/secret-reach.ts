import type { AwsPolicy, Identity } from "../../model/graph";
import type { PolicyStatement } from "../../model/iam-policy";
import { isUnknown } from "../../model/unknown";
import { globMatchesIgnoreCase } from "../../pattern/glob";
import { SECRET_READING_ACTIONS } from "../../model/secret-actions";

/** Vault capabilities that read or write secret material (`deny` anywhere on the rule wins). */
const SECRET_CAPABILITIES = new Set(["read", "list", "create", "update", "patch"]);

export type SecretReach =
  | { readonly kind: "reaches"; readonly evidence: string }
  | { readonly kind: "unknown"; readonly reason: string }
  | { readonly kind: "none" };

function secretActionOf(statement: PolicyStatement): string | undefined {
  if (statement.effect !== "Allow") return undefined;
  return SECRET_READING_ACTIONS.find((action) =>
    statement.notActions.length > 0
      ? !statement.notActions.some((pattern) => globMatchesIgnoreCase(pattern, action))
      : statement.actions.some((pattern) => globMatchesIgnoreCase(pattern, action)),
  );
}

function awsPoliciesOf(identity: Identity): AwsPolicy[] {
  return [...identity.awsRoles.flatMap((r) => r.policies), ...identity.awsUsers.flatMap((u) => u.policies)];
}

/**
 * Whether an identity can read secrets: a definite path wins; otherwise a policy whose content is
 * not known (AWS-managed, known after apply, a Vault policy not in the inputs) makes it unknown.
 */
export function secretReachOf(identity: Identity): SecretReach {
  let unknownReason: string | undefined;
  for (const policy of awsPoliciesOf(identity)) {
    if (isUnknown(policy.document)) {
      unknownReason ??= `the content of policy ${policy.location.address} is not known`;
      continue;
    }
    for (const statement of policy.document.statements) {
      const action = secretActionOf(statement);
      if (action) return { kind: "reaches", evidence: `${action} in ${policy.location.address}` };
    }
  }
  for (const role of identity.vaultRoles) {
    for (const policy of role.policies) {
      if (isUnknown(policy.rules)) {
        unknownReason ??= `the rules of Vault policy ${policy.location.address} are not known`;
        continue;
      }
      const rule = policy.rules.find(
        (r) => !r.capabilities.includes("deny") && r.capabilities.some((c) => SECRET_CAPABILITIES.has(c)),
      );
      if (rule) return { kind: "reaches", evidence: `Vault path ${rule.path}` };
    }
    if (isUnknown(role.tokenPolicies)) {
      unknownReason ??= `the token policies of Vault role ${role.location.address} are not known`;
      continue;
    }
    const present = new Set(
      role.policies.map((p) => p.name).filter((n): n is string => typeof n === "string"),
    );
    const missing = role.tokenPolicies.find((name) => name !== "default" && !present.has(name));
    if (missing !== undefined) unknownReason ??= `Vault policy ${missing} is not in the inputs`;
  }
  return unknownReason ? { kind: "unknown", reason: unknownReason } : { kind: "none" };
}
