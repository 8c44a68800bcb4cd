import { describeValue } from "../../lib/errors/validation-errors";
import { Duration } from "../../lib/declaration/duration";
import { Subject } from "../../lib/declaration/subject";
import { VaultGrant } from "../../lib/declaration/vault-grant";
import { AwsGrant } from "../../lib/declaration/aws-grant";

/** Values a JavaScript or JSON-driven caller can pass where a string or number is expected. */
const HOSTILE: [string, unknown][] = [
  ["a null-prototype object", Object.create(null)],
  ["an object whose toString is not a function", { toString: "x" }],
  ["a symbol", Symbol("s")],
  ["a bigint", BigInt(1)],
  [
    "an object whose toString throws",
    {
      toString: () => {
        throw new Error("boom");
      },
    },
  ],
];

describe("factories given any JavaScript value report problems, never a TypeError", () => {
  test.each(HOSTILE)("%s", (_what, value) => {
    const calls: (() => { problems: readonly unknown[] })[] = [
      () => Duration.minutes(value as number),
      () => Duration.parse(value as string),
      () => Subject.exact(value as string),
      () => Subject.pattern(value as string, value as string),
      () => VaultGrant.read(value as string),
      () => VaultGrant.of("secret/data/x", [value as string]),
      () => AwsGrant.allow(value as string[], ["*"]),
    ];
    for (const call of calls) expect(call().problems.length).toBeGreaterThan(0);
  });
});

describe("describeValue", () => {
  test("bidi overrides and zero-width characters are shown escaped, not applied", () => {
    const shown = describeValue("admin\u202egnp.exe\u200b");
    expect(shown).toBe('"admin\\u202egnp.exe\\u200b"');
  });
});

describe("sparse arrays: a hole is a problem, never an empty value", () => {
  test.each([
    ["AwsGrant.allow actions", () => AwsGrant.allow(new Array<string>(3), ["*"])],
    ["AwsGrant.allow resources", () => AwsGrant.allow(["s3:GetObject"], new Array<string>(2))],
    ["VaultGrant.of capabilities", () => VaultGrant.of("secret/data/x", new Array<string>(2))],
  ])("%s", (_what, call) => {
    expect(call().problems.length).toBeGreaterThan(0);
  });
});

describe("subject length", () => {
  const long = "a".repeat(5000);
  test.each([
    ["Subject.exact", () => Subject.exact(`repo:org/${long}:ref:refs/heads/main`)],
    ["Subject.pattern", () => Subject.pattern(`repo:org/${long}:*`, "every branch of one repository")],
    ["Subject.githubBranch", () => Subject.githubBranch(`org/${long}`, "main")],
  ])("a 5,000-character name in %s is a validation problem naming the limit", (_what, make) => {
    const subject = make();
    expect(subject.problems.map((p) => p.allowed)).toContain("at most 1024 characters");
  });

  test("a subject of normal length has no length problem", () => {
    expect(Subject.exact("repo:org/app:ref:refs/heads/main").problems).toEqual([]);
  });
});
