import { isObject } from "./iam-policy-json";
import type { ResourceView } from "./resource-view";

/** What a document answers for another: the text of one of its outputs. */
export interface OutputSource {
  outputText(name: string, depth: number): string | undefined;
}

/**
 * The Terraform JSON documents read together (the stacks of one app), so a cross-stack reference
 * resolves: cdktf writes it as `data.terraform_remote_state.X.outputs.Y` in the consuming stack and
 * an output `Y` in the producing one. The producing document is the one whose `terraform.backend`
 * is the state the data source reads (same backend type and configuration, the current
 * workspace), as Terraform decides it (https://developer.hashicorp.com/terraform/language/state/remote-state-data).
 */
export class AppDocuments {
  private readonly byBackend = new Map<string, OutputSource>();

  /** Registers a document by the `terraform` block that names its backend. */
  add(document: OutputSource, terraform: Record<string, unknown>): void {
    const backends = terraform.backend;
    if (!isObject(backends)) return;
    const entries = Object.entries(backends);
    if (entries.length !== 1) return;
    const [type, config] = entries[0];
    const key = backendKey(type, config);
    // Two documents writing one state: which one a reader sees is not known.
    if (this.byBackend.has(key)) this.byBackend.set(key, { outputText: () => undefined });
    else this.byBackend.set(key, document);
  }

  /** The output a `terraform_remote_state` data source reads, when a document of the app writes that state. */
  remoteOutput(state: ResourceView, name: string, from: OutputSource, depth: number): string | undefined {
    const type = state.rawAt(["backend"]);
    const workspace = state.rawAt(["workspace"]);
    if (typeof type !== "string") return undefined;
    if (workspace !== undefined && workspace !== "${terraform.workspace}") return undefined;
    const source = this.byBackend.get(backendKey(type, state.rawAt(["config"]) ?? {}));
    return source === undefined || source === from ? undefined : source.outputText(name, depth);
  }
}

function backendKey(type: string, config: unknown): string {
  return `${type}\u0000${canonicalJson(config)}`;
}

/** JSON with object keys sorted, so equal configurations written in any order compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}
