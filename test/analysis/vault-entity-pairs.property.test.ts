import fc from "fast-check";
import type { VaultRole } from "../../lib/model/graph";
import { unknown } from "../../lib/model/unknown";
import { pairsThatMayShareAnEntity, rolesHaveDistinctEntities } from "../../lib/analysis/vault-reach";

const role: fc.Arbitrary<VaultRole> = fc
  .record({
    authType: fc.constantFrom("jwt", "kubernetes", "approle") as fc.Arbitrary<VaultRole["authType"]>,
    roleName: fc.constantFrom("a", "b", "c"),
    backendPath: fc.constantFrom("jwt", "k8s", "ci/jwt", "?"),
    namespace: fc.constantFrom(undefined, "team", "?"),
    userClaim: fc.constantFrom("sub", "email", undefined),
    boundSubject: fc.constantFrom("s1", "s2", "", undefined),
    names: fc.constantFrom(["x"], ["y"], ["x", "y"], ["*"], undefined),
    namespaces: fc.constantFrom(["n1"], ["n2"], undefined),
  })
  .map((r) => ({
    location: { file: "main.tf.json", address: `role.${r.roleName}` },
    authType: r.authType,
    roleName: r.roleName,
    backendPath: r.backendPath === "?" ? unknown("computed") : r.backendPath,
    ...(r.namespace === undefined
      ? {}
      : { namespace: r.namespace === "?" ? unknown("computed") : r.namespace }),
    ...(r.userClaim === undefined ? {} : { userClaim: r.userClaim }),
    ...(r.boundSubject === undefined ? {} : { boundSubject: r.boundSubject }),
    ...(r.names === undefined ? {} : { boundServiceAccountNames: r.names }),
    ...(r.namespaces === undefined ? {} : { boundServiceAccountNamespaces: r.namespaces }),
    tokenPolicies: [],
    policies: [],
  }));

describe("pairsThatMayShareAnEntity", () => {
  it("yields every pair of roles that may share an entity, each once", () => {
    fc.assert(
      fc.property(fc.array(role, { maxLength: 10 }), (roles) => {
        const entries = roles.map((r) => ({ role: r }));
        const found = pairsThatMayShareAnEntity(entries).map(([a, b]) => [
          entries.indexOf(a),
          entries.indexOf(b),
        ]);
        const keys = found.map(([i, j]) => `${Math.min(i, j)},${Math.max(i, j)}`);
        if (new Set(keys).size !== keys.length || found.some(([i, j]) => i === j)) return false;
        for (let i = 0; i < roles.length; i++)
          for (let j = i + 1; j < roles.length; j++)
            if (!rolesHaveDistinctEntities(roles[i], roles[j]) && !keys.includes(`${i},${j}`)) return false;
        return true;
      }),
      { numRuns: 10000 },
    );
  });

  it("pairs 2,000 roles with distinct subjects on one mount with nobody", () => {
    const roles = Array.from({ length: 2000 }, (_, n) => ({
      role: {
        location: { file: "main.tf.json", address: `role.r${n}` },
        authType: "jwt" as const,
        roleName: `r${n}`,
        backendPath: "jwt",
        userClaim: "sub",
        boundSubject: `repo:acme/r${n}:ref:refs/heads/main`,
        tokenPolicies: [],
        policies: [],
      },
    }));
    expect(pairsThatMayShareAnEntity(roles)).toEqual([]);
  });
});
