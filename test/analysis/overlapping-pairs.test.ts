import { findPairsThroughIndex } from "../../lib/analysis/overlapping-pairs";
import { vaultPathsOverlap } from "../../lib/pattern/vault-path";
import { VaultPathIndex } from "../../lib/pattern/vault-path-index";

interface Entry {
  readonly owner: string;
  readonly pattern: string;
  readonly n: number;
  readonly tag?: string;
}

/** Runs findPairsThroughIndex with an overlap function that counts its calls. */
function pairsCounting(entries: readonly Entry[]): { pairs: string[]; calls: number } {
  let calls = 0;
  const pairs = findPairsThroughIndex(
    entries,
    new VaultPathIndex<number>(),
    (a, b) => {
      calls++;
      return vaultPathsOverlap(a.pattern, b.pattern);
    },
    (entry) => entry.tag,
  );
  return { pairs: pairs.map(([a, b]) => `${a.owner}#${a.n} ${b.owner}#${b.n}`).sort(), calls };
}

describe("findPairsThroughIndex", () => {
  test("2,000 identities with a `+` segment before their own name are compared only with their own paths", () => {
    const entries = Array.from({ length: 2000 }, (_, n) => [
      { owner: `id${n}`, pattern: `secret/data/+/svc-${n}`, n: 2 * n },
      { owner: `id${n}`, pattern: `secret/data/team/svc-${n}/*`, n: 2 * n + 1 },
    ]).flat();
    entries.push({ owner: "other", pattern: "secret/data/ops/svc-7", n: -1 });
    expect(pairsCounting(entries)).toEqual({ pairs: ["id7#14 other#-1"], calls: 1 });
  });

  test("entries of one tag are left to the caller, entries without it still pair with them", () => {
    const entries: Entry[] = [
      ...Array.from({ length: 3000 }, (_, n) => ({
        owner: `id${n}`,
        pattern: "secret/data/users/*",
        n,
        tag: "users",
      })),
      { owner: "admin", pattern: "secret/data/users/alice", n: -1 },
    ];
    const { pairs, calls } = pairsCounting(entries);
    expect(calls).toBe(3000);
    expect(pairs).toHaveLength(3000);
    expect(pairs.every((pair) => pair.includes("admin#-1"))).toBe(true);
  });

  test("one identity repeating one path 20,000 times is compared with nobody, not with itself", () => {
    const entries = Array.from({ length: 20_000 }, (_, n) => ({
      owner: "app",
      pattern: "secret/data/app/*",
      n,
    }));
    expect(pairsCounting(entries)).toEqual({ pairs: [], calls: 0 });
  });

  test("repeated entries still pair with every entry of another owner, exactly as all pairs would", () => {
    const entries: Entry[] = [
      { owner: "a", pattern: "secret/data/x/*", n: 0 },
      { owner: "a", pattern: "secret/data/x/*", n: 1 },
      { owner: "b", pattern: "secret/data/x/y", n: 2 },
      { owner: "a", pattern: "secret/data/z", n: 3 },
      { owner: "b", pattern: "secret/data/+/y", n: 4 },
    ];
    const expected = [];
    for (let i = 0; i < entries.length; i++)
      for (let j = i + 1; j < entries.length; j++)
        if (
          entries[i].owner !== entries[j].owner &&
          vaultPathsOverlap(entries[i].pattern, entries[j].pattern)
        )
          expected.push(
            [entries[i], entries[j]]
              .map((e) => `${e.owner}#${e.n}`)
              .sort()
              .join(" "),
          );
    const found = pairsCounting(entries).pairs.map((pair) => pair.split(" ").sort().join(" "));
    expect(found.sort()).toEqual(expected.sort());
    expect(found).toHaveLength(4);
  });
});
