import { WI403_VAULT_TOKEN as rule } from "../../../lib/rules/static-credentials/wi403-vault-token";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { everyKindGraph } from "./static-credential-fixtures";

describe("WI403_VAULT_TOKEN", () => {
  it("Compliance: no static credentials", () => {
    expect(run(rule, graph())).toEqual([]);
  });

  it("Noncompliance 1: flags exactly its kinds of static credential", () => {
    const results = run(rule, everyKindGraph());
    expect(flaggedResults(results, rule)).toEqual(["vault-token.x error"]);
    expect(results.every((r) => Array.isArray(r.identityIds))).toBe(true);
  });
});
