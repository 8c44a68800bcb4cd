/**
 * Candidate lookup for Vault policy path patterns, by path segment, so that comparing the reach of
 * 5,000 identities does not compare every pair.
 *
 * A literal-prefix index stops at the first `+`: `secret/data/+/app-1` and `secret/data/+/app-2`
 * share the prefix `secret/data/` and would all be candidates of each other. Vault matches `+`
 * against exactly one segment and `*` only as the last character (lib/pattern/vault-path), so a
 * pattern is a list of segments (literal or `+`) that either ends there or ends in a glob whose
 * partial last segment is a literal prefix. The index is a trie over segments:
 *
 * - a literal query segment follows its own child and the `+` child; a `+` query segment follows
 *   every child;
 * - a stored glob with partial `p` at depth d matches every path whose segment d starts with `p`;
 * - a query glob with partial `q` at depth d takes every stored pattern below a child starting
 *   with `q` (or `+`).
 *
 * Soundness: a path matched by both patterns walks the same segments through both, so the stored
 * pattern is on one of the visited branches. Callers confirm candidates with the exact overlap.
 *
 * Entries may carry a tag: a query with a tag skips stored entries with the same tag (the caller
 * pairs those itself), without visiting them one by one where they sit together.
 */
import { appendAll } from "../model/append-all";
import type { IndexedPattern } from "./prefix-index";

const PLUS = "+";

/** A pattern as segments: `segments` are whole; `glob` is the partial segment the trailing `*` follows. */
interface VaultPathShape {
  readonly segments: readonly string[];
  readonly glob?: string;
}

function shapeOf(pattern: string): VaultPathShape {
  const normalised = pattern.startsWith("/") ? pattern.slice(1) : pattern;
  if (!normalised.endsWith("*")) return { segments: normalised.split("/") };
  const parts = normalised.slice(0, -1).split("/");
  const last = parts.pop() as string;
  // `+*`: one segment, then anything — the same paths as a glob with an empty partial segment.
  return { segments: parts, glob: last === PLUS ? "" : last };
}

interface Stored<T> extends IndexedPattern<T> {
  readonly tag: string;
}

/**
 * Containers are made when first needed: most nodes of 5,000 distinct paths hold one child or one end.
 * A class with every field set, not `{}` given keys later: a shared hidden class in apps where cdktf
 * exhausts the plain-object root's transitions (else a map of its own per node that gets `ends`).
 */
class Node<T> {
  literal: Map<string, Node<T>> | undefined = undefined;
  plus: Node<T> | undefined = undefined;
  /** Patterns that end at this node without a glob. */
  ends: Stored<T>[] | undefined = undefined;
  /** Globs whose partial segment follows this node, by tag, then by partial. */
  globs: Map<string, Map<string, Stored<T>[]>> | undefined = undefined;
}

const NO_ENTRIES: readonly never[] = [];
const NO_CHILDREN: ReadonlyMap<string, never> = new Map<string, never>();
const NO_GLOBS: ReadonlyMap<string, never> = new Map<string, never>();

export class VaultPathIndex<T> {
  private readonly root: Node<T> = new Node();
  /** Shapes of the inserted patterns: each is looked up with its own pattern too. */
  private readonly shapes = new Map<string, VaultPathShape>();
  /**
   * Nodes to visit and their depths, as two stacks (no pair allocated per step) kept between
   * queries (a query does not start another), each topped at `pending`'s count: popping an array
   * to empty gives its storage back, and the next push allocates it again.
   */
  private readonly pendingNodes: Node<T>[] = [];
  private readonly pendingDepths: number[] = [];

  insert(pattern: string, item: T, tag = ""): void {
    let shape = this.shapes.get(pattern);
    if (shape === undefined) this.shapes.set(pattern, (shape = shapeOf(pattern)));
    let node = this.root;
    const segments = shape.segments;
    // Indexed: this runs unoptimized, where each iterator step allocates.
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (segment === PLUS) node = node.plus ??= new Node();
      else {
        const literal = (node.literal ??= new Map());
        let child = literal.get(segment);
        if (!child) literal.set(segment, (child = new Node()));
        node = child;
      }
    }
    const entry: Stored<T> = { pattern, item, tag };
    // Lists made at their first entry, to size: most hold one, and a list grown from empty
    // allocates room for 16.
    if (shape.glob === undefined) {
      if (node.ends) node.ends.push(entry);
      else node.ends = [entry];
    } else {
      const globs = (node.globs ??= new Map());
      let byPartial = globs.get(tag);
      if (!byPartial) globs.set(tag, (byPartial = new Map()));
      const list = byPartial.get(shape.glob);
      if (list) list.push(entry);
      else byPartial.set(shape.glob, [entry]);
    }
  }

  /** Stored entries whose pattern could overlap `pattern`, except those tagged `skipTag`. */
  candidateEntries(pattern: string, skipTag?: string): IndexedPattern<T>[] {
    const query = this.shapes.get(pattern) ?? shapeOf(pattern);
    // Made at the first candidate, to size (most queries find one: the pattern itself).
    let found: IndexedPattern<T>[] | undefined;
    const keep = (entries: readonly Stored<T>[]) => {
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        if (skipTag !== undefined && entry.tag === skipTag) continue;
        if (found) found.push(entry);
        else found = [entry];
      }
    };
    const pending = this.pendingNodes;
    const depths = this.pendingDepths;
    pending[0] = this.root;
    depths[0] = 0;
    let count = 1;
    const visit = (child: Node<T>, depth: number) => {
      pending[count] = child;
      depths[count] = depth;
      count++;
    };
    while (count > 0) {
      count--;
      const node = pending[count];
      const depth = depths[count];
      const segment = depth < query.segments.length ? query.segments[depth] : undefined;
      if (node.globs !== undefined)
        for (const [tag, byPartial] of node.globs) {
          if (skipTag !== undefined && tag === skipTag) continue;
          for (const [partial, entries] of byPartial) {
            const meets =
              segment !== undefined
                ? segment === PLUS || segment.startsWith(partial)
                : query.glob !== undefined &&
                  (partial.startsWith(query.glob) || query.glob.startsWith(partial));
            if (meets) found = found ? appendAll(found, entries) : entries.slice();
          }
        }
      if (segment === undefined) {
        if (query.glob === undefined) keep(node.ends ?? NO_ENTRIES);
        else {
          const glob = query.glob;
          for (const [key, child] of node.literal ?? NO_CHILDREN)
            if (key.startsWith(glob)) collect(child, keep, skipTag);
          if (node.plus) collect(node.plus, keep, skipTag);
        }
        continue;
      }
      if (segment === PLUS) {
        if (node.literal !== undefined) for (const child of node.literal.values()) visit(child, depth + 1);
      } else {
        const child = node.literal?.get(segment);
        if (child) visit(child, depth + 1);
      }
      if (node.plus) visit(node.plus, depth + 1);
    }
    return found ?? [];
  }

  /** Distinct items whose pattern could overlap `pattern`, except those tagged `skipTag`. */
  candidates(pattern: string, skipTag?: string): T[] {
    return [...new Set(this.candidateEntries(pattern, skipTag).map((entry) => entry.item))];
  }
}

function collect<T>(node: Node<T>, keep: (entries: readonly Stored<T>[]) => void, skipTag?: string): void {
  const pending = [node];
  while (pending.length > 0) {
    const current = pending.pop() as Node<T>;
    if (current.ends) keep(current.ends);
    for (const [tag, byPartial] of current.globs ?? NO_GLOBS) {
      if (skipTag !== undefined && tag === skipTag) continue;
      for (const entries of byPartial.values()) keep(entries);
    }
    if (current.literal) for (const child of current.literal.values()) pending.push(child);
    if (current.plus) pending.push(current.plus);
  }
}
