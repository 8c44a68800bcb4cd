import { WI402_LOGIN_PROFILE as rule } from "../../../lib/rules/static-credentials/wi402-login-profile";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { everyKindGraph } from "./static-credential-fixtures";

describe("WI402_LOGIN_PROFILE", () => {
  it("Compliance: no static credentials", () => {
    expect(run(rule, graph())).toEqual([]);
  });

  it("Noncompliance 1: flags exactly its kinds of static credential", () => {
    const results = run(rule, everyKindGraph());
    expect(flaggedResults(results, rule)).toEqual(["aws-login-profile.x error"]);
    expect(results.every((r) => Array.isArray(r.identityIds))).toBe(true);
  });
});
