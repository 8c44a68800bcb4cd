import { Tokenization } from "cdktf";
import { ownReference, withoutTokenTraces } from "../../lib/constructs/token-traces";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { removeOutdirs, testStack } from "./construct-harness";
import { deployProps, githubIssuer } from "./identity-fixtures";

afterAll(removeOutdirs);

function creationStack(token: string): string[] {
  return Tokenization.reverseString(token).tokens[0].creationStack;
}

describe("tokens the constructs make for themselves", () => {
  test("GIVEN a reference made by the constructs THEN cdktf recorded no trace for it; one made by the user has its trace", () => {
    const stack = testStack();
    const identity = new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack)));
    const role = identity.node.findChild("role") as unknown as Parameters<typeof ownReference>[0];
    expect(creationStack(ownReference(role, "name"))).toEqual([]);
    expect(creationStack(identity.roleArn!).length).toBeGreaterThan(0);
  });

  test("GIVEN an error made inside THEN its trace is complete when read after, and the caller's trace formatter is back", () => {
    const custom = (error: Error) => `custom ${error.message}`;
    const previous = Error.prepareStackTrace;
    Error.prepareStackTrace = custom;
    try {
      let made: Error | undefined;
      expect(() =>
        withoutTokenTraces(() => {
          made = new Error("inside");
          throw made;
        }),
      ).toThrow("inside");
      expect(Error.prepareStackTrace).toBe(custom);
      expect(made!.stack).toBe("custom inside");
    } finally {
      Error.prepareStackTrace = previous;
    }
  });
});
