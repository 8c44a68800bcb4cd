import fc from "fast-check";
import { VaultPathIndex } from "../../lib/pattern/vault-path-index";
import { vaultPathsOverlap } from "../../lib/pattern/vault-path";

const RUNS = { numRuns: 10000 };

const vaultPattern = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "b", "/", "+", "*"), maxLength: 7 }),
  fc
    .tuple(
      fc.array(fc.constantFrom("a", "b", "ab", "+", ""), { minLength: 1, maxLength: 4 }),
      fc.constantFrom("", "*", "a*", "+*"),
    )
    .map(([segments, tail]) => segments.join("/") + (tail === "" ? "" : `/${tail}`)),
);

describe("VaultPathIndex", () => {
  it("returns the patterns a path could share, by segment, past a `+`", () => {
    const index = new VaultPathIndex<string>();
    index.insert("secret/data/payments/*", "payments-all");
    index.insert("secret/data/orders/db", "orders-db");
    index.insert("secret/data/+/db", "any-db");
    index.insert("secret/data/+/cache", "any-cache");
    index.insert("secret/data/payments/db", "payments-db");
    index.insert("secret/data/pay*", "pay-glob");
    index.insert("kv/*", "kv");
    index.insert("*", "everything");
    expect(index.candidates("secret/data/payments/db").sort()).toEqual(
      ["any-db", "everything", "pay-glob", "payments-all", "payments-db"].sort(),
    );
    // `+` stands for one segment: `secret/data/+/cache` is no candidate of `.../db`.
    expect(index.candidates("secret/data/+/db").sort()).toEqual(
      ["any-db", "everything", "orders-db", "pay-glob", "payments-all", "payments-db"].sort(),
    );
    expect(index.candidates("secret/data/or*").sort()).toEqual(
      ["any-cache", "any-db", "everything", "orders-db"].sort(),
    );
    expect(index.candidates("kv/data/x").sort()).toEqual(["everything", "kv"]);
  });

  it("a path with fewer segments than a glob's partial segment is no candidate of it", () => {
    const index = new VaultPathIndex<string>();
    index.insert("secret/data/*", "data-glob");
    index.insert("secret/data", "data-literal");
    expect(index.candidates("secret/data")).toEqual(["data-literal"]);
    expect(index.candidates("secret/data/x/*")).toEqual(["data-glob"]);
  });

  it("skips entries of the query's tag", () => {
    const index = new VaultPathIndex<string>();
    index.insert("secret/data/users/*", "templated-a", "users");
    index.insert("secret/data/users/*", "templated-b", "users");
    index.insert("secret/data/users/alice", "alice");
    expect(index.candidates("secret/data/users/*", "users")).toEqual(["alice"]);
    expect(index.candidates("secret/data/users/*").sort()).toEqual(["alice", "templated-a", "templated-b"]);
  });

  it("never misses an overlapping Vault path", () => {
    fc.assert(
      fc.property(fc.array(vaultPattern, { maxLength: 12 }), vaultPattern, (stored, query) => {
        const index = new VaultPathIndex<number>();
        stored.forEach((pattern, position) => index.insert(pattern, position));
        const candidates = new Set(index.candidates(query));
        return stored.every(
          (pattern, position) => !vaultPathsOverlap(query, pattern) || candidates.has(position),
        );
      }),
      RUNS,
    );
  });
});
