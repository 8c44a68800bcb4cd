import { WI401_AWS_ACCESS_KEY as rule } from "../../../lib/rules/static-credentials/wi401-aws-access-key";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { everyKindGraph } from "./static-credential-fixtures";

describe("WI401_AWS_ACCESS_KEY", () => {
  it("Compliance: no static credentials", () => {
    expect(run(rule, graph())).toEqual([]);
  });

  it("Noncompliance 1: flags exactly its kinds of static credential", () => {
    const results = run(rule, everyKindGraph());
    expect(flaggedResults(results, rule)).toEqual(["aws-access-key.x error"]);
    expect(results.every((r) => Array.isArray(r.identityIds))).toBe(true);
  });
});

describe("WI401 message and identity", () => {
  it("names the key and its user, quotes the detail, and links the user's identity", () => {
    const [result] = run(rule, everyKindGraph());
    expect(result.message).toBe(
      '"aws-access-key.x" is a long-lived AWS access key for "aws_iam_user.ci" ("secret stored unencrypted in state (no pgp_key)").',
    );
    expect(result.identityIds).toEqual(["aws_iam_user.ci"]);
  });
});
