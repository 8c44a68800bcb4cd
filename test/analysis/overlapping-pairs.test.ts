import { findOverlappingPairs } from "../../lib/analysis/overlapping-pairs";
import { vaultPathsOverlap } from "../../lib/pattern/vault-path";
import { vaultPathKey } from "../../lib/pattern/prefix-index";

interface Entry {
  readonly owner: string;
  readonly pattern: string;
  readonly n: number;
}

/** Runs findOverlappingPairs with an overlap function that counts its calls. */
function pairsCounting(entries: readonly Entry[]): { pairs: string[]; calls: number } {
  let calls = 0;
  const pairs = findOverlappingPairs(entries, vaultPathKey, (a, b) => {
    calls++;
    return vaultPathsOverlap(a.pattern, b.pattern);
  });
  return { pairs: pairs.map(([a, b]) => `${a.owner}#${a.n} ${b.owner}#${b.n}`).sort(), calls };
}

describe("findOverlappingPairs", () => {
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
