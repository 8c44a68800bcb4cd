// PLACEHOLDER (owned by the extraction work): the signature is the contract.
import type { IdentityGraph } from "../model/graph";
import type { InputDocument } from "./input-document";

/** Extracts one identity graph from any number of documents (all stacks of an app are one graph). */
export function buildGraph(documents: readonly InputDocument[]): IdentityGraph {
  throw new Error(`not implemented: buildGraph(${documents.length} documents)`);
}
