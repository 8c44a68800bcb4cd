import { GitlabRefType } from "../../lib/declaration/gitlab-ref-type";
import { Subject } from "../../lib/declaration/subject";
import { TerraformCloudRunPhase } from "../../lib/declaration/terraform-cloud-run-phase";
import { VaultCapability } from "../../lib/declaration/vault-capability";
import { VaultGrant } from "../../lib/declaration/vault-grant";
import { VAULT_CAPABILITIES } from "../../lib/model/vault-policy-syntax";

/** The static instances of an enum-like class, by member name. */
function members<T>(type: { prototype: T }): Map<string, T> {
  return new Map(
    Object.entries(type).filter(
      (entry): entry is [string, T] => Object.getPrototypeOf(entry[1]) === type.prototype,
    ),
  );
}

describe("enum-like classes (jsii-shaped: static readonly instances, no union types)", () => {
  test("VaultCapability has exactly Vault's capabilities, named in upper case", () => {
    const all = members(VaultCapability);
    expect([...all.values()].map((c) => c.value).sort()).toEqual([...VAULT_CAPABILITIES].sort());
    for (const [name, capability] of all) expect(name).toBe(capability.value.toUpperCase());
  });

  test("GitlabRefType and TerraformCloudRunPhase hold the claim values", () => {
    expect([...members(GitlabRefType).values()].map(String)).toEqual(["branch", "tag"]);
    expect([...members(TerraformCloudRunPhase).values()].map(String)).toEqual(["plan", "apply"]);
    expect(Object.isFrozen(GitlabRefType.BRANCH)).toBe(true);
  });

  test("the typed factories build what the string forms build", () => {
    const typed = VaultGrant.allow("secret/data/app/*", [VaultCapability.LIST, VaultCapability.READ]);
    const strings = VaultGrant.of("secret/data/app/*", ["list", "read"]);
    expect(typed.toRecord()).toEqual(strings.toRecord());
    expect(typed.problems).toEqual([]);
    expect(Subject.gitlabRef("acme/api", GitlabRefType.TAG, "v1").value).toBe(
      Subject.gitlab("acme/api", "tag", "v1").value,
    );
    expect(
      Subject.terraformCloudRun("acme", "Networking", "network-prod", TerraformCloudRunPhase.APPLY).value,
    ).toBe("organization:acme:project:Networking:workspace:network-prod:run_phase:apply");
  });

  test("a JavaScript caller's string or forged object is validated like the string form", () => {
    const typo = VaultGrant.allow("secret/data/app", ["raed" as unknown as VaultCapability]);
    expect(typo.problems.map((p) => p.field)).toEqual(["capabilities[0]"]);
    const forged = { value: "read\n}" } as unknown as VaultCapability;
    expect(VaultGrant.allow("secret/data/app", [forged]).problems.map((p) => p.field)).toEqual([
      "capabilities[0]",
    ]);
    expect(
      Subject.gitlabRef("acme/api", { value: "merge_request" } as unknown as GitlabRefType, "1").problems,
    ).toHaveLength(1);
    expect(
      Subject.terraformCloudRun("acme", "P", "w", "destroy" as unknown as TerraformCloudRunPhase).problems,
    ).toHaveLength(1);
  });
});
