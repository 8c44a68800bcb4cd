import { WI407_HARD_CODED_AWS_KEY as rule } from "../../../lib/rules/static-credentials/wi407-hard-coded-aws-key";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { everyKindGraph } from "./static-credential-fixtures";

describe("WI407_HARD_CODED_AWS_KEY", () => {
  it("Compliance: no static credentials", () => {
    expect(run(rule, graph())).toEqual([]);
  });

  it("Noncompliance 1: flags exactly its kinds of static credential", () => {
    const results = run(rule, everyKindGraph());
    expect(flaggedResults(results, rule)).toEqual([
      "hard-coded-aws-key.x error",
      "provider-static-key.x error",
    ]);
    expect(results.every((r) => Array.isArray(r.identityIds))).toBe(true);
  });
});
