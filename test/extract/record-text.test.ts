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
