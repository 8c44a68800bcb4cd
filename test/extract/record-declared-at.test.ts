import { readCommentBlock } from "../../lib/extract/identity-record-reader";
import { RECORD_KEY } from "../../lib/model/record";
import { record } from "../rules/accountability/accountability-fixtures";

const withDeclaredAt = (declaredAt: unknown) => ({ "//": { [RECORD_KEY]: { ...record(), declaredAt } } });

describe("a record's declaredAt is read only as a repository-relative file:line", () => {
  test.each(["examples/app.ts:37", "src/stacks/payments.ts:1", "main.ts:120"])("accepts %s", (value) => {
    expect(readCommentBlock(withDeclaredAt(value)).record?.declaredAt).toBe(value);
  });

  test.each([
    "/home/ci/repo/main.ts:12",
    "C:\\repo\\main.ts:12",
    "../outside.ts:3",
    "src/../../etc/passwd:1",
    "file:///repo/main.ts:12",
    "main.ts",
    "main.ts:0",
    "main.ts:12\n[link](https://evil.example)",
    42,
  ])("refuses %j (the record is reported as malformed, WI111)", (value) => {
    const block = readCommentBlock(withDeclaredAt(value));
    expect(block.record).toBeUndefined();
    expect(block.malformedRecord).toContain("declaredAt is not a relative file:line");
  });
});
