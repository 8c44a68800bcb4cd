import { arnPatternTokens } from "./arn";
import { globTokens } from "./glob";
import { isLiteralSequence, literalPrefixOfTokens, type PatternToken } from "./pattern-automaton";
import { appendAll } from "../model/append-all";

/**
 * Candidate lookup so that rules need not compare every pair of patterns (5,000 identities).
 * Vault paths have their own index by segment (lib/pattern/vault-path-index).
 *
 * Soundness: if some string w matches both patterns, w starts with both literal prefixes, so one
 * prefix is a prefix of the other. Further, a pattern without any wildcard (whole pattern literal)
 * matches only its own prefix, so a longer prefix on the other side rules the pair out. The index
 * returns every stored pattern that passes these two tests: never fewer than the overlapping ones;
 * callers confirm with the exact overlap function.
 */

/** What the index needs to know about a pattern. */
export interface PatternKey {
  /** Characters every match starts with (lower-cased when the language ignores case somewhere). */
  readonly prefix: string;
  /** True when the pattern matches only `prefix` itself. */
  readonly isLiteral: boolean;
}

export type PatternKeyFunction = (pattern: string) => PatternKey;

function keyFromTokens(tokens: readonly PatternToken[], lowerCase: boolean): PatternKey {
  return { prefix: literalPrefixOfTokens(tokens, lowerCase), isLiteral: isLiteralSequence(tokens) };
}

/** Keys for case-sensitive IAM globs (condition values, resource names). */
export const globKey: PatternKeyFunction = (pattern) => keyFromTokens(globTokens(pattern), false);
/** Keys for case-insensitive IAM globs (action names). */
export const globIgnoreCaseKey: PatternKeyFunction = (pattern) =>
  keyFromTokens(globTokens(pattern, true), true);
/** Keys for IAM resource patterns (lower-cased: the first ARN fields ignore case). */
export const arnKey: PatternKeyFunction = (pattern) => keyFromTokens(arnPatternTokens(pattern), true);

export interface IndexedPattern<T> {
  readonly pattern: string;
  readonly item: T;
}

interface StoredEntry<T> extends IndexedPattern<T> {
  readonly order: number;
  readonly isLiteral: boolean;
}

interface TrieNode<T> {
  readonly children: Map<string, TrieNode<T>>;
  readonly entries: StoredEntry<T>[];
}

function newNode<T>(): TrieNode<T> {
  return { children: new Map(), entries: [] };
}

/** A character trie over literal prefixes. */
export class PrefixIndex<T> {
  /** Index for case-sensitive IAM globs. */
  static forGlobs<T>(): PrefixIndex<T> {
    return new PrefixIndex<T>(globKey);
  }

  /** Index for case-insensitive IAM globs (actions). */
  static forGlobsIgnoreCase<T>(): PrefixIndex<T> {
    return new PrefixIndex<T>(globIgnoreCaseKey);
  }

  /** Index for IAM resource patterns / ARNs. */
  static forArns<T>(): PrefixIndex<T> {
    return new PrefixIndex<T>(arnKey);
  }

  private readonly root: TrieNode<T> = newNode();
  private count = 0;

  constructor(private readonly keyOf: PatternKeyFunction) {}

  get size(): number {
    return this.count;
  }

  insert(pattern: string, item: T): void {
    const key = this.keyOf(pattern);
    let node = this.root;
    for (const char of key.prefix) {
      let child = node.children.get(char);
      if (!child) {
        child = newNode();
        node.children.set(char, child);
      }
      node = child;
    }
    node.entries.push({ pattern, item, order: this.count++, isLiteral: key.isLiteral });
  }

  /** Stored (pattern, item) pairs whose pattern could overlap `pattern`, in insertion order. */
  candidateEntries(pattern: string): IndexedPattern<T>[] {
    const key = this.keyOf(pattern);
    const found: StoredEntry<T>[] = [];
    let node: TrieNode<T> | undefined = this.root;
    const chars = Array.from(key.prefix);
    for (let depth = 0; node && depth < chars.length; depth++) {
      // Stored prefixes strictly shorter than the query's: only patterns with a wildcard qualify.
      for (const entry of node.entries) if (!entry.isLiteral) found.push(entry);
      node = node.children.get(chars[depth]);
    }
    if (node) {
      for (const entry of node.entries) found.push(entry);
      // Stored prefixes extending the query's: impossible when the query is a literal.
      if (!key.isLiteral) {
        for (const child of node.children.values()) collectSubtree(child, found);
      }
    }
    found.sort((x, y) => x.order - y.order);
    return found.map(({ pattern: storedPattern, item }) => ({ pattern: storedPattern, item }));
  }

  /** Distinct items whose pattern could overlap `pattern`, in order of first insertion. */
  candidates(pattern: string): T[] {
    return [...new Set(this.candidateEntries(pattern).map((entry) => entry.item))];
  }
}

function collectSubtree<T>(node: TrieNode<T>, found: StoredEntry<T>[]): void {
  const pending: TrieNode<T>[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as TrieNode<T>;
    appendAll(found, current.entries);
    for (const child of current.children.values()) pending.push(child);
  }
}
