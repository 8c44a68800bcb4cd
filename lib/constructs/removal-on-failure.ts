import type { Construct } from "constructs";
import { terraformCore } from "./terraform-core";

/**
 * Undoes a constructor that throws: removes the construct from its scope, and what it added to its
 * stack (the account and partition data sources it shares with later constructs), so a caught
 * error leaves the tree as it was and the id can be used again. Call it right after `super()`.
 */
export function removalOnFailure(construct: Construct): () => void {
  const scope = construct.node.scope;
  let stack: Construct | undefined;
  try {
    stack = terraformCore().TerraformStack.of(construct);
  } catch {
    stack = undefined; // not inside a stack: cdktf reports that itself, nothing was added
  }
  const before = new Set(stack?.node.children ?? []);
  return () => {
    if (stack !== undefined)
      for (const child of stack.node.children)
        if (!before.has(child) && child !== construct) stack.node.tryRemoveChild(child.node.id);
    scope?.node.tryRemoveChild(construct.node.id);
  };
}
