import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RECORD_KEY } from "../../lib/model/record";
import { synthRecordFormatApp } from "../support/record-format-app";
import { runCli } from "./support/run-cli";

/** Output of the first format: the record repeated under `"//"` of each resource of an identity. */
const V1_OUT = path.join(__dirname, "..", "fixtures", "cli", "record-v1-out");

let current: string;
beforeAll(() => {
  current = fs.mkdtempSync(path.join(os.tmpdir(), "wi-record-format-"));
  synthRecordFormatApp(current);
});
afterAll(() => fs.rmSync(current, { recursive: true, force: true }));

/** Record ids carried under `"//"` of resources, one entry per carrier. */
function carriedRecordIds(outdir: string): string[] {
  const ids: string[] = [];
  for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as {
      resource: Record<string, Record<string, { "//"?: Record<string, { id: string }> }>>;
    };
    for (const byName of Object.values(json.resource))
      for (const body of Object.values(byName))
        if (body["//"]?.[RECORD_KEY]) ids.push(body["//"][RECORD_KEY].id);
  }
  return ids.sort();
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
  test("GIVEN the app synthesized now THEN each identity's record is written once", () => {
    expect(carriedRecordIds(current)).toEqual(IDENTITIES);
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
    expect(report("check", current)).toEqual(old);
  });

  test("GIVEN output in the first format WHEN inventoried THEN every identity is accountable from its record, as in the current format", () => {
    const old = report("inventory", V1_OUT) as { identities: { id: string; accountabilitySource: string }[] };
    expect(old.identities.map((i) => [i.id, i.accountabilitySource])).toEqual(
      IDENTITIES.map((id) => [id, "record"]),
    );
    expect(report("inventory", current)).toEqual(old);
  });
});
