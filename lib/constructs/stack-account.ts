import type { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { oidcProviderArn } from "../model/issuer";
import { escapeTerraformTemplate } from "../render/terraform-string";
import { emitBlock, isBlockOf, type BlockKind } from "./terraform-bindings";
import type { ITerraformBlock } from "./terraform-block";
import { terraformCore } from "./terraform-core";
import { ownReference } from "./token-traces";

/** Construct ids of the data sources, fixed so every issuer of a stack shares one pair. */
export const CALLER_IDENTITY_ID = "workload-identity-caller-identity";
export const PARTITION_ID = "workload-identity-partition";

/** Terraform references to the stack's AWS account and partition (data sources, read during plan). */
export interface StackAccount {
  readonly accountId: string;
  readonly partition: string;
}

function sharedChild(
  stack: TerraformStack,
  id: string,
  kind: BlockKind,
  requester: Construct,
): ITerraformBlock {
  const existing = stack.node.tryFindChild(id);
  if (existing === undefined) return emitBlock(kind, stack, id, {}, requester);
  if (isBlockOf(kind, existing)) return existing;
  throw new Error(
    `${stack.node.path}/${id} is reserved for the workload identity account lookup, but another construct uses that id`,
  );
}

/**
 * The account and partition of the stack that holds `scope`, from one `aws_caller_identity` and one
 * `aws_partition` data source per stack. Terraform reads both during plan, so values built from
 * them (unlike the attributes of resources created in the same plan) are known in the plan.
 */
export function stackAccount(scope: Construct): StackAccount {
  const stack = terraformCore().TerraformStack.of(scope);
  const caller = sharedChild(stack, CALLER_IDENTITY_ID, "callerIdentity", scope);
  const partition = sharedChild(stack, PARTITION_ID, "partition", scope);
  return {
    accountId: ownReference(caller, "account_id"),
    partition: ownReference(partition, "partition"),
  };
}

/**
 * {@link stackAccount} as the Terraform expressions its references resolve to in the stack,
 * `${data.aws_caller_identity.ID.account_id}`, written as plain text rather than as cdktf tokens:
 * cdktf resolves each token of every resource three times per synth, and these two appear in every
 * role's trust. Only for values used in the data sources' own stack (a token would become a
 * cross-stack reference elsewhere); the logical ids are read when the text is made, as a reference
 * reads them when it is made.
 */
export function stackAccountExpressions(scope: Construct): StackAccount {
  const stack = terraformCore().TerraformStack.of(scope);
  const caller = sharedChild(stack, CALLER_IDENTITY_ID, "callerIdentity", scope);
  const partition = sharedChild(stack, PARTITION_ID, "partition", scope);
  return {
    accountId: `\${data.${caller.terraformResourceType}.${caller.friendlyUniqueId}.account_id}`,
    partition: `\${data.${partition.terraformResourceType}.${partition.friendlyUniqueId}.partition}`,
  };
}

/**
 * The ARN IAM gives the OIDC provider created for `issuerUrl` in the stack's account:
 * `arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST[/PATH]` (the URL without `https://`). Known at
 * plan time, unlike the provider resource's own `arn` attribute. `inOwnStack`: the value is used
 * only in the stack of `scope`, so it is written as plain expressions ({@link stackAccountExpressions}).
 */
export function plannedOidcProviderArn(scope: Construct, issuerUrl: string, inOwnStack = false): string {
  const account = inOwnStack ? stackAccountExpressions(scope) : stackAccount(scope);
  return oidcProviderArn(account.partition, account.accountId, escapeTerraformTemplate(issuerUrl));
}
