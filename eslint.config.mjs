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

/** Root imports of the provider packages load hundreds of MB; deep paths only. */
const PROVIDER_ROOTS = [
  { name: "@cdktf/provider-aws", message: "Import by deep path, e.g. @cdktf/provider-aws/lib/iam-role." },
  { name: "@cdktf/provider-vault", message: "Import by deep path, e.g. @cdktf/provider-vault/lib/policy." },
];

/** Selectors that keep input keys away from Object.prototype (see the first lib block below). */
const PROTOTYPE_SAFETY = [
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
];

/** Message text built with JSON.stringify inside a template literal. */
const MESSAGE_QUOTING = {
  selector:
    "TemplateLiteral > CallExpression.expressions[callee.object.name='JSON'][callee.property.name='stringify']",
  message:
    "Quote input in messages with quote() (lib/model/unsafe-text via lib/analysis/quote): it escapes bidi and invisible characters.",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      "jsii/dist/**",
      "jsii/dist-lang/**",
      "jsii/node_modules/**",
      "cdktf.out/**",
      "coverage/**",
      "**/*.js",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { paths: PROVIDER_ROOTS }],
    },
  },
  {
    // Keys from input ("constructor", "__proto__", "toString") must never reach Object.prototype:
    // string-keyed tables are Maps (lookupTable) and records built from input have no prototype
    // (emptyRecord), both in lib/model/lookup-table.ts.
    files: ["lib/**/*.ts", "bin/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...PROTOTYPE_SAFETY] },
  },
  {
    // Rule messages quote input with the one helper (issue 8): JSON.stringify leaves bidi and
    // invisible characters raw. ESLint replaces, not merges, a rule's options: repeat the above.
    files: ["lib/rules/**/*.ts", "lib/analysis/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...PROTOTYPE_SAFETY, MESSAGE_QUOTING] },
  },
  ...layerBoundaries(),
);

/**
 * Import boundaries of the layers (issue 8, CONTRIBUTING.md). ESLint does not merge the patterns of
 * two blocks for the same file, so each folder gets one block with every boundary it is under.
 */
function layerBoundaries() {
  const NO_CDKTF = {
    group: ["cdktf", "cdktf/*", "constructs", "@cdktf/provider-*"],
    message: "The pure engine must not import cdktf.",
  };
  const NO_DECLARATION = {
    group: ["**/declaration/*"],
    message: "render must not import declaration: move the shared fact to lib/model.",
  };
  const NO_ENGINE = {
    group: ["**/engine/*"],
    message: "declaration and constructs must not import engine: move the shared fact to lib/model.",
  };
  const NO_FS = {
    group: ["fs", "fs/*", "node:fs", "node:fs/*"],
    message: "analysis, rules and engine read no files: file discovery is lib/cli/load-inputs.ts.",
  };
  const extra = {
    "lib/render/**": [NO_DECLARATION],
    "lib/declaration/**": [NO_ENGINE],
    "lib/analysis/**": [NO_FS],
    "lib/rules/**": [NO_FS],
    "lib/engine/**": [NO_FS],
  };
  const blocks = PURE_ENGINE.map((folder) => ({
    files: [folder],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: PROVIDER_ROOTS, patterns: [NO_CDKTF, ...(extra[folder] ?? [])] },
      ],
    },
  }));
  blocks.push({
    files: ["lib/constructs/**"],
    rules: { "no-restricted-imports": ["error", { paths: PROVIDER_ROOTS, patterns: [NO_ENGINE] }] },
  });
  return blocks;
}
