import { scanForAccessKeys } from "../../lib/extract/hard-coded-keys";
import { LineIndex, withLazyLine } from "../../lib/extract/line-index";
import type { StaticCredential } from "../../lib/model/graph";

describe("line numbers on demand", () => {
  test("GIVEN a location with a lazy line WHEN it is never read THEN the file is not indexed; when read, once", () => {
    let calls = 0;
    const location = withLazyLine({ file: "a.tf.json", address: "aws_iam_role.r" }, () => {
      calls++;
      return 7;
    });
    expect(calls).toBe(0);
    expect(location.line).toBe(7);
    expect(JSON.parse(JSON.stringify(location))).toEqual({
      file: "a.tf.json",
      address: "aws_iam_role.r",
      line: 7,
    });
    expect({ ...location }.line).toBe(7);
    expect(calls).toBe(1);
  });

  test("GIVEN a line that cannot be found THEN the location has none", () => {
    const location = withLazyLine({ file: "a.tf.json", address: "x.y" }, () => undefined);
    expect(location.line).toBeUndefined();
    expect(JSON.stringify(location)).toBe('{"file":"a.tf.json","address":"x.y"}');
  });

  test("GIVEN a text WHEN keys are found and lines asked THEN lines are 1-based and exact", () => {
    const text = '{\n  "resource": {\n    "aws_iam_role": {\n      "r": {}\n    }\n  }\n}\n';
    const index = new LineIndex(text);
    const type = index.findKey("aws_iam_role", index.findKey("resource"));
    expect(index.lineAt(type)).toBe(3);
    expect(index.lineAt(index.findKey("r", type))).toBe(4);
    expect(index.lineAt(text.length)).toBe(8);
  });
});

describe("hard-coded access keys", () => {
  test("GIVEN keys at nested paths WHEN scanned THEN each is reported with its attribute path, masked", () => {
    const out: StaticCredential[] = [];
    scanForAccessKeys(
      {
        "//": { note: "AKIAIOSFODNN7EXAMPLE" },
        environment: [{ variables: { KEY: "AKIAIOSFODNN7EXAMPLE" } }],
        user_data: "export KEY=ASIAIOSFODNN7EXAMPLE1 ASIAIOSFODNN7EXAMPLE",
        description: "no key here, only AKIA as a word",
      },
      { file: "f", address: "aws_instance.i" },
      new Set(),
      out,
    );
    expect(out.map((c) => c.detail)).toEqual([
      "AWS access key ID AKIA…MPLE is written in environment[0].variables.KEY",
      "AWS access key ID ASIA…MPLE is written in user_data",
    ]);
  });

  test("GIVEN a key at the top level of a list THEN the path starts with the index", () => {
    const out: StaticCredential[] = [];
    scanForAccessKeys(["AKIAIOSFODNN7EXAMPLE"], { file: "f", address: "a.b" }, new Set(), out);
    expect(out.map((c) => c.detail)).toEqual(["AWS access key ID AKIA…MPLE is written in [0]"]);
  });
});
