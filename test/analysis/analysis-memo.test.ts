import { AnalysisMemo, releaseAnalysisMemos } from "../../lib/analysis/analysis-memo";
import { awsRoleOccurrences } from "../../lib/analysis/trust-principals";
import { evaluate } from "../../lib/engine/evaluate";
import { awsRole, graph, identity, policy } from "../support/graph-builder";

describe("analysis memos", () => {
  it("forget their entries when released", () => {
    const memo = new AnalysisMemo<object, number>();
    const key = {};
    memo.set(key, 1);
    expect(memo.get(key)).toBe(1);
    releaseAnalysisMemos();
    expect(memo.has(key)).toBe(false);
    expect(memo.get(key)).toBeUndefined();
  });

  it("are released by evaluate, and recomputed alike afterwards", () => {
    const g = graph({ identities: [identity("a", { awsRoles: [awsRole("aws_iam_role.a")] })] });
    const before = awsRoleOccurrences(g);
    expect(awsRoleOccurrences(g)).toBe(before);
    evaluate(g, policy());
    const after = awsRoleOccurrences(g);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
  });
});
