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
