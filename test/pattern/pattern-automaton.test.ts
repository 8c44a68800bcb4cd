import {
  ANY_CHAR,
  charExcept,
  classesIntersect,
  commonMatchOfTokens,
  literalChar,
  literalTokens,
  oneOf,
  runOf,
  tokenSequenceKey,
  tokenSequencesOverlap,
  tokensMatchValue,
  type PatternToken,
} from "../../lib/pattern/pattern-automaton";

describe("character classes", () => {
  it.each([
    [literalChar("a"), literalChar("a"), true],
    [literalChar("a"), literalChar("A"), false],
    [literalChar("a", true), literalChar("A"), true],
    [literalChar("a", true), literalChar("b", true), false],
    [literalChar("/"), charExcept("/"), false],
    [literalChar("a"), charExcept("/"), true],
    [charExcept("/"), charExcept(":"), true],
    [ANY_CHAR, literalChar("/"), true],
  ])("%j meets %j: %s", (a, b, expected) => {
    expect(classesIntersect(a, b)).toBe(expected);
    expect(classesIntersect(b, a)).toBe(expected);
  });
});

describe("token sequences", () => {
  it("finds a common string across different exclusions", () => {
    const noSlash = [runOf(charExcept("/"))];
    const noColon = [oneOf(charExcept(":")), oneOf(charExcept(":"))];
    const witness = commonMatchOfTokens(noSlash, noColon);
    expect(witness).toBe("xx");
    expect(tokenSequencesOverlap(noSlash, [...literalTokens("a/")])).toBe(false);
  });

  it("uses the case variant both sides accept", () => {
    expect(commonMatchOfTokens(literalTokens("Ab", true), literalTokens("aB"))).toBe("aB");
  });

  it("matches values by code point and handles empty sequences", () => {
    expect(tokensMatchValue([oneOf(ANY_CHAR)], "😀")).toBe(true);
    expect(tokensMatchValue([], "")).toBe(true);
    expect(tokensMatchValue([], "a")).toBe(false);
    expect(commonMatchOfTokens([], [runOf(ANY_CHAR)])).toBe("");
  });
});

describe("tokenSequenceKey", () => {
  test("is equal for the same sequence built twice, and differs for every other sequence", () => {
    const sequences: PatternToken[][] = [
      literalTokens("ab"),
      literalTokens("ab", true),
      literalTokens("a"),
      literalTokens(""),
      [oneOf(literalChar("a")), runOf(literalChar("b"))],
      [runOf(ANY_CHAR)],
      [oneOf(ANY_CHAR)],
      [runOf(charExcept("/"))],
      [runOf(charExcept(":"))],
      [oneOf(literalChar("1")), oneOf(literalChar(":"))],
      [oneOf(literalChar("1:"))],
    ];
    const keys = sequences.map(tokenSequenceKey);
    expect(new Set(keys).size).toBe(sequences.length);
    expect(tokenSequenceKey(literalTokens("ab", true))).toBe(keys[1]);
    expect(tokenSequenceKey([runOf(charExcept("/"))])).toBe(keys[7]);
  });
});
