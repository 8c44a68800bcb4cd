/**
 * What the README tells users about unit tests: `Testing.synth(stack)` skips cdktf's validations
 * and with them the synth-time check; `Testing.synth(stack, true)` runs it.
 */
import { Testing } from "cdktf";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { deployProps, githubIssuer } from "../constructs/identity-fixtures";
import { removeOutdirs, testStack } from "../constructs/construct-harness";

afterAll(removeOutdirs);

/** Two identities of one stack that accept the same GitHub token (WI303 blocks). */
function stackWithSharedToken() {
  const stack = testStack();
  const issuer: OidcIssuer = githubIssuer(stack);
  new WorkloadIdentity(stack, "deploy-a", deployProps(issuer, { name: "deploy-a" }));
  new WorkloadIdentity(stack, "deploy-b", deployProps(issuer, { name: "deploy-b" }));
  return stack;
}

test("Testing.synth(stack) skips the check: a blocked stack synthesizes", () => {
  const json = JSON.parse(Testing.synth(stackWithSharedToken())) as { resource: Record<string, unknown> };
  expect(Object.keys(json.resource)).toContain("aws_iam_role");
});

test("Testing.synth(stack, true) runs it: the same stack throws the synth-block message", () => {
  expect(() => Testing.synth(stackWithSharedToken(), true)).toThrow(
    /cdktf-workload-identity blocked synth[\s\S]*WI303/,
  );
});

test("Testing.synth(stack, true) returns the JSON of a clean stack", () => {
  const stack = testStack();
  new WorkloadIdentity(stack, "deploy-a", deployProps(githubIssuer(stack), { name: "deploy-a" }));
  const json = JSON.parse(Testing.synth(stack, true)) as {
    resource: Record<string, Record<string, unknown>>;
  };
  expect(Object.keys(json.resource.aws_iam_role)).toHaveLength(1);
  expect(Object.keys(json.resource.vault_jwt_auth_backend_role)).toHaveLength(1);
});
