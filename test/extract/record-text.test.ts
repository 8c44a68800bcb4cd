import { readCommentBlock } from "../../lib/extract/identity-record-reader";
import { RECORD_KEY, writtenRecord } from "../../lib/model/record";
import { record } from "../rules/accountability/accountability-fixtures";

const carrying = (written: unknown) => ({
  "//": { metadata: { path: "stack/api/role" }, [RECORD_KEY]: written },
});

describe("a record written as one JSON text (the current format) is read as the object form is", () => {
  test("the text and the object give the same record", () => {
    const value = record({ declaredAt: "main.ts:12" });
    const fromText = readCommentBlock(carrying(writtenRecord(value)));
    expect(fromText).toEqual(readCommentBlock(carrying(value)));
    expect(fromText.record).toEqual(value);
    expect(fromText.constructPath).toBe("stack/api/role");
  });

  test("a text that is not JSON is a malformed record (WI111), not an absent one", () => {
    const block = readCommentBlock(carrying('{"schema": "cdktf-workload-identity/v1", "id": '));
    expect(block.record).toBeUndefined();
    expect(block.malformedRecord).toBe("the record is not valid JSON");
  });

  test("a text holding a record with a wrong field is reported with the field, and the id it states", () => {
    const block = readCommentBlock(carrying(JSON.stringify({ ...record(), ttlSeconds: "3600" })));
    expect(block.record).toBeUndefined();
    expect(block.malformedRecord).toBe("the record's ttlSeconds is not a number");
    expect(block.malformedRecordId).toBe(record().id);
  });

  test("a text holding JSON nested beyond the documents' limit is refused before anything walks it", () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const text = JSON.stringify({ ...record(), extra: "DEEP" }).replace('"DEEP"', deep);
    const block = readCommentBlock(carrying(text));
    expect(block.record).toBeUndefined();
    expect(block.malformedRecord).toBe("the record nests deeper than 100 levels");
  });

  test("a text that is JSON but not an object is refused as the object form would be", () => {
    expect(readCommentBlock(carrying('"a string"')).malformedRecord).toBe("the record is not an object");
    expect(readCommentBlock(carrying("[]")).malformedRecord).toBe(
      readCommentBlock(carrying([])).malformedRecord,
    );
  });
});

describe("every field of a record is checked", () => {
  // A record with every optional field set, so that each one is changed below.
  const full = (): Record<string, unknown> =>
    JSON.parse(
      JSON.stringify(
        record({
          secretsApprover: { name: "secrets", reference: "SEC-2", expiresOn: "2027-01-31" },
          subject: { kind: "github-environment", value: "repo:a/b:environment:prod", patternReason: "why" },
          audiences: { aws: ["sts.amazonaws.com"], vault: ["vault"] },
          scope: {
            aws: [
              {
                actions: ["s3:GetObject"],
                resources: ["arn:aws:s3:::b/*"],
                conditions: { StringEquals: { "aws:SourceVpc": ["vpc-1"] } },
              },
            ],
            vault: [{ path: "secret/data/x", capabilities: ["read"] }],
          },
          suppressions: [{ ruleId: "WI301", reason: "r", approver: "a", expiresOn: "2027-01-01" }],
          declaredAt: "main.ts:12",
        }),
      ),
    );

  /** The path of every value in the record below its top level. */
  function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (typeof value !== "object" || value === null) return [at];
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    return [...(at.length > 0 ? [at] : []), ...keys.flatMap((k) => paths((value as never)[k], [...at, k]))];
  }

  function replaced(path: (string | number)[], by: unknown): Record<string, unknown> {
    const copy = full();
    let parent = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    parent[path[path.length - 1]] = by;
    return copy;
  }

  test("the full record is well-formed", () => {
    expect(readCommentBlock(carrying(full())).malformedRecord).toBeUndefined();
    expect(readCommentBlock(carrying(full())).record).toEqual(full());
  });

  const wrong: unknown[] = [7, null, true, [], {}, "text", ["text"], [7], { a: 7 }];
  test.each(paths(full()).filter((p) => p[0] !== "schema" && p[0] !== "id"))(
    "a value of the wrong type at %j is refused",
    (...path) => {
      const original = path.reduce((v: unknown, k) => (v as never)[k], full());
      const sameType = (by: unknown) =>
        Array.isArray(original)
          ? Array.isArray(by) && (by.length === 0 || typeof by[0] === typeof original[0])
          : typeof by === typeof original && (by === null) === (original === null) && !Array.isArray(by);
      // Lists of texts stay well-formed with any texts, and maps of condition values with any keys.
      for (const by of wrong.filter((b) => !sameType(b) && !(isConditionMap(path) && isObjectOfLists(b)))) {
        const block = readCommentBlock(carrying(replaced(path, by)));
        expect([path, by, block.record]).toEqual([path, by, undefined]);
        expect(block.malformedRecord).toMatch(/^the record's /);
      }
    },
  );

  function isConditionMap(path: (string | number)[]): boolean {
    return path.includes("conditions") && path.length <= 6;
  }
  function isObjectOfLists(value: unknown): boolean {
    return (
      typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
    );
  }

  test.each([
    "owner",
    "approver",
    "issuer",
    "subject",
    "audiences",
    "scope",
    "suppressions",
    "description",
    "ttlSeconds",
  ])("a record without %s is refused", (field) => {
    const copy = full();
    delete copy[field];
    expect(readCommentBlock(carrying(copy)).malformedRecord).toMatch(/^the record's /);
  });

  test("optional fields may be left out", () => {
    const copy = full();
    for (const field of ["secretsApprover", "declaredAt"]) delete copy[field];
    delete (copy.audiences as Record<string, unknown>).aws;
    delete (copy.audiences as Record<string, unknown>).vault;
    delete (copy.subject as Record<string, unknown>).patternReason;
    delete ((copy.scope as { aws: Record<string, unknown>[] }).aws[0] as Record<string, unknown>).conditions;
    delete (copy.approver as Record<string, unknown>).expiresOn;
    expect(readCommentBlock(carrying(copy)).malformedRecord).toBeUndefined();
  });

  test("a field inherited rather than own is missing", () => {
    const copy = full();
    const owner = Object.create({ team: "payments" }) as Record<string, unknown>;
    owner.contact = "c@example.com";
    copy.owner = owner;
    expect(readCommentBlock(carrying(copy)).malformedRecord).toBe("the record's owner.team is not a string");
  });
});
