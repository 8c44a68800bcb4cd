// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const PURE_ENGINE = [
  "lib/model/**",
  "lib/pattern/**",
  "lib/extract/**",
  "lib/rules/**",
  "lib/analysis/**",
  "lib/engine/**",
  "lib/formats/**",
  "lib/review/**",
  "lib/cli/**",
  "lib/declaration/**",
  "lib/render/**",
];

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "cdktf.out/**", "coverage/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Root imports of the provider packages load hundreds of MB; deep paths only.
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message: "Import by deep path, e.g. @cdktf/provider-aws/lib/iam-role.",
            },
            {
              name: "@cdktf/provider-vault",
              message: "Import by deep path, e.g. @cdktf/provider-vault/lib/policy.",
            },
          ],
        },
      ],
    },
  },
  {
    // Keys from input ("constructor", "__proto__", "toString") must never reach Object.prototype:
    // string-keyed tables are Maps (lookupTable) and records built from input have no prototype
    // (emptyRecord), both in lib/model/lookup-table.ts.
    files: ["lib/**/*.ts", "bin/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "VariableDeclarator[id.name=/^[A-Z][A-Z0-9_]*$/] > Identifier.id TSTypeReference[typeName.name='Record'] > TSTypeParameterInstantiation > TSStringKeyword:first-child",
          message:
            "A constant table keyed by any string finds Object.prototype members for keys like 'constructor': declare it with lookupTable() (a Map).",
        },
        {
          selector:
            "VariableDeclarator[init.type='ObjectExpression'][init.properties.length=0] > Identifier.id TSTypeReference[typeName.name='Record'] > TSTypeParameterInstantiation > TSStringKeyword:first-child",
          message:
            "A string-keyed record built with {} lets a '__proto__' key replace its prototype: start from emptyRecord() or use a Map.",
        },
        {
          selector:
            "VariableDeclarator[init.type='ObjectExpression'][init.properties.length=0] > Identifier.id TSIndexSignature",
          message:
            "A string-keyed record built with {} lets a '__proto__' key replace its prototype: start from emptyRecord() or use a Map.",
        },
      ],
    },
  },
  {
    // The pure engine must stay free of cdktf, constructs and provider bindings.
    files: PURE_ENGINE,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["cdktf", "cdktf/*", "constructs", "@cdktf/provider-*"],
              message: "The pure engine must not import cdktf.",
            },
          ],
        },
      ],
    },
  },
);
