import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { loadInputs } from "../../lib/cli/load-inputs";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Subject } from "../../lib/declaration/subject";
import { evaluate } from "../../lib/engine/evaluate";
import { buildGraph } from "../../lib/extract/build-graph";
import { SARIF_FORMAT } from "../../lib/formats/sarif-format";
import { TEXT_FORMAT } from "../../lib/formats/text-format";
import { POLICY_CONTEXT_KEY } from "../../lib/model/org-policy";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { deployProps, githubIssuer } from "../constructs/identity-fixtures";

const THIS_FILE = "test/formats/sarif-source-location.test.ts";
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-sarif-source-"));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Line of this file holding `marker`: where code scanning must annotate the diff. */
function lineOf(marker: string): number {
  return (
    fs
      .readFileSync(path.join(__dirname, path.basename(THIS_FILE)), "utf8")
      .split("\n")
      .findIndex((l) => l.includes(marker)) + 1
  );
}

function synthesizeExample(): void {
  const policy = { today: "2026-06-01" };
  const app = new App({ outdir, stackTraces: false, context: { [POLICY_CONTEXT_KEY]: policy } });
  const stack = new TerraformStack(app, "previews");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const issuer = githubIssuer(stack, { aws: true });
  // The next line declares the identity: SARIF must point here.
  new WorkloadIdentity(stack, "preview-upload", {
    ...deployProps(issuer, {
      subject: Subject.pattern(
        "repo:acme/site:ref:refs/heads/preview/*",
        "Preview branches are created per pull request",
      ),
      scope: {
        description: "Upload preview builds",
        aws: [AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::acme-site-previews/*"])],
      },
    }),
    secretsApprover: undefined,
  });
  app.synth();
}

describe("SARIF locations point at the TypeScript line that declared the identity", () => {
  synthesizeExample();
  const evaluation = evaluate(buildGraph(loadInputs([outdir])), resolvePolicy({ today: "2026-06-01" }));
  const log = JSON.parse(
    SARIF_FORMAT.check!({ evaluation, blocking: [] }, { toolVersion: "test", cwd: process.cwd() }),
  );
  const results = log.runs[0].results as {
    ruleId: string;
    locations: {
      physicalLocation: {
        artifactLocation: { uri: string; uriBaseId?: string };
        region?: { startLine: number };
      };
    }[];
    relatedLocations?: {
      physicalLocation: { artifactLocation: { uri: string } };
      message: { text: string };
    }[];
  }[];

  test("the record carries file:line relative to the repository root", () => {
    const identity = evaluation.graph.identities.find((i) => i.record !== undefined);
    expect(identity?.record?.declaredAt).toBe(
      `${THIS_FILE}:${lineOf('new WorkloadIdentity(stack, "preview-upload"')}`,
    );
  });

  test("the WI203 result is located at this file and line; the synthesized resource is a related location", () => {
    const wi203 = results.filter((r) => r.ruleId === "WI203");
    expect(wi203).toHaveLength(1);
    expect(wi203[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: THIS_FILE, uriBaseId: "%SRCROOT%" },
      region: { startLine: lineOf('new WorkloadIdentity(stack, "preview-upload"') },
    });
    const related = wi203[0].relatedLocations ?? [];
    expect(related.map((r) => r.message.text)).toEqual(["synthesized resource"]);
    expect(related[0].physicalLocation.artifactLocation.uri).toMatch(
      /^[^/].*\/stacks\/previews\/cdk\.tf\.json$/,
    );
  });

  test("the text check names the same line under the finding", () => {
    const text = TEXT_FORMAT.check!({ evaluation, blocking: [] }, { toolVersion: "test" });
    const line = `           declared at ${THIS_FILE}:${lineOf('new WorkloadIdentity(stack, "preview-upload"')}`;
    expect(text.split("\n").filter((l) => l === line).length).toBeGreaterThanOrEqual(1);
  });

  test("no absolute path or machine base URI anywhere in the log", () => {
    const text = JSON.stringify(log);
    expect(log.runs[0].originalUriBaseIds).toBeUndefined();
    expect(text.includes("file://")).toBe(false);
    expect(text.includes(`"${process.cwd()}`)).toBe(false);
    const uris = [...text.matchAll(/"uri":"([^"]*)"/g)].map((m) => m[1]);
    expect(uris.length).toBeGreaterThan(1);
    expect(uris.filter((uri) => uri.startsWith("/") || /^[A-Za-z]:/.test(uri))).toEqual([]);
  });
});
