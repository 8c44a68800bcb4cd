import {
  iamRoleNameFor,
  isValidIamRoleName,
  isValidVaultName,
  vaultNameFor,
} from "../../lib/render/resource-names";

describe("resource names", () => {
  test("simple paths map to readable names without a hash", () => {
    expect(iamRoleNameFor("github-deploy/deploy-api")).toBe("github-deploy-deploy-api");
    expect(vaultNameFor("github-deploy/deploy-api")).toBe("github-deploy-deploy-api");
  });

  test("characters IAM rejects are replaced and a stable hash keeps names distinct", () => {
    const a = iamRoleNameFor("stack/deploy api");
    const b = iamRoleNameFor("stack/deploy#api");
    expect(a).toMatch(/^stack-deploy-api-[0-9a-f]{8}$/);
    expect(b).toMatch(/^stack-deploy-api-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(iamRoleNameFor("stack/deploy api")).toBe(a);
  });

  test("long paths are truncated to 64 characters with a hash", () => {
    const long = `stack/${"x".repeat(100)}`;
    const name = iamRoleNameFor(long);
    expect(name).toHaveLength(64);
    expect(isValidIamRoleName(name)).toBe(true);
    expect(name).not.toBe(iamRoleNameFor(`${long}y`));
  });

  test("Vault names are lowercase; case-folding adds a hash so paths differing in case stay distinct", () => {
    const upper = vaultNameFor("Stack/Deploy");
    expect(upper).toMatch(/^stack-deploy-[0-9a-f]{8}$/);
    expect(upper).not.toBe(vaultNameFor("stack/deploy"));
    expect(isValidVaultName(upper)).toBe(true);
    expect(iamRoleNameFor("Stack/Deploy")).toBe("Stack-Deploy");
  });

  test.each([
    ["a+b=c,d.e@f_g-h", true, false],
    ["x".repeat(64), true, true],
    ["x".repeat(65), false, true],
    ["has space", false, false],
    ["Deploy", true, true],
    ["", false, false],
  ])("%j: IAM %s, Vault %s", (name, iam, vault) => {
    expect(isValidIamRoleName(name)).toBe(iam);
    expect(isValidVaultName(name)).toBe(vault);
  });
});
