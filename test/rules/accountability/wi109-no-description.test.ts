import { WI109_NO_DESCRIPTION as rule } from "../../../lib/rules/accountability/wi109-no-description";
import { graph } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared, handWritten, serviceRole } from "./accountability-fixtures";

describe("WI109 no intent description", () => {
  it("Compliance: described in the record or tag; service role ignored", () => {
    const g = graph({
      identities: [
        declared("app/ok"),
        handWritten("tagged", { source: "tags", description: "CI deploy" }),
        serviceRole("lambda"),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: blank description in a record; tagged hand-written role without one", () => {
    const g = graph({
      identities: [
        declared("app/blank", { description: "   " }, { accountability: { source: "record" } }),
        handWritten("bare", { source: "tags", ttlSeconds: 900 }),
        // No accountability at all: WI101 reports it once, WI109 stays silent.
        handWritten("untagged"),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "aws_iam_role.app_blank warning",
      "aws_iam_role.bare warning",
    ]);
  });
});
