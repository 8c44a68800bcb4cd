import { TEXT_FORMAT } from "../../lib/formats/text-format";
import { diffReview } from "../../lib/review/review-diff";
import { deployIdentity, evaluation, finding } from "../review/review-fixtures";

const options = { toolVersion: "0.1.0", color: false };

describe("review --format text (terminal)", () => {
  test("verdict, then each changed or added identity with accountability, changes, trust, reach and findings with fix", () => {
    const base = evaluation([deployIdentity("api"), deployIdentity("old")], [finding("WI201", "kept")]);
    const head = evaluation(
      [deployIdentity("api", { ttl: 3600 }), deployIdentity("worker")],
      [
        finding("WI201", "kept"),
        finding("WI203", "fresh", { identityIds: ["worker"], message: "Subject is a wildcard." }),
      ],
    );
    const out = TEXT_FORMAT.review!({ base, head, diff: diffReview(base, head) }, options);
    const lines = out.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "Workload identity review: FAIL — the change introduces 1 blocking finding",
      "Identities: 1 added, 1 changed, 1 removed; findings: 1 new, 0 fixed, 1 unchanged",
    ]);
    const headings = ["New findings", "Changed identities", "Added identities", "Removed identities"];
    expect(lines.filter((l) => headings.includes(l))).toEqual(headings);
    expect(lines).toContain("api (changed)");
    expect(lines).toContain("    TTL raised: 30m -> 1h");
    expect(lines).toContain("worker (added)");
    expect(lines).toContain("  Owner:            payments (payments@example.com)");
    expect(lines).toContain("    AWS allow s3:PutObject on arn:aws:s3:::acme-artifacts/api/*");
    expect(lines).toContain(
      "    AWS role requires StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com",
    );
    expect(lines.filter((l) => l.trim() === "fix: Fix of WI203")).toHaveLength(2);
    expect(lines).toContain("  old");
    expect(lines[lines.length - 2]).toBe("1 finding unchanged from base (see --format json).");
  });

  test("an output compared with itself says nothing changed", () => {
    const same = evaluation([deployIdentity("api")], [finding("WI201", "kept")]);
    expect(TEXT_FORMAT.review!({ base: same, head: same, diff: diffReview(same, same) }, options)).toBe(
      "Workload identity review: PASS — no new blocking findings\n" +
        "Identities: 0 added, 0 changed, 0 removed; findings: 0 new, 0 fixed, 1 unchanged\n" +
        "No identity changes.\n",
    );
  });
});
