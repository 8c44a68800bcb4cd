/**
 * Memos that analyses and rules share while one evaluation runs (per graph, per role, per list of
 * policies). They hold about 14 MB at 5,000 identities; the graph outlives the evaluation (the
 * report and synth's stack writing read it), so `evaluate` releases them all when its rules are
 * done. A memo is a cache of pure results: after a release the next caller recomputes them.
 */
const ALL: Array<AnalysisMemo<object, unknown>> = [];

export class AnalysisMemo<K extends object, V> {
  private entries = new WeakMap<K, V>();

  constructor() {
    ALL.push(this as unknown as AnalysisMemo<object, unknown>);
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): this {
    this.entries.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Forgets every entry (of every graph). */
  release(): void {
    this.entries = new WeakMap();
  }
}

/** Forgets what every analysis memo holds. */
export function releaseAnalysisMemos(): void {
  for (const memo of ALL) memo.release();
}
