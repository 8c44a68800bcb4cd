import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError, describeFileSystemError } from "../../lib/errors/input-errors";
import { MAX_INPUT_BYTES, findJsonSyntaxError, loadInputs } from "../../lib/cli/load-inputs";

const FIXTURES = path.join(__dirname, "..", "fixtures", "cli");
let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wi-load-"));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function write(relative: string, content: string): string {
  const file = path.join(tmp, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** The InputError thrown for `paths`: its message must be one line naming `file`. */
function inputError(paths: string[], file: string): InputError {
  let thrown: unknown;
  try {
    loadInputs(paths);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  const error = thrown as InputError;
  expect(error.message).not.toContain("\n");
  expect(error.file).toBe(file);
  expect(error.message.startsWith(`${file}: `)).toBe(true);
  return error;
}

describe("loadInputs: accepted inputs", () => {
  test("a cdktf.out directory yields every stack named in manifest.json, with its stack name", () => {
    const dir = path.join(FIXTURES, "app-out");
    const docs = loadInputs([dir]);
    expect(docs.map((d) => [d.stack, d.file, d.format])).toEqual([
      ["alpha", path.join(dir, "stacks/alpha/cdk.tf.json"), "terraform-json"],
      ["beta", path.join(dir, "stacks/beta/cdk.tf.json"), "terraform-json"],
    ]);
    expect(docs[0].text).toContain('"alpha/good-api"');
    expect((docs[0].json as { terraform: unknown }).terraform).toBeDefined();
  });

  test("a directory with stacks/*/cdk.tf.json but no manifest yields each stack by directory name", () => {
    write("stacks/one/cdk.tf.json", '{"terraform": {}}');
    write("stacks/two/cdk.tf.json", '{"resource": {}}');
    expect(loadInputs([tmp]).map((d) => d.stack)).toEqual(["one", "two"]);
  });

  test("a *.tf.json file and a plan JSON file are classified by content", () => {
    const docs = loadInputs([path.join(FIXTURES, "clean.tf.json"), path.join(FIXTURES, "plan.json")]);
    expect(docs.map((d) => [path.basename(d.file), d.format, d.stack])).toEqual([
      ["clean.tf.json", "terraform-json", undefined],
      ["plan.json", "plan-json", undefined],
    ]);
  });

  test("the same file given twice is read once", () => {
    const file = path.join(FIXTURES, "clean.tf.json");
    expect(loadInputs([file, file])).toHaveLength(1);
  });

  test("a UTF-8 byte order mark is accepted", () => {
    const file = write("bom.tf.json", '\ufeff{"terraform": {}}');
    expect(loadInputs([file])[0].format).toBe("terraform-json");
  });

  test("ASCII and UTF-8 text read the same way: the text kept and the values parsed are the file's characters", () => {
    const ascii = '{"resource": {"aws_iam_role": {"r": {"name": "plain"}}}}';
    const utf8 = '{"resource": {"aws_iam_role": {"r": {"name": "équipe \u00e9 ✓ 😀"}}}}';
    const [a] = loadInputs([write("a.tf.json", ascii)]);
    const [b] = loadInputs([write("b.tf.json", utf8)]);
    expect(a.text).toBe(ascii);
    expect(b.text).toBe(utf8);
    expect(
      (b.json as { resource: { aws_iam_role: { r: { name: string } } } }).resource.aws_iam_role.r.name,
    ).toBe("équipe é ✓ 😀");
  });
});

describe("loadInputs: bad input is one line naming the file", () => {
  test("missing path", () => {
    const missing = path.join(tmp, "nope");
    expect(inputError([missing], missing).problem).toBe("does not exist");
  });

  test("empty directory", () => {
    expect(inputError([tmp], tmp).problem).toMatch(/empty directory/);
  });

  test("directory with unrelated files", () => {
    write("README.md", "hi");
    expect(inputError([tmp], tmp).problem).toMatch(/no manifest\.json/);
  });

  test("manifest naming a missing stack file", () => {
    const manifest = write(
      "manifest.json",
      JSON.stringify({ stacks: { gone: { synthesizedStackPath: "stacks/gone/cdk.tf.json" } } }),
    );
    expect(inputError([tmp], manifest).problem).toMatch(
      /stacks\/gone\/cdk\.tf\.json.*"gone".*does not exist/,
    );
  });

  test("manifest pointing outside its directory", () => {
    write("outside.tf.json", '{"terraform": {}}');
    const manifest = write(
      "out/manifest.json",
      JSON.stringify({ stacks: { x: { synthesizedStackPath: "../outside.tf.json" } } }),
    );
    expect(inputError([path.join(tmp, "out")], manifest).problem).toMatch(/outside the directory/);
  });

  test("manifest without stacks", () => {
    const manifest = write("manifest.json", JSON.stringify({ version: "0.21.0" }));
    expect(inputError([tmp], manifest).problem).toMatch(/not a cdktf manifest/);
  });

  test("stack directory without cdk.tf.json", () => {
    fs.mkdirSync(path.join(tmp, "stacks", "half"), { recursive: true });
    const expected = path.join(tmp, "stacks", "half", "cdk.tf.json");
    expect(inputError([tmp], expected).problem).toMatch(/no cdk\.tf\.json/);
  });

  test("truncated JSON names line and column of the end", () => {
    const file = write("cut.tf.json", '{\n  "resource": {\n    "aws_iam_role": {\n      "r": { "name": "x"');
    expect(inputError([file], file).problem).toBe(
      "is not valid JSON: unexpected end of input at line 4, column 25 (truncated?)",
    );
  });

  test("a syntax error names its line and column, without quoting the content", () => {
    const file = write(
      "broken.tf.json",
      '{\n  "resource": {\n    "aws_iam_role": { "r": { "name": } }\n  }\n}\n',
    );
    const error = inputError([file], file);
    expect(error.problem).toBe("is not valid JSON: unexpected character at line 3, column 38");
    expect(error.message).not.toContain("aws_iam_role");
  });

  test("non-JSON content", () => {
    const file = write("main.tf", 'resource "aws_iam_role" "r" {}\n');
    expect(inputError([file], file).problem).toMatch(
      /^is not valid JSON: unexpected character at line 1, column 1$/,
    );
  });

  test("empty file", () => {
    const file = write("empty.tf.json", "  \n");
    expect(inputError([file], file).problem).toMatch(/is empty/);
  });

  test("JSON of another shape", () => {
    const file = path.join(FIXTURES, "other-shape.json");
    expect(inputError([file], file).problem).toBe(
      'is JSON of another shape, neither Terraform JSON nor a Terraform plan (unexpected top-level keys: "name", "version")',
    );
  });

  test("an empty object and a JSON array are not Terraform", () => {
    const object = write("empty-object.json", "{}");
    expect(inputError([object], object).problem).toMatch(/an empty object/);
    const array = write("array.json", "[1,2]");
    expect(inputError([array], array).problem).toMatch(/JSON an array/);
  });

  test("Terraform state is not a plan", () => {
    const file = path.join(FIXTURES, "state.json");
    expect(inputError([file], file).problem).toMatch(/state JSON, not a plan/);
  });

  test("a file over the size limit is refused before it is read (sparse file)", () => {
    const file = path.join(tmp, "huge.tf.json");
    fs.writeFileSync(file, "");
    fs.truncateSync(file, MAX_INPUT_BYTES + 1);
    expect(inputError([file], file).problem).toMatch(/above the 64 MiB input limit/);
  });

  test("a manifest naming a directory reports it", () => {
    fs.mkdirSync(path.join(tmp, "stacks", "dir", "cdk.tf.json"), { recursive: true });
    const manifest = write(
      "manifest.json",
      JSON.stringify({ stacks: { dir: { synthesizedStackPath: "stacks/dir/cdk.tf.json" } } }),
    );
    void manifest;
    const file = path.join(tmp, "stacks", "dir", "cdk.tf.json");
    expect(inputError([tmp], file).problem).toMatch(/is a directory/);
  });

  test("unreadable files are described (permission error codes)", () => {
    expect(describeFileSystemError({ code: "EACCES" })).toBe("cannot be read (permission denied)");
    expect(describeFileSystemError({ code: "EPERM" })).toBe("cannot be read (permission denied)");
    expect(describeFileSystemError({ code: "EIO" })).toBe("cannot be read (EIO)");
  });

  // Root can read anything, so this one runs only for ordinary users.
  (process.getuid?.() === 0 ? test.skip : test)("an unreadable file on disk", () => {
    const file = write("secret.tf.json", '{"terraform": {}}');
    fs.chmodSync(file, 0o000);
    expect(inputError([file], file).problem).toBe("cannot be read (permission denied)");
  });
});

describe("findJsonSyntaxError", () => {
  test.each([
    ['{"a": 1}', -1],
    ['[1, 2, {"b": [true, false, null]}]', -1],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{"a": 01}', 7],
    ['"\\x"', 2],
    ['{"a": 1} x', 9],
    ["", 0],
    ['{"a": "\u0001"}', 7],
  ])("%j -> %d", (text, offset) => {
    expect(findJsonSyntaxError(text)).toBe(offset);
  });

  test("deep nesting does not overflow the stack", () => {
    expect(findJsonSyntaxError("[".repeat(200000))).toBe(200000);
  });
});
