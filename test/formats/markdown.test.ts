import { CSV_FORMAT } from "../../lib/formats/csv-format";
import {
  MARKDOWN_FORMAT,
  MAX_ITEMS_PER_SECTION,
  REVIEW_COMMENT_MARKER,
} from "../../lib/formats/markdown-format";
import { TABLE_FORMAT } from "../../lib/formats/table-format";
import { TEXT_FORMAT } from "../../lib/formats/text-format";
import { inventoryRows } from "../../lib/review/inventory";
import { diffReview } from "../../lib/review/review-diff";
import { graph, loc } from "../support/graph-builder";
import { deployIdentity, evaluation, finding } from "../review/review-fixtures";
import { HOSTILE } from "./hostile";

const options = { toolVersion: "0.1.0" };

function review(
  baseIds: string[],
  headIds: string[],
  baseFindings = [finding("WI201", "kept")],
  headFindings = [finding("WI201", "kept"), finding("WI203", "fresh")],
) {
  const base = evaluation(
    baseIds.map((id) => deployIdentity(id)),
    baseFindings,
  );
  const head = evaluation(
    headIds.map((id) => deployIdentity(id, id === "api" ? { ttl: 3600 } : {})),
    headFindings,
  );
  return MARKDOWN_FORMAT.review!({ base, head, diff: diffReview(base, head) }, options);
}

describe("markdown review comment", () => {
  test("verdict and counts come first; details are in <details> blocks in a fixed order", () => {
    const out = review(["api", "old"], ["api", "new"]);
    const lines = out.split("\n");
    expect(lines[0]).toBe(
      "❌ **Workload identity review: 1 new blocking finding** — identities: 1 added, 1 changed, 1 removed; findings: 1 new, 0 fixed, 1 unchanged",
    );
    const summaries = lines.filter((l) => l.startsWith("<details")).map((l) => l.replace(/<\/?[^>]+>/g, ""));
    expect(summaries).toEqual([
      "New findings (1, 1 blocking)",
      "api — workload, changed",
      "new — workload, added",
      "Identities removed (1)",
      "Unchanged findings (1)",
      "Accountability (2 identities)",
    ]);
    expect(lines).toContain("### Identities changed (1)");
    expect(lines).toContain("### Identities added (1)");
    expect(out).toContain("- **TTL raised**: 30m → 1h");
    expect(out.trimEnd().endsWith(REVIEW_COMMENT_MARKER)).toBe(true);
    expect(out).toBe(review(["api", "old"], ["api", "new"]));
  });

  test("hostile identity ids and messages cannot inject HTML, links, mentions or table cells", () => {
    const ids = HOSTILE;
    const base = evaluation([]);
    const head = evaluation(
      ids.map((id) => deployIdentity(id)),
      ids.map((id, i) => finding("WI203", `f${i}`, { message: id, location: loc(id, { file: id }) })),
    );
    const out = MARKDOWN_FORMAT.review!({ base, head, diff: diffReview(base, head) }, options);
    const withoutOwnHtml = out
      .replace(/<\/?(details|summary|br|sub|b)( open)?>/g, "")
      .replace(REVIEW_COMMENT_MARKER, "");
    expect(withoutOwnHtml).not.toMatch(/(^|[^\\])</);
    expect(out).not.toMatch(/(^|[^\\])\]\(/);
    // No mention can start (an e-mail address's `@` follows a letter and starts none).
    expect(out).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z]/);
    expect(out).not.toContain("\u001b");
    // Every row of every table has its header's column count: no value opens a cell.
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    let header: string | undefined;
    for (const line of out.split("\n")) {
      if (!line.startsWith("|")) header = undefined;
      else if (header === undefined) header = line;
      else expect([line, cells(line)]).toEqual([line, cells(header)]);
    }
  });

  test("each added or changed identity is one collapsed block: accountability, trust, reach, changes, findings with fix", () => {
    const base = evaluation([deployIdentity("api")]);
    const head = evaluation(
      [deployIdentity("api", { actions: ["s3:PutObject", "iam:PassRole"] }), deployIdentity("worker")],
      [
        finding("WI503", "passrole", { identityIds: ["api"], message: "Role api may pass any role." }),
        finding("WI109", "intent", { identityIds: ["worker"], severity: "warning" }),
      ],
    );
    const out = MARKDOWN_FORMAT.review!({ base, head, diff: diffReview(base, head) }, options);
    const block = (id: string) => {
      const start =
        out.indexOf(`<details open><summary><b>${id}</b>`) + 1 ||
        out.indexOf(`<details><summary><b>${id}</b>`) + 1;
      expect(start).toBeGreaterThan(0);
      return out.slice(start - 1, out.indexOf("</details>", start));
    };
    const api = block("api");
    // A new blocking finding opens the block; its summary says so.
    expect(
      api.startsWith(
        "<details open><summary><b>api</b> — workload, changed · ❌ 1 new blocking finding</summary>",
      ),
    ).toBe(true);
    for (const line of [
      String.raw`| Owner | payments \(payments@example\.com\) |`,
      String.raw`| Approver | security\-governance, SEC\-1, until 2027\-06\-30 |`,
      "| TTL | 30m |",
      String.raw`| Subject | repo\:acme/api\:environment\:production |`,
      "- **Scope widened**",
      String.raw`  - added: AWS allow iam\:PassRole on arn\:aws\:s3\:\:\:acme\-artifacts/api/\*`,
      String.raw`- AWS role requires StringEquals token\.actions\.githubusercontent\.com\:aud \= sts\.amazonaws\.com`,
      String.raw`- AWS allow s3\:PutObject on arn\:aws\:s3\:\:\:acme\-artifacts/api/\*`,
      "- Vault read secret/data/payments/api",
      String.raw`- 🔴 error **WI503** Rule WI503 (new): Role api may pass any role\.`,
      "  <br>Fix: Fix of WI503",
    ])
      expect(api.split("\n")).toContain(line);
    const worker = block("worker");
    expect(
      worker.startsWith("<details><summary><b>worker</b> — workload, added · ⚠️ 1 new finding</summary>"),
    ).toBe(true);
    expect(worker).not.toContain("Changes against base");
    expect(worker).toContain("  <br>Fix: Fix of WI109");
  });

  test("long sections are capped so the comment fits GitHub's limit", () => {
    const many = Array.from({ length: MAX_ITEMS_PER_SECTION + 5 }, (_, i) => finding("WI203", `f${i}`));
    const out = review([], [], [], many);
    expect(out).toContain("… and 5 more (see the JSON or SARIF report).");
    expect(out.split("\n").filter((l) => l.startsWith("| 🔴"))).toHaveLength(MAX_ITEMS_PER_SECTION);
  });
});

describe("inventory formats with hostile values", () => {
  const hostileGraph = graph({ identities: HOSTILE.map((id) => deployIdentity(id, { owner: id })) });
  const rows = inventoryRows(hostileGraph);

  test("csv neutralises formulas and keeps one line per identity", () => {
    const out = CSV_FORMAT.inventory!({ rows, sources: [] }, options);
    const lines = out.trimEnd().split("\r\n");
    expect(lines).toHaveLength(HOSTILE.length + 1);
    for (const line of lines.slice(1)) {
      for (const field of line.match(/"(?:[^"]|"")*"/g) ?? []) expect(field).not.toMatch(/^"[=+\-@]/);
    }
  });

  test("table and text never emit raw control characters", () => {
    const table = TABLE_FORMAT.inventory!({ rows, sources: [] }, options);
    // One line per identity (and the header), then at most the footer about cut values.
    expect(table.trimEnd().split("\n\n")[0].split("\n")).toHaveLength(HOSTILE.length + 1);
    // eslint-disable-next-line no-control-regex
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    const text = TEXT_FORMAT.check!(
      {
        evaluation: evaluation(
          [],
          HOSTILE.map((m, i) => finding("WI203", `t${i}`, { message: m, location: loc(m) })),
        ),
        blocking: [],
      },
      { ...options, color: false },
    );
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  test("markdown inventory keeps the column count on every row", () => {
    const out = MARKDOWN_FORMAT.inventory!({ rows, sources: [] }, options);
    const columns = (line: string) => line.split(/(?<!\\)\|/).length;
    const lines = out.trimEnd().split("\n");
    for (const line of lines) expect(columns(line)).toBe(columns(lines[0]));
  });
});
