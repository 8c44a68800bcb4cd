import fc from "fast-check";
import { missingVaultPolicyNames, vaultNameKey } from "../../lib/model/vault-names";

const RUNS = { numRuns: 10000 };

/*
 * Oracle: Go's strings.ToLower(strings.TrimSpace(s)) written out by hand for a small alphabet that
 * holds every case where Go and JavaScript disagree (U+FEFF is not space in Go, U+0085 is; U+0130
 * lowers to a plain "i"; a final sigma stays σ; the Kelvin sign lowers to "k").
 */
const LOWER: Record<string, string> = { A: "a", B: "b", "\u0130": "i", "\u03a3": "\u03c3", "\u212a": "k" };
const SPACE = new Set([" ", "\t", "\n", "\u0085", "\u00a0", "\u3000"]);
const alphabet = ["a", "A", "b", "B", "-", "\u0130", "\u03a3", "\u212a", "\ufeff", ...SPACE];

function goTrimLower(text: string): string {
  const chars = Array.from(text);
  while (chars.length > 0 && SPACE.has(chars[0])) chars.shift();
  while (chars.length > 0 && SPACE.has(chars[chars.length - 1])) chars.pop();
  return chars.map((c) => LOWER[c] ?? c).join("");
}

const name = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 6 });

describe("Vault name normalization (policy and role names, token_policies)", () => {
  it("equals Go's ToLower(TrimSpace(name)) (brute-force oracle)", () => {
    fc.assert(
      fc.property(name, (text) => {
        expect(vaultNameKey(text)).toBe(goTrimLower(text));
      }),
      RUNS,
    );
  });

  it("a token policy resolves to a stored policy exactly when both normalize to the same name", () => {
    fc.assert(
      fc.property(name, name, (stored, referenced) => {
        const missing = missingVaultPolicyNames([referenced], [stored]);
        const resolves = goTrimLower(referenced) === goTrimLower(stored);
        const builtIn = goTrimLower(referenced) === "default" || goTrimLower(referenced) === "";
        expect(missing).toEqual(resolves || builtIn ? [] : [referenced]);
      }),
      RUNS,
    );
  });

  it.each([
    [" Payments-Read\t", "payments-read"],
    ["\ufeffA", "\ufeffa"],
    ["\u0085A\u0085", "a"],
    ["\u0130\u03a3", "i\u03c3"],
  ])("%j -> %j", (input, expected) => {
    expect(vaultNameKey(input)).toBe(expected);
  });
});
