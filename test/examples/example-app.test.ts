import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildExampleApp } from "../../examples/app";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { POLICY_CONTEXT_KEY } from "../../lib/model/org-policy";
import { readCommentBlock } from "../../lib/extract/identity-record-reader";
import type { IdentityRecord } from "../../lib/model/record";

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Expiry checks run on a fixed date, so the example stays valid in this test whatever today is. */
const CONTEXT = { [POLICY_CONTEXT_KEY]: { today: "2026-06-01" } };

function synthesize(): { outdir: string; identities: WorkloadIdentity[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-example-"));
  outdirs.push(outdir);
  const app = buildExampleApp(outdir, CONTEXT);
  app.synth();
  return { outdir, identities: app.node.findAll().filter(WorkloadIdentity.isWorkloadIdentity) };
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => fs.statSync(path.join(dir, file)).isFile())
    .sort();
}

type StackJson = { resource: Record<string, Record<string, { "//"?: Record<string, unknown> }>> };

function stackJson(outdir: string, stack: string): StackJson {
  return JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as StackJson;
}

describe("example app", () => {
  const first = synthesize();
  const second = synthesize();

  test("GIVEN the example app WHEN synthesized THEN each use case is a stack with the expected resources", () => {
    const types = (stack: string) => Object.keys(stackJson(first.outdir, stack).resource).sort();
    expect(fs.readdirSync(path.join(first.outdir, "stacks")).sort()).toEqual([
      "eks-orders",
      "github-deploy",
      "hcp-terraform-network",
      "spiffe-billing",
    ]);
    expect(types("github-deploy")).toEqual([
      "aws_iam_openid_connect_provider",
      "aws_iam_role",
      "aws_iam_role_policy",
      "vault_jwt_auth_backend",
      "vault_jwt_auth_backend_role",
      "vault_policy",
    ]);
    expect(types("eks-orders")).toEqual([
      "aws_iam_openid_connect_provider",
      "aws_iam_role",
      "aws_iam_role_policy",
    ]);
    expect(types("hcp-terraform-network")).toEqual([
      "aws_iam_openid_connect_provider",
      "aws_iam_role",
      "aws_iam_role_policy",
    ]);
    expect(types("spiffe-billing")).toEqual([
      "vault_jwt_auth_backend",
      "vault_jwt_auth_backend_role",
      "vault_policy",
    ]);
  });

  test("every identity's record is embedded in the output, and subjects and Vault paths are all distinct", () => {
    const recorded = new Map<string, IdentityRecord>();
    for (const stack of fs.readdirSync(path.join(first.outdir, "stacks"))) {
      for (const byName of Object.values(stackJson(first.outdir, stack).resource)) {
        for (const resource of Object.values(byName)) {
          const { record, malformedRecord } = readCommentBlock(resource);
          expect(malformedRecord).toBeUndefined();
          if (record) recorded.set(record.id, record);
        }
      }
    }
    expect([...recorded.keys()].sort()).toEqual([
      "eks-orders/orders-api",
      "github-deploy/deploy-api",
      "hcp-terraform-network/network-apply",
      "spiffe-billing/billing-worker",
    ]);
    expect(first.identities.map((i) => i.record.id).sort()).toEqual([...recorded.keys()].sort());
    const trusts = [...recorded.values()].map((r) => `${r.issuer.url} ${r.subject.value}`);
    expect(new Set(trusts).size).toBe(trusts.length);
    expect([...recorded.values()].flatMap((r) => r.scope.vault.map((g) => g.path)).sort()).toEqual([
      "secret/data/billing/worker/*",
      "secret/data/payments/api/deploy",
    ]);
  });

  test("two synths in different output directories are byte-identical", () => {
    const files = filesUnder(first.outdir);
    expect(files).toEqual(filesUnder(second.outdir));
    expect(files).toContain("manifest.json");
    for (const file of files) {
      expect(fs.readFileSync(path.join(second.outdir, file), "utf8")).toBe(
        fs.readFileSync(path.join(first.outdir, file), "utf8"),
      );
    }
  });
});
