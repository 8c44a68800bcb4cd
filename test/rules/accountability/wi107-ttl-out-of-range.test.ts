import { WI107_TTL_OUT_OF_RANGE as rule } from "../../../lib/rules/accountability/wi107-ttl-out-of-range";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared, handWritten } from "./accountability-fixtures";

describe("WI107 TTL outside the policy range (default 15m..12h)", () => {
  it("Compliance: at both bounds", () => {
    const g = graph({
      identities: [declared("app/min", { ttlSeconds: 900 }), declared("app/max", { ttlSeconds: 43200 })],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: below the minimum, above the maximum (record and tags)", () => {
    const g = graph({
      identities: [
        declared("app/short", { ttlSeconds: 899 }),
        declared("app/long", { ttlSeconds: 43201 }),
        handWritten("tagged", { source: "tags", ttlSeconds: 86400 }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.app_long error",
      "aws_iam_role.app_short error",
      "aws_iam_role.tagged error",
    ]);
    expect(results.find((r) => r.identityIds?.[0] === "aws_iam_role.tagged")?.message).toBe(
      'Identity "aws_iam_role.tagged" has a TTL of 1d, above the policy maximum of 12h.',
    );
  });

  it("Noncompliance 2: the range follows the policy", () => {
    const g = graph({ identities: [declared("app/hour", { ttlSeconds: 3600 })] });
    expect(flaggedResults(run(rule, g, { maxTtlSeconds: 1800 }), rule)).toEqual([
      "aws_iam_role.app_hour error",
    ]);
  });
});
