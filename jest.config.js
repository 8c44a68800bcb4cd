/** Unit tests are transpiled by SWC (no type-checking here; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The packed-package test packs and installs (a minute or more): `npm run test:package`.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/package/"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  testTimeout: 60000,
};
