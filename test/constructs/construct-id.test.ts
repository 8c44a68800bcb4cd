import { constructId } from "../../lib/constructs/construct-id";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { removeOutdirs, testStack } from "./construct-harness";
import { deployProps, githubIssuer } from "./identity-fixtures";

afterAll(removeOutdirs);

describe("construct ids", () => {
  it("keeps the text of every id", () => {
    const n = 7;
    for (const id of [`svc-${n}`, "deploy-api", "svc-é", "__proto__", "0", "constructor", "a b"])
      expect(constructId(id)).toBe(id);
  });

  it("GIVEN ids built at run time THEN the issuer and the identity carry them as given", () => {
    const stack = testStack();
    const kind = "github";
    const issuer = githubIssuer(stack);
    const identity = new WorkloadIdentity(stack, `deploy-${kind}-${1}`, deployProps(issuer));
    expect(identity.node.id).toBe("deploy-github-1");
    expect(identity.node.path).toBe("stack/deploy-github-1");
  });
});
