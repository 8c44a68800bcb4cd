/** The packed-package test (`npm run test:package`, run by .ci/run): packs and installs, so not in `npm test`. */
module.exports = {
  ...require("./jest.config"),
  testPathIgnorePatterns: [],
  testMatch: ["**/test/package/**/*.test.ts"],
  testTimeout: 300000,
};
