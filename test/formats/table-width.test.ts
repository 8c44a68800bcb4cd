import { TABLE_FORMAT, TABLE_MAX_WIDTH } from "../../lib/formats/table-format";
import { inventoryRows } from "../../lib/review/inventory";
import { graph } from "../support/graph-builder";
import { deployIdentity } from "../review/review-fixtures";

const options = { toolVersion: "0.1.0" };
const table = (ids: string[], actions?: string[]) =>
  TABLE_FORMAT.inventory!(
    {
      rows: inventoryRows(graph({ identities: ids.map((id) => deployIdentity(id, { actions })) })),
      sources: [],
    },
    options,
  );

describe("inventory table fits a 120-column terminal", () => {
  test("long values are cut with … so no line is wider than 120, and the footer says where the whole values are", () => {
    const out = table(
      ["payments/ledger-export-with-a-rather-long-identity-name", "api"],
      ["s3:PutObject", "s3:DeleteObject", "s3:GetObject", "kms:Decrypt", "secretsmanager:GetSecretValue"],
    );
    const lines = out.trimEnd().split("\n");
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(TABLE_MAX_WIDTH);
    expect(lines.filter((l) => l.includes("…")).length).toBeGreaterThanOrEqual(2);
    expect(lines[lines.length - 1]).toBe(
      "Values ending in … are cut to fit the terminal: --format json or csv has them whole.",
    );
    // Every column still starts where its header does.
    const header = lines[0];
    const starts = ["IDENTITY", "OWNER", "APPROVER", "TTL", "TRUST", "SCOPE"].map((h) => header.indexOf(h));
    expect(starts.every((s, i) => s >= 0 && (i === 0 || s > starts[i - 1]))).toBe(true);
    expect(lines[1].slice(starts[5] - 2, starts[5])).toBe("  ");
  });

  test("a table that fits is printed whole, without the footer", () => {
    const narrow = TABLE_FORMAT.inventory!(
      {
        rows: inventoryRows(graph({ identities: [deployIdentity("a")] })).map((row) => ({
          ...row,
          scope: ["x"],
          subjects: ["s"],
          issuer: "i",
          issuerOwner: "p",
          ownerContact: "c",
          approver: "a",
          approvalReference: "r",
          approvalExpires: undefined,
        })),
        sources: [],
      },
      options,
    );
    expect(narrow).not.toContain("…");
    expect(narrow.trimEnd().split("\n")).toHaveLength(2);
  });
});
