import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VaultProvider } from "@cdktf/provider-vault/lib/provider";
import { App, TerraformStack, Testing } from "cdktf";
import { POLICY_CONTEXT_KEY } from "../../lib/model/org-policy";

/** The date every construct test runs on (organisation policy `today`), so expiry checks are stable. */
export const TODAY = "2026-06-01";

const outdirs: string[] = [];

/** A temporary output directory, removed by {@link removeOutdirs}. */
export function tempOutdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-constructs-"));
  outdirs.push(dir);
  return dir;
}

/** Removes every directory made by {@link tempOutdir}; call in afterAll. */
export function removeOutdirs(): void {
  for (const dir of outdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A testing app in its own temp outdir (cdktf's default would leave cdktf.outdir.* behind). */
export function testApp(policy: Record<string, unknown> = { today: TODAY }): App {
  return Testing.app({ outdir: tempOutdir(), context: { [POLICY_CONTEXT_KEY]: policy } });
}

/** A stack with AWS and Vault providers. */
export function testStack(app: App = testApp(), name = "stack"): TerraformStack {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new VaultProvider(stack, "vault", { address: "https://vault.example.com" });
  return stack;
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Resources of a stack as Testing.synth renders them (no `"//"` metadata). */
export function synthResources(stack: TerraformStack): Resources {
  return (JSON.parse(Testing.synth(stack)) as { resource?: Resources }).resource ?? {};
}

/** The stack's Terraform JSON with `"//"` comments (records, metadata) kept, tokens resolved. */
export function terraformJson(stack: TerraformStack): { resource: Resources } {
  return JSON.parse(JSON.stringify(stack.toTerraform())) as { resource: Resources };
}

/** The single resource of a type (fails when there is not exactly one). */
export function only(resources: Resources, type: string): Record<string, unknown> {
  const all = Object.values(resources[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}
