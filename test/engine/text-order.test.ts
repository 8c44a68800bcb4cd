import fc from "fast-check";
import { ASCII_COLLATION_ORDER, compareAscii, compareText } from "../../lib/engine/text-order";

const english = new Intl.Collator("en-US");
const sign = (n: number) => Math.sign(n);

describe("compareAscii", () => {
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i));

  test("the table orders every printable ASCII character as English collation does", () => {
    expect([...ASCII_COLLATION_ORDER].sort()).toEqual([...printable].sort());
    for (const a of printable)
      for (const b of printable)
        expect([a, b, compareAscii(a, b)]).toEqual([a, b, sign(english.compare(a, b))]);
  });

  test("agrees with English collation on printable ASCII strings", () => {
    // Few characters, so that equal prefixes, case-only differences and prefixes of each other are common.
    const char = fc.constantFrom(
      " ",
      "_",
      "-",
      ".",
      ":",
      "/",
      "[",
      '"',
      "$",
      "0",
      "9",
      "a",
      "A",
      "b",
      "B",
      "z",
      "Z",
    );
    const text = fc.array(char, { maxLength: 7 }).map((c) => c.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(compareAscii(a, b)).toBe(sign(english.compare(a, b)));
      }),
      { numRuns: 20000, seed: 7 },
    );
  });

  test("agrees on Terraform addresses and construct paths", () => {
    const samples = [
      "aws_iam_role.ci",
      "aws_iam_role_policy.ci",
      "aws_iam_role.ci_deploy",
      'module.a.aws_iam_role.r1["p1"]',
      "module.a.aws_iam_role.r1[0]",
      "vault_policy.svc-10_vault-policy_93BBDAFC",
      "vault_policy.svc-1_vault-policy_7B343D1F",
      "vault_policy.svc-1_Vault-policy_7B343D1F",
      "stack-0",
      "Stack-0",
      "stack_0",
      "",
    ];
    for (const a of samples)
      for (const b of samples)
        expect([a, b, compareAscii(a, b)]).toEqual([a, b, sign(english.compare(a, b))]);
  });

  test("leaves anything but printable ASCII to localeCompare", () => {
    expect(compareAscii("a\u00e9", "ab")).toBeUndefined();
    expect(compareAscii("ab", "a\u0000")).toBeUndefined();
    expect(compareAscii("a\tb", "a b")).toBeUndefined();
    expect(compareAscii("b", "a\u202e")).toBeUndefined();
  });
});

describe("compareText", () => {
  test("has the sign of localeCompare, ASCII or not", () => {
    const char = fc.constantFrom("a", "A", "b", "-", "_", "\u00e9", "\u00c9", "\u0000", "1");
    const text = fc.array(char, { maxLength: 5 }).map((c) => c.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(compareText(a, b)).toBe(sign(a.localeCompare(b)));
      }),
      { numRuns: 5000, seed: 3 },
    );
  });
});
