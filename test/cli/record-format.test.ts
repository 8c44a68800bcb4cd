import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readCommentBlock } from "../../lib/extract/identity-record-reader";
import { RECORD_KEY } from "../../lib/model/record";
import { synthRecordFormatApp } from "../support/record-format-app";
import { runCli } from "./support/run-cli";

/** Output of the first format: the record repeated under `"//"` of each resource of an identity. */
const V1_OUT = path.join(__dirname, "..", "fixtures", "cli", "record-v1-out");
/** Output of the second format: the record once per identity, as a JSON object. */
const V2_OUT = path.join(__dirname, "..", "fixtures", "cli", "record-v2-out");

let current: string;
beforeAll(() => {
  current = fs.mkdtempSync(path.join(os.tmpdir(), "wi-record-format-"));
  synthRecordFormatApp(current);
});
afterAll(() => fs.rmSync(current, { recursive: true, force: true }));

/** The records carried under `"//"` of resources, one entry per carrier, as written. */
function carriedRecords(outdir: string): unknown[] {
  const records: unknown[] = [];
  for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as {
      resource: Record<string, Record<string, { "//"?: Record<string, unknown> }>>;
    };
    for (const byName of Object.values(json.resource))
      for (const body of Object.values(byName))
        if (body["//"]?.[RECORD_KEY] !== undefined) records.push(body["//"][RECORD_KEY]);
  }
  return records;
}

/** Record ids carried under `"//"` of resources, one entry per carrier, as the reader reads them. */
function carriedRecordIds(outdir: string): (string | undefined)[] {
  return carriedRecords(outdir)
    .map((record) => readCommentBlock({ "//": { [RECORD_KEY]: record } }).record?.id)
    .sort();
}

/** A report with the input directory replaced and line numbers (which differ by format) removed. */
function report(command: string, outdir: string): unknown {
  const run = runCli([command, outdir, "--format", "json"]);
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout.split(outdir).join("OUT"), (key, value: unknown) =>
    key === "line" ? undefined : value,
  );
}

const IDENTITIES = [
  "billing/billing-reconciler",
  "billing/billing-worker",
  "orders/deploy-api",
  "orders/preview-upload",
];

describe("identity record output formats", () => {
  test("GIVEN the app synthesized now THEN each identity's record is written once, as one JSON text", () => {
    expect(carriedRecordIds(current)).toEqual(IDENTITIES);
    expect(carriedRecords(current).map((record) => typeof record)).toEqual(IDENTITIES.map(() => "string"));
  });

  test("GIVEN the fixture of the second format THEN it holds each record once, as a JSON object", () => {
    expect(carriedRecordIds(V2_OUT)).toEqual(IDENTITIES);
    expect(carriedRecords(V2_OUT).map((record) => typeof record)).toEqual(IDENTITIES.map(() => "object"));
  });

  test("GIVEN the fixture of the first format THEN it repeats records per resource (what the next tests read)", () => {
    expect(carriedRecordIds(V1_OUT)).toEqual([
      "billing/billing-reconciler",
      "billing/billing-reconciler",
      "billing/billing-worker",
      "billing/billing-worker",
      "orders/deploy-api",
      "orders/deploy-api",
      "orders/deploy-api",
      "orders/deploy-api",
      "orders/preview-upload",
      "orders/preview-upload",
    ]);
  });

  test("GIVEN output in the first format WHEN checked THEN the verdicts equal those of the current format", () => {
    const old = report("check", V1_OUT) as {
      findings: { ruleId: string; location: { address: string }; suppression: unknown }[];
    };
    expect(old.findings.map((f) => [f.ruleId, f.location.address, f.suppression !== null]).sort()).toEqual([
      ["WI203", "aws_iam_role.preview-upload_role_0EAB6725", false],
      ["WI301", "vault_policy.billing-reconciler_vault-policy_C46AF3C4", true],
    ]);
    expect(report("check", V2_OUT)).toEqual(old);
    expect(report("check", current)).toEqual(old);
  });

  test("GIVEN output in the first format WHEN inventoried THEN every identity is accountable from its record, as in the current format", () => {
    const old = report("inventory", V1_OUT) as { identities: { id: string; accountabilitySource: string }[] };
    expect(old.identities.map((i) => [i.id, i.accountabilitySource])).toEqual(
      IDENTITIES.map((id) => [id, "record"]),
    );
    expect(report("inventory", V2_OUT)).toEqual(old);
    expect(report("inventory", current)).toEqual(old);
  });
});
