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

  test("GIVEN an error made inside THEN it has the trace of where it left, and the caller's trace formatter and limit are back", () => {
    const custom = (error: Error) => `custom ${error.message}`;
    const limit = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
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
      expect(Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")).toEqual(limit);
      expect(made!.stack).toBe("custom inside");
    } finally {
      Error.prepareStackTrace = previous;
    }
  });

  test("GIVEN code inside that reads or sets Error.stackTraceLimit THEN it reads the caller's limit, and a trace taken inside has no frames", () => {
    const before = Error.stackTraceLimit;
    const seen = withoutTokenTraces(() => {
      const read = Error.stackTraceLimit;
      Error.stackTraceLimit = 1000;
      const holder: { stack?: string } = {};
      Error.captureStackTrace(holder);
      return { read, trace: holder.stack };
    });
    expect(seen).toEqual({ read: before, trace: undefined });
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error("after").stack).toContain("token-traces.test");
  });

  test("GIVEN a thrown error whose trace was taken inside THEN it carries the frames of the caller", () => {
    function callerFrame(): void {
      withoutTokenTraces(() => {
        throw new Error("from inside");
      });
    }
    let thrown: Error | undefined;
    try {
      callerFrame();
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.stack).toMatch(/^Error: from inside\n\s+at callerFrame/);
  });

  test("GIVEN calls nested inside one another THEN the limit is the caller's again only after the outermost", () => {
    const before = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
    const inside = withoutTokenTraces(() => {
      const nested = withoutTokenTraces(() => Error.stackTraceLimit);
      const afterNested = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
      return { nested, afterNestedIsAccessor: afterNested?.get !== undefined };
    });
    expect(inside).toEqual({ nested: before?.value, afterNestedIsAccessor: true });
    expect(Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")).toEqual(before);
  });
});
