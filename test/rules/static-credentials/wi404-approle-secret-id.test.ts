import { WI404_APPROLE_SECRET_ID as rule } from "../../../lib/rules/static-credentials/wi404-approle-secret-id";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { everyKindGraph } from "./static-credential-fixtures";

describe("WI404_APPROLE_SECRET_ID", () => {
  it("Compliance: no static credentials", () => {
    expect(run(rule, graph())).toEqual([]);
  });

  it("Noncompliance 1: flags exactly its kinds of static credential", () => {
    const results = run(rule, everyKindGraph());
    expect(flaggedResults(results, rule)).toEqual(["vault-approle-secret-id.x error"]);
    expect(results.every((r) => Array.isArray(r.identityIds))).toBe(true);
  });
});
