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
