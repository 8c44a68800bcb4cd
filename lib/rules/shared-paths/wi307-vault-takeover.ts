import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quoteIdentity } from "../../analysis/identity-pairs";
import { vaultTakeoverTargets, vaultTakeoversOf } from "../../analysis/vault-takeover";
import { quote } from "../../analysis/quote";
import { VaultLogins } from "../../analysis/vault-approle-login";

export const WI307_VAULT_TAKEOVER: Rule = {
  id: "WI307",
  title: "Identity can make itself any Vault identity",
  severity: "error",
  rationale:
    "Write access to ACL policies (sys/policy, sys/policies/acl), auth methods (sys/auth), auth roles or " +
    "mount configuration (auth/<mount>/role, auth/<mount>/config), token roles, or identity entities and " +
    "groups lets a token grant itself any policy or log in as any role: it shares every other identity's " +
    "secrets, whatever their own paths say.",
  fix:
    "Remove create/update/patch on these paths from workload policies (or narrow them with a more specific " +
    "deny); manage policies, roles and groups from a separate administrative identity.",
  owasp: ["NHI5", "NHI9"],
  semantics: [
    "Takeover paths: `sys/policy/*`, `sys/policies/acl/*` (https://developer.hashicorp.com/vault/api-docs/system/policies), `sys/auth/*` (https://developer.hashicorp.com/vault/api-docs/system/auth), `auth/<mount>/role/*` and `auth/<mount>/config` (https://developer.hashicorp.com/vault/api-docs/auth/jwt, /auth/kubernetes, /auth/approle), `auth/token/roles/*` (https://developer.hashicorp.com/vault/api-docs/auth/token), `identity/entity*` and `identity/group*` (https://developer.hashicorp.com/vault/api-docs/secret/identity), in every namespace of the inputs.",
    "`<mount>` is the full mount path of every auth mount in the inputs (backends, and the `backend` of every role), which may have several segments (`ci/github/jwt`), plus `+` for single-segment mounts the inputs do not show. A policy's `+` matches exactly one segment and `*` only as the last character, so `auth/+/jwt/role/*` does not reach a mount at `ci/github/jwt` (https://developer.hashicorp.com/vault/docs/concepts/policies#policy-syntax).",
    "A token can write a path when its most specific matching rule grants create, update or patch (same evaluation as WI301).",
    "Issuing or managing the secret IDs and role ID of the identity's own AppRole role is not a takeover; writing the role itself, or issuing another role's secret IDs, is (https://developer.hashicorp.com/vault/api-docs/auth/approle).",
    "An identity that can log in as an AppRole role (it can issue the role's secret IDs; see WI301) can write what that role's token can (https://developer.hashicorp.com/vault/docs/auth/approle).",
  ],
  check({ graph }) {
    const families = vaultTakeoverTargets(graph);
    const results: RuleResult[] = [];
    const logins = VaultLogins.of(graph.identities);
    // Indexed, no spread: before V8 optimizes this, `for...of` allocates per element.
    for (let i = 0; i < graph.identities.length; i++) {
      const identity = graph.identities[i];
      const loginRoles = logins.rolesBecomableBy(identity);
      const roles = loginRoles.length === 0 ? identity.vaultRoles : [...identity.vaultRoles, ...loginRoles];
      for (let r = 0; r < roles.length; r++) {
        const role = roles[r];
        const via = identity.vaultRoles.includes(role)
          ? ""
          : ` by logging in as AppRole role ${quote(typeof role.roleName === "string" ? role.roleName : role.location.address)}`;
        const takeovers = vaultTakeoversOf(
          role,
          families,
          via ? [...identity.vaultRoles, role] : identity.vaultRoles,
        );
        for (let t = 0; t < takeovers.length; t++) {
          const { grant, target, what } = takeovers[t];
          results.push({
            message:
              `Identity ${quoteIdentity(identity)} can write Vault path ${quote(grant.path)}${via}, which covers ` +
              `${quote(target)}: it can ${what} and so reach every other identity's secrets.`,
            location: grant.policy.location,
            related: [role.location],
            identityIds: [identity.id],
            key: JSON.stringify([role.location.address, target]),
          });
        }
      }
    }
    return results;
  },
};
