import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { webIdentityTrusts } from "../../analysis/trust-aws-analysis";
import { trustSourcesRelated } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";

export const WI202_NO_SUBJECT_PIN: Rule = {
  id: "WI202",
  title: "Web-identity trust without subject pin",
  severity: "error",
  rationale:
    "Without a condition on the subject claim every workload the issuer serves (every repository, project or service account) can assume the role.",
  fix: "Add `StringEquals` on `<issuer>:sub` naming the one workload (repository and ref, service account, workspace).",
  owasp: ["NHI6", "NHI9"],
  check({ graph }) {
    const results: RuleResult[] = [];
    for (const trust of webIdentityTrusts(graph, "assumable")) {
      if (trust.subjectPins.length > 0) continue;
      const role = trust.occurrence.principal;
      results.push({
        message: `Role ${quoteLocation(role.location)} accepts tokens from ${quote(trust.issuer ?? trust.principal)} for any subject.`,
        location: role.location,
        ...trustSourcesRelated(role),
        identityIds: trust.occurrence.identityIds,
        key: trust.principal,
      });
    }
    return results;
  },
};
