import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";

export const WI113_ENFORCEMENT_SKIPPED: Rule = {
  id: "WI113",
  title: "Checks were skipped at synth",
  severity: "error",
  rationale:
    "The output was synthesized with `skipValidation: true`, so the synth-time checks did not run and nothing was blocked: " +
    "whatever this output holds was never enforced, and a deploy with `--skip-synth` or a `terraform plan` in its directory would use it as is. " +
    'The library records this in the stack\'s `"//"` so the bypass is never silent.',
  fix: "Synthesize without `skipValidation` (fix or suppress the findings the synth reports), or lower this rule's severity in the organisation policy if skipping is an accepted practice.",
  owasp: ["NHI5"],
  check({ graph }) {
    const results: RuleResult[] = [];
    for (const source of graph.sources) {
      if (!source.enforcementSkipped) continue;
      results.push({
        message: `Stack ${quote(source.stack ?? source.file)} was synthesized with validations skipped (skipValidation): checks were skipped at synth, nothing was enforced.`,
        location: {
          file: source.file,
          ...(source.stack !== undefined ? { stack: source.stack } : {}),
          address: "//",
        },
      });
    }
    return results;
  },
};
