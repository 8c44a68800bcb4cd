/**
 * Shared plumbing for the privilege rules (WI5xx): they judge every IAM policy in the graph,
 * attached or not, and report on the policy's own location with the principals it is attached
 * to and the data sources it was rendered from.
 */
import type { RuleResult } from "../model/finding";
import type { AwsPolicy, IdentityGraph, VaultPolicy, VaultPolicyRule } from "../model/graph";
import type { PolicyDocument } from "../model/iam-policy";
import { isUnknown } from "../model/unknown";
import type { PolicyContext } from "./principal-directory";
import { PrincipalDirectory } from "./principal-directory";
import { quote } from "./quote";

/** A policy's label in messages (its name, else its address), JSON-quoted. */
export function quotePolicy(policy: {
  readonly name: unknown;
  readonly location: { readonly address: string };
}): string {
  return quote(typeof policy.name === "string" ? policy.name : policy.location.address);
}

/** Calls `judge` for every AWS policy whose document is known; unknown documents are WI509's. */
export function judgeKnownAwsPolicies(
  graph: IdentityGraph,
  judge: (policy: AwsPolicy, document: PolicyDocument) => Array<Omit<RuleResult, "location">>,
): RuleResult[] {
  const directory = PrincipalDirectory.of(graph);
  const results: RuleResult[] = [];
  // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
  const policies = graph.awsPolicies;
  for (let p = 0; p < policies.length; p++) {
    const policy = policies[p];
    if (isUnknown(policy.document)) continue;
    const found = judge(policy, policy.document);
    if (found.length === 0) continue;
    const context = directory.awsPolicyContext(policy);
    for (let f = 0; f < found.length; f++) results.push(withContext(policy.location, context, found[f]));
  }
  return results;
}

/** Calls `judge` for every Vault policy whose rules are known; unknown rules are WI509's. */
export function judgeKnownVaultPolicies(
  graph: IdentityGraph,
  judge: (policy: VaultPolicy, rules: readonly VaultPolicyRule[]) => Array<Omit<RuleResult, "location">>,
): RuleResult[] {
  const directory = PrincipalDirectory.of(graph);
  const results: RuleResult[] = [];
  // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
  const policies = graph.vaultPolicies;
  for (let p = 0; p < policies.length; p++) {
    const policy = policies[p];
    if (isUnknown(policy.rules)) continue;
    const found = judge(policy, policy.rules);
    if (found.length === 0) continue;
    const context = directory.vaultPolicyContext(policy);
    for (let f = 0; f < found.length; f++) results.push(withContext(policy.location, context, found[f]));
  }
  return results;
}

function withContext(
  location: AwsPolicy["location"],
  context: PolicyContext,
  result: Omit<RuleResult, "location">,
): RuleResult {
  return { ...result, location, related: context.related, identityIds: context.identityIds };
}

/** "attached to N principal(s)" / "not attached" suffix for messages. */
export function attachmentNote(policy: { readonly attachedTo: readonly string[] }): string {
  if (policy.attachedTo.length === 0) return " (not attached in these inputs)";
  return ` (attached to ${policy.attachedTo.map((address) => quote(address)).join(", ")})`;
}

/**
 * True when a Vault rule lists the (lower-case) capability, compared case-insensitively. Most
 * capabilities are written lower-case: those compare without building a lower-cased copy.
 */
export function hasCapability(rule: VaultPolicyRule, capability: string): boolean {
  // Indexed: this runs per rule, unoptimized, where each iterator step allocates.
  const capabilities = rule.capabilities;
  for (let c = 0; c < capabilities.length; c++) {
    const written = capabilities[c];
    if (written === capability || written.toLowerCase() === capability) return true;
  }
  return false;
}

/** True when a Vault rule lists any of the (lower-case) capabilities, compared case-insensitively. */
export function hasAnyCapability(rule: VaultPolicyRule, capabilities: ReadonlySet<string>): boolean {
  const list = rule.capabilities;
  for (let c = 0; c < list.length; c++) {
    const written = list[c];
    if (capabilities.has(written) || capabilities.has(written.toLowerCase())) return true;
  }
  return false;
}
