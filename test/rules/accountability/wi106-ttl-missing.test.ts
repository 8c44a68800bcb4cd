import { WI106_TTL_MISSING as rule } from "../../../lib/rules/accountability/wi106-ttl-missing";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared, handWritten, serviceRole } from "./accountability-fixtures";

describe("WI106 TTL missing or unknown", () => {
  it("Compliance: TTL declared in the record or the ttl tag; service roles ignored", () => {
    const g = graph({
      identities: [
        declared("app/ok"),
        handWritten("tagged", { source: "tags", ttlSeconds: 900 }),
        serviceRole("lambda_exec"),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: hand-written workload role with tags but no TTL: unknown — needs review, once per identity", () => {
    const results = run(
      rule,
      graph({
        identities: [
          handWritten("ci", { source: "tags", owner: { team: "payments", contact: "p@x" } }),
          handWritten("vault-header", { source: "vault-policy-header", description: "reads app secrets" }),
          // No accountability at all: WI101 reports it once, WI106 stays silent.
          handWritten("untagged"),
        ],
      }),
    );
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.ci warning unknown",
      "aws_iam_role.vault-header warning unknown",
    ]);
    expect(results[0]).toMatchObject({ unknown: true, identityIds: ["aws_iam_role.ci"] });
  });

  it("Noncompliance 2: a hand-edited record without ttlSeconds", () => {
    const broken = declared(
      "app/edited",
      { ttlSeconds: undefined as unknown as number },
      { accountability: { source: "record" } },
    );
    const results = run(rule, graph({ identities: [broken] }));
    expect(flaggedResults(results, rule)).toEqual(["aws_iam_role.app_edited warning"]);
    expect(results[0].unknown).toBeUndefined();
  });
});
