import { scanForAccessKeys } from "../../lib/extract/hard-coded-keys";
import {
  LineCounter,
  LineIndex,
  findKey,
  locationWithLine,
  withLazyLine,
} from "../../lib/extract/line-index";
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

describe("locations with a line found on demand", () => {
  test("GIVEN locations sharing one line source WHEN read THEN the line is an own enumerable key after the others, asked for its own key only when read", () => {
    const asked: string[] = [];
    const lines = {
      lineOf: (key: string) => {
        asked.push(key);
        return key === "r" ? 4 : 9;
      },
    };
    const plain = locationWithLine("a.tf.json", undefined, "aws_iam_role.r", undefined, lines, "r");
    const full = locationWithLine("a.tf.json", "s", "aws_iam_role.q[0]", "s/q", lines, "q");
    expect(asked).toEqual([]);
    expect(Object.keys(plain)).toEqual(["file", "address", "line"]);
    expect(Object.keys(full)).toEqual(["file", "stack", "address", "constructPath", "line"]);
    expect(JSON.stringify(plain)).toBe('{"file":"a.tf.json","address":"aws_iam_role.r","line":4}');
    expect({ ...full }).toEqual({
      file: "a.tf.json",
      stack: "s",
      address: "aws_iam_role.q[0]",
      constructPath: "s/q",
      line: 9,
    });
    expect(asked).toEqual(["r", "q"]);
    expect("stack" in plain).toBe(false);
  });

  test("GIVEN no line WHEN serialised THEN the location has none", () => {
    const location = locationWithLine("f", undefined, "x.y", undefined, { lineOf: () => undefined }, 0);
    expect(location.line).toBeUndefined();
    expect(JSON.stringify(location)).toBe('{"file":"f","address":"x.y"}');
  });
});

describe("keys and lines in JSON text", () => {
  test("GIVEN a key followed by white space of any kind, then a colon THEN it is found; as a value or beyond 16 characters, not", () => {
    const text = '{"k": "r", "r"\u00a0\u2028 :1, "far"                 :2, "r"  :3}';
    expect(findKey(text, "r", 0)).toBe(text.indexOf('"r"\u00a0'));
    expect(findKey(text, "r", text.indexOf(":1"))).toBe(text.lastIndexOf('"r"'));
    expect(findKey(text, "far", 0)).toBe(-1);
    expect(findKey(text, "k", -1)).toBe(-1);
    expect(findKey('{"a\\"b": 1}', 'a"b', 0)).toBe(1);
  });

  test("GIVEN offsets asked forwards, backwards and past the end THEN each line is the one a table of line starts gives", () => {
    const text = '\n{\n  "a": 1,\n\n  "b": [\n    2\n  ]\n}\n';
    const table = new LineIndex(text);
    const counter = new LineCounter(text);
    const offsets = [5, 0, 1, text.length, 12, 2, 12, 13, text.length + 3, 0, 7, 6];
    for (const offset of offsets)
      expect([offset, counter.lineAt(offset)]).toEqual([offset, table.lineAt(offset)]);
  });
});
