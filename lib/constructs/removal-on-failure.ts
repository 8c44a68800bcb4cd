import type { Construct } from "constructs";
import { CALLER_IDENTITY_ID, PARTITION_ID } from "./stack-account";
import { terraformCore } from "./terraform-core";

/**
 * What a constructor may add to its stack outside its own subtree: the account and partition data
 * sources every identity and issuer of the stack shares (lib/constructs/stack-account.ts).
 */
const SHARED_STACK_CHILDREN = [CALLER_IDENTITY_ID, PARTITION_ID];

/**
 * Undoes a constructor that throws: removes the construct from its scope, and what it added to its
 * stack (the account and partition data sources it shares with later constructs), so a caught
 * error leaves the tree as it was and the id can be used again. Call it right after `super()`.
 * Only those ids are looked up before (copying the stack's children for every construct would make
 * declaring N identities in a stack cost N²).
 */
export function removalOnFailure(construct: Construct): () => void {
  const scope = construct.node.scope;
  let stack: Construct | undefined;
  try {
    stack = terraformCore().TerraformStack.of(construct);
  } catch {
    stack = undefined; // not inside a stack: cdktf reports that itself, nothing was added
  }
  const absent = SHARED_STACK_CHILDREN.filter((id) => stack?.node.tryFindChild(id) === undefined);
  return () => {
    if (stack !== undefined)
      for (const id of absent) if (stack.node.tryFindChild(id) !== construct) stack.node.tryRemoveChild(id);
    scope?.node.tryRemoveChild(construct.node.id);
  };
}
