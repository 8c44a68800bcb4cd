import { parse } from "@cdktf/hcl2json";
import { accountabilityFromVaultPolicy, VAULT_HEADER_PREFIX } from "../../lib/model/vault-policy-header";
import { hclString, renderVaultPolicy } from "../../lib/render/vault-policy-hcl";
import { identityRecord } from "./record-fixture";

/** Parses HCL back to `path -> capabilities`, failing on any other top-level key or block key. */
async function pathsOf(hcl: string): Promise<Record<string, string[]>> {
  const json = (await parse("policy.hcl", hcl)) as { path?: Record<string, Array<Record<string, unknown>>> };
  expect(Object.keys(json)).toEqual(["path"]);
  const result: Record<string, string[]> = {};
  for (const [path, blocks] of Object.entries(json.path ?? {})) {
    expect(blocks).toHaveLength(1);
    expect(Object.keys(blocks[0])).toEqual(["capabilities"]);
    result[path] = blocks[0].capabilities as string[];
  }
  return result;
}

const HOSTILE = [
  '"}\npath "sys/*" {\n  capabilities = ["sudo"]\n}\n#',
  '${file("/etc/passwd")}',
  "%{ if true }x%{ endif }",
  "line\u2028break\u2029and\r\nmore",
  '\\"',
];

describe("renderVaultPolicy", () => {
  test("GIVEN grants WHEN rendered THEN HCL parses to exactly those paths and capabilities", async () => {
    const record = identityRecord({
      scope: {
        aws: [],
        vault: [
          { path: "secret/data/payments/api", capabilities: ["read"] },
          { path: "secret/metadata/payments/+/x*", capabilities: ["read", "list"] },
          { path: "secret/data/payments/api", capabilities: ["update"] },
        ],
      },
    });
    const hcl = renderVaultPolicy(record);
    expect(await pathsOf(hcl)).toEqual({
      "secret/data/payments/api": ["read", "update"],
      "secret/metadata/payments/+/x*": ["read", "list"],
    });
    expect(hcl.split("\n")[0].startsWith(VAULT_HEADER_PREFIX)).toBe(true);
  });

  test.each(HOSTILE)(
    "GIVEN hostile free text %j in owner, contact, description WHEN rendered THEN it stays in the header comment",
    async (hostile) => {
      const record = identityRecord({
        description: hostile,
        owner: { team: hostile, contact: hostile },
        approver: { name: hostile, reference: hostile },
        issuer: { ...identityRecord().issuer, owner: { team: hostile, contact: hostile } },
      });
      const hcl = renderVaultPolicy(record);
      expect(await pathsOf(hcl)).toEqual({ "secret/data/payments/api": ["read"] });
      const lines = hcl.split("\n");
      // One header line, then exactly the three lines of the one path block, then the final newline.
      expect(lines).toHaveLength(5);
      expect(lines.slice(1)).toEqual([
        'path "secret/data/payments/api" {',
        '  capabilities = ["read"]',
        "}",
        "",
      ]);
      expect(accountabilityFromVaultPolicy(hcl)?.description).toBe(hostile);
      expect(accountabilityFromVaultPolicy(hcl)?.owner?.team).toBe(hostile);
    },
  );

  test.each(['secret/a" {', "secret/${x}", "secret/a\nb", "secret/*/x", "secret/../sys"])(
    "GIVEN an invalid path %j in a hand-built record WHEN rendered THEN it is refused",
    (path) => {
      const record = identityRecord({ scope: { aws: [], vault: [{ path, capabilities: ["read"] }] } });
      expect(() => renderVaultPolicy(record)).toThrow(/refusing to render Vault path/);
    },
  );

  test("an unknown capability in a hand-built record is refused", () => {
    const record = identityRecord({
      scope: { aws: [], vault: [{ path: "secret/a", capabilities: ["root"] }] },
    });
    expect(() => renderVaultPolicy(record)).toThrow(/refusing to render Vault capability "root"/);
  });
});

describe("hclString", () => {
  // hcl2json decodes block labels (attribute values keep their template escapes), so the quoted
  // string is read back as a label: exactly one block, whose label is the original text.
  test.each(HOSTILE)("GIVEN %j WHEN quoted THEN HCL reads back the same string", async (value) => {
    const json = (await parse("x.hcl", `path ${hclString(value)} {\n}\n`)) as {
      path: Record<string, unknown>;
    };
    expect(Object.keys(json)).toEqual(["path"]);
    expect(Object.keys(json.path)).toEqual([value]);
  });
});
