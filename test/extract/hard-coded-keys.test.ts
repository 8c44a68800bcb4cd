import { buildGraph } from "../../lib/extract/build-graph";
import { jsonTextMayHoldAccessKeys, moduleMayHoldAccessKeys } from "../../lib/extract/hard-coded-keys";
import type { InputDocument, ModuleSource } from "../../lib/extract/input-document";

/** A stack read as the CLI reads it: the parsed JSON with its text. */
function stack(text: string): InputDocument {
  return { file: "cdk.tf.json", stack: "s", format: "terraform-json", json: JSON.parse(text), text };
}

function keysIn(input: InputDocument): string[] {
  return buildGraph([input])
    .staticCredentials.filter((c) => c.kind === "hard-coded-aws-key")
    .map((c) => `${c.location.address} ${c.detail}`);
}

const lambda = (environment: string) =>
  `{"resource": {"aws_lambda_function": {"fn": {"function_name": "f", "environment": {"variables": {"KEY": ${environment}}}}}}}`;

describe("hard-coded key IDs in a document read with its text", () => {
  test("GIVEN a key written as it is WHEN extracted THEN it is found", () => {
    expect(keysIn(stack(lambda('"AKIAABCDEFGHIJKLMNOP"')))).toEqual([
      "aws_lambda_function.fn AWS access key ID AKIA…MNOP is written in environment.variables.KEY",
    ]);
  });

  test("GIVEN a key spelled with \\u escapes WHEN extracted THEN it is found as in the parsed value", () => {
    expect(keysIn(stack(lambda('"\\u0041KI\\u0041ABCDEFGHIJKLMNOP"')))).toEqual([
      "aws_lambda_function.fn AWS access key ID AKIA…MNOP is written in environment.variables.KEY",
    ]);
    expect(keysIn(stack(lambda('"ASI\\u0041ABCDEFGHIJKLMNOP"')))).toEqual([
      "aws_lambda_function.fn AWS access key ID ASIA…MNOP is written in environment.variables.KEY",
    ]);
  });

  test("GIVEN a text that does not match its JSON (a key only in the JSON) WHEN extracted without the text THEN it is found", () => {
    const input = stack(lambda('"AKIAABCDEFGHIJKLMNOP"'));
    const { text: _unused, ...withoutText } = input;
    expect(keysIn(withoutText)).toHaveLength(1);
  });

  test("the text may hold a key when it writes a prefix or any \\u escape, and only then", () => {
    expect(jsonTextMayHoldAccessKeys('{"a": "x AKIA"}')).toBe(true);
    expect(jsonTextMayHoldAccessKeys('{"a": "ASIA"}')).toBe(true);
    expect(jsonTextMayHoldAccessKeys('{"a": "\\u0020"}')).toBe(true);
    expect(jsonTextMayHoldAccessKeys('{"a": "AKI\\"A", "b": "\\\\n AK IA"}')).toBe(false);
  });
});

describe("hard-coded key IDs in a module read with its texts", () => {
  const moduleOf = (
    file: string,
    text: string,
    children: ModuleSource["children"] = new Map(),
  ): ModuleSource => ({
    dir: "d",
    files: [{ file, json: JSON.parse(text), text }],
    variableFiles: [],
    notRead: [],
    children,
  });
  const root = (child: ModuleSource): InputDocument => {
    const text = '{"module": {"m": {"source": "./m"}}}';
    const module = moduleOf("main.tf.json", text, new Map([["./m", child]]));
    return { file: "d", format: "terraform-json", json: {}, module };
  };

  test("GIVEN a key spelled with \\u escapes in a called module WHEN extracted THEN it is found", () => {
    const child = moduleOf("m/main.tf.json", lambda('"\\u0041KIAABCDEFGHIJKLMNOP"'));
    expect(moduleMayHoldAccessKeys(root(child).module!)).toBe(true);
    expect(keysIn(root(child))).toEqual([
      "module.m.aws_lambda_function.fn AWS access key ID AKIA…MNOP is written in environment.variables.KEY",
    ]);
  });

  test("GIVEN texts without a prefix or escape WHEN checked THEN the module holds no key; a file without text may", () => {
    const clean = moduleOf("m/main.tf.json", lambda('"not a key"'));
    expect(moduleMayHoldAccessKeys(root(clean).module!)).toBe(false);
    const withoutText: ModuleSource = { ...clean, files: [{ file: "m/x.tf.json", json: {} }] };
    expect(moduleMayHoldAccessKeys(root(withoutText).module!)).toBe(true);
    expect(
      moduleMayHoldAccessKeys(root({ ...clean, children: new Map([["./y", { problem: "gone" }]]) }).module!),
    ).toBe(false);
  });
});
