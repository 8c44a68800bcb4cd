import { runCli } from "./support/run-cli";
import { allowPolicy, githubTrust, tempInputs } from "./support/temp-inputs";

const inputs = tempInputs();

interface JsonFinding {
  ruleId: string;
  message: string;
  location: { address: string };
}

function findings(file: string): JsonFinding[] {
  const run = runCli(["check", file, "--format", "json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(1);
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

describe("patterns above the 4,096-character limit make their policy unknown", () => {
  test("two overlapping 70,000-character Vault paths: both policies unknown, nothing compared", () => {
    const policy = (path: string) => `path "${path}" { capabilities = ["read"] }`;
    const role = (name: string) => ({
      role_name: name,
      backend: "jwt",
      user_claim: "sub",
      bound_audiences: ["vault"],
      bound_claims: { sub: `repo:o/${name}:ref:refs/heads/main` },
      token_policies: [name],
    });
    const file = inputs.write("vault.tf.json", {
      resource: {
        vault_policy: {
          a: { name: "a", policy: policy(`secret/${"a+".repeat(35_000)}`) },
          b: { name: "b", policy: policy(`secret/${"a*".repeat(35_000)}`) },
        },
        vault_jwt_auth_backend_role: { a: role("a"), b: role("b") },
      },
    });
    const unknownPolicies = findings(file)
      .filter((f) => f.ruleId === "WI509")
      .map((f) => f.location.address)
      .sort();
    expect(unknownPolicies).toEqual(["vault_policy.a", "vault_policy.b"]);
    // Unknown rules are unknown reach: WI301 says so for each role (fail closed), nothing is compared.
    const unknownReach = findings(file).filter((f) => f.ruleId === "WI301");
    expect(unknownReach.map((f) => f.location.address).sort()).toEqual([
      "vault_jwt_auth_backend_role.a",
      "vault_jwt_auth_backend_role.b",
    ]);
    for (const finding of unknownReach) expect(finding.message).toContain("cannot be evaluated");
  });

  test.each([
    ["a 140,000-character resource ARN", allowPolicy("s3:GetObject", `arn:aws:s3:::${"a*".repeat(70_000)}`)],
    ["a 20,000-character action", allowPolicy(`s3:${"Get*".repeat(5_000)}`, "*")],
  ])("%s makes the inline policy unknown, with a short message", (_what, policy) => {
    const file = inputs.write("aws.tf.json", {
      resource: {
        aws_iam_role: { r: { name: "r", assume_role_policy: githubTrust("repo:o/a:ref:refs/heads/main") } },
        aws_iam_role_policy: { p: { role: "${aws_iam_role.r.name}", policy } },
      },
    });
    const unknownPolicy = findings(file).filter((f) => f.ruleId === "WI509");
    expect(unknownPolicy.map((f) => f.location.address)).toEqual(["aws_iam_role_policy.p"]);
    expect(unknownPolicy[0].message).toContain("above the 4096-character limit");
    expect(unknownPolicy[0].message.length).toBeLessThan(600);
  });
});
