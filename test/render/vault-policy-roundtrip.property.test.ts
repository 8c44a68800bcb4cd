/**
 * Property: whatever free text an identity carries (owner, contact, approver, description: any
 * Unicode, including quotes, braces, newlines, `${`, `%{`, line separators), the generated Vault
 * policy grants exactly the declared paths and capabilities, read back both by HCL's own parser
 * (`@cdktf/hcl2json`) and by the reviewer's parser, and the header returns the text unchanged.
 */
import { parse } from "@cdktf/hcl2json";
import fc from "fast-check";
import { parseVaultPolicy } from "../../lib/extract/vault-policy-hcl";
import { accountabilityFromVaultPolicy } from "../../lib/model/vault-policy-header";
import type { VaultGrantRecord } from "../../lib/model/record";
import { isUnknown } from "../../lib/model/unknown";
import { mergeVaultGrants, renderVaultPolicy } from "../../lib/render/vault-policy-hcl";
import { identityRecord } from "./record-fixture";

const CAPABILITIES = ["create", "read", "update", "patch", "delete", "list", "sudo", "deny"];

// Valid Vault paths only (".." anywhere is refused by validation, see the example tests).
const segment = fc.stringMatching(/^[a-z0-9_.-]{1,8}$/).filter((s) => s !== "." && !s.includes(".."));
const vaultPath = fc
  .tuple(
    fc.array(fc.oneof({ weight: 4, arbitrary: segment }, { weight: 1, arbitrary: fc.constant("+") }), {
      minLength: 1,
      maxLength: 5,
    }),
    fc.boolean(),
  )
  .map(([segments, glob]) => `${segments.join("/")}${glob ? "*" : ""}`);
const grant: fc.Arbitrary<VaultGrantRecord> = fc.record({
  path: vaultPath,
  capabilities: fc.subarray(CAPABILITIES, { minLength: 1 }),
});
const freeText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('"', "}", "{", "\n", "\r", "$", "%", "#", "\\", "\u2028", "*", "/", "a"),
    maxLength: 30,
  }),
);
interface Declaration {
  grants: VaultGrantRecord[];
  description: string;
  team: string;
  contact: string;
  approver: string;
}
const declaration: fc.Arbitrary<Declaration> = fc.record({
  grants: fc.array(grant, { minLength: 1, maxLength: 6 }),
  description: freeText,
  team: freeText,
  contact: freeText,
  approver: freeText,
});

function recordOf(input: Declaration) {
  return identityRecord({
    description: input.description,
    owner: { team: input.team, contact: input.contact },
    approver: { name: input.approver, reference: input.approver },
    scope: { aws: [], vault: input.grants },
  });
}

const sorted = (rules: readonly { path: string; capabilities: readonly string[] }[]) =>
  Object.fromEntries(
    rules
      .map((r) => [r.path, [...r.capabilities].sort()])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );

test("the reviewer's parser reads back exactly the declared grants and header (10,000 cases)", () => {
  fc.assert(
    fc.property(declaration, (input) => {
      const hcl = renderVaultPolicy(recordOf(input));
      const rules = parseVaultPolicy(hcl);
      if (isUnknown(rules)) throw new Error(rules.reason);
      expect(sorted(rules)).toEqual(sorted(mergeVaultGrants(input.grants)));
      const header = accountabilityFromVaultPolicy(hcl);
      expect(header?.description).toBe(input.description === "" ? undefined : input.description);
      expect(header?.owner?.team).toBe(input.team === "" ? undefined : input.team);
    }),
    { numRuns: 10000 },
  );
});

test("HCL's own parser reads back exactly the declared grants (300 cases)", async () => {
  await fc.assert(
    fc.asyncProperty(declaration, async (input) => {
      const hcl = renderVaultPolicy(recordOf(input));
      const json = (await parse("policy.hcl", hcl)) as {
        path?: Record<string, Array<{ capabilities: string[] }>>;
      };
      expect(Object.keys(json)).toEqual(["path"]);
      const read = Object.entries(json.path ?? {}).map(([path, blocks]) => {
        expect(blocks).toHaveLength(1);
        return { path, capabilities: blocks[0].capabilities };
      });
      expect(sorted(read)).toEqual(sorted(mergeVaultGrants(input.grants)));
    }),
    { numRuns: 300 },
  );
});
