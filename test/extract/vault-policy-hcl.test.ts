import { parseVaultPolicy } from "../../lib/extract/vault-policy-hcl";
import { isUnknown } from "../../lib/model/unknown";

describe("parseVaultPolicy", () => {
  test("GIVEN paths with comments and other keys WHEN parsed THEN exactly the paths and capabilities", () => {
    const text = [
      '# cdktf-workload-identity v1: {"id":"x"}',
      "// line comment",
      "/* block",
      '   path "hidden/in/comment" { capabilities = ["sudo"] } */',
      'path "secret/data/app/*" {',
      '  capabilities = ["read", "list"]',
      '  allowed_parameters = { "key" = [], other = ["a", "b"] }',
      "  min_wrapping_ttl = 60",
      "  required_parameters = []",
      "}",
      'path "secret/+/team" { capabilities = ["create"], denied_parameters { "x" = [] } }',
      'path "sys/*" {',
      '  policy = "sudo"',
      "}",
      'path "auth/token/create" {}',
    ].join("\n");
    expect(parseVaultPolicy(text)).toEqual([
      { path: "secret/data/app/*", capabilities: ["read", "list"] },
      { path: "secret/+/team", capabilities: ["create"] },
      { path: "sys/*", capabilities: ["create", "read", "update", "delete", "list", "sudo"] },
      { path: "auth/token/create", capabilities: [] },
    ]);
  });

  test("GIVEN escapes in a path WHEN parsed THEN the path is decoded", () => {
    expect(parseVaultPolicy('path "a\\"b\\u0041" { capabilities = ["deny"] }')).toEqual([
      { path: 'a"bA', capabilities: ["deny"] },
    ]);
  });

  test.each([
    ['path "a" {\n capabilities = ["read"\n', /expected "," or "\]"/],
    ['path "a" { capabilities = "read" }', /capabilities on line 1 must be a list of strings/],
    ['path a { capabilities = ["read"] }', /path on line 1 must be a quoted string/],
    ['key "a" { }', /expected a path block on line 1/],
    ['path "a" { capabilities = [read] }', /expressions are not supported/],
    ['path "a" {\n capabilities = <<EOT\nread\nEOT\n}', /unexpected character "<" on line 2/],
    ['path "unterminated { }', /unterminated string on line 1/],
    ['path "a" { capabilities = ["read"] } /* open', /unterminated comment/],
    ['path "a" { policy = "everything" }', /policy on line 1 must be deny, read, write or sudo/],
  ])("GIVEN invalid policy %s WHEN parsed THEN Unknown with the reason", (text, reason) => {
    const rules = parseVaultPolicy(text);
    expect(isUnknown(rules)).toBe(true);
    expect(isUnknown(rules) && rules.reason).toMatch(reason);
  });
});

describe("parseVaultPolicy tokens", () => {
  const reason = (text: string): string => {
    const result = parseVaultPolicy(text);
    if (!isUnknown(result)) throw new Error("expected unknown");
    return result.reason;
  };

  test("GIVEN a comment as the last line, without a line break WHEN parsed THEN it is skipped", () => {
    expect(parseVaultPolicy('path "a" { capabilities = ["read"] }\n# last')).toEqual([
      { path: "a", capabilities: ["read"] },
    ]);
  });

  test("GIVEN a line comment WHEN parsed THEN line numbers go on after it", () => {
    expect(reason('# header\n// more\npath "a" { capabilities = ["read"] }\n!')).toBe(
      'Vault policy could not be parsed: unexpected character "!" on line 4',
    );
  });

  test("GIVEN a string broken by a line end WHEN parsed THEN it is unterminated on its own line", () => {
    expect(reason('\npath "a\nb" { }')).toBe(
      "Vault policy could not be parsed: unterminated string on line 2",
    );
  });

  test("GIVEN an escape after plain text in a string WHEN parsed THEN the whole string is decoded", () => {
    expect(parseVaultPolicy('path "plain/\\tx\\\\" { capabilities = ["read"] }')).toEqual([
      { path: "plain/\tx\\", capabilities: ["read"] },
    ]);
  });

  test("GIVEN an identifier longer than 200 characters WHEN parsed THEN its rest is read as the next token", () => {
    const key = `k${"-".repeat(199)}tail_1`;
    expect(reason(`path "a" { ${key} = "x" }`)).toBe(
      'Vault policy could not be parsed: expected "=" on line 1, found "tail_1"',
    );
  });

  test("GIVEN an error of structure before an unreadable token WHEN parsed THEN the token's error is given", () => {
    expect(reason('path "a" { capabilities = [read] }\npath "b" { capabilities = ["read"] } @')).toBe(
      'Vault policy could not be parsed: unexpected character "@" on line 2',
    );
    expect(reason('key "a" { }\npath "b\n')).toBe(
      "Vault policy could not be parsed: unterminated string on line 2",
    );
  });

  test("GIVEN an error of structure and only readable tokens WHEN parsed THEN the structure's error is given", () => {
    expect(reason('path "a" { capabilities = [read] }\npath "b" { capabilities = ["read"] }')).toBe(
      'Vault policy could not be parsed: expressions are not supported (line 1: "read")',
    );
  });

  test("GIVEN capabilities listed twice or repeated WHEN parsed THEN each is kept once, first first", () => {
    expect(
      parseVaultPolicy(
        'path "a" { capabilities = ["read", "list", "read"] }\npath "b" { capabilities = ["list"]\n capabilities = ["read", "list"] }',
      ),
    ).toEqual([
      { path: "a", capabilities: ["read", "list"] },
      { path: "b", capabilities: ["list", "read"] },
    ]);
  });

  test("GIVEN identifiers with digits, dashes and underscores and negative numbers WHEN parsed THEN they are read whole", () => {
    expect(
      parseVaultPolicy('path "a" { min_wrapping-ttl2 = -15.5, _x = 3\n capabilities = ["read"] }'),
    ).toEqual([{ path: "a", capabilities: ["read"] }]);
  });
});
