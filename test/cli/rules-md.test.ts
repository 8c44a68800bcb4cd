import * as fs from "node:fs";
import * as path from "node:path";
import { renderRulesMarkdown } from "../../lib/formats/markdown-format";
import { RULE_CATALOG } from "../../lib/rules/catalog";
import { runCli } from "./support/run-cli";

const RULES_MD = path.join(__dirname, "..", "..", "RULES.md");

describe("RULES.md", () => {
  test("is exactly the output of `rules --format markdown` (regenerate: node dist/bin/cdktf-workload-identity.js rules --format markdown --output RULES.md)", () => {
    const run = runCli(["rules", "--format", "markdown"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(renderRulesMarkdown(RULE_CATALOG));
    expect(fs.readFileSync(RULES_MD, "utf8")).toBe(run.stdout);
  });

  test("lists every catalog rule once, with a section each", () => {
    const text = fs.readFileSync(RULES_MD, "utf8");
    for (const rule of RULE_CATALOG) {
      expect(text.split(`\n## ${rule.id}\n`)).toHaveLength(2);
    }
  });
});
