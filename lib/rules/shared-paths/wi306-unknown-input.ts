import type { Rule } from "../rule";
import { quote, quoteLocation } from "../../analysis/quote";

export const WI306_UNKNOWN_INPUT: Rule = {
  id: "WI306",
  title: "A value deciding principals or attachments is unknown — needs review",
  severity: "error",
  rationale:
    "Which principals exist and which principal a policy is attached to decide every reach and sharing verdict. An " +
    "unresolved reference, a non-literal `for_each`/`count` or a module that cannot be read there could hide a shared " +
    "credential path, so it fails closed (organisation policy `unknown` may lower it to a warning).",
  fix:
    "Write the value so it is known at plan time (a literal, a variable with a value in tfvars, a reference to a resource " +
    "in the same module), or review the plan (`terraform show -json`) where Terraform has resolved it.",
  owasp: ["NHI5", "NHI9"],
  check({ graph }) {
    return graph.unknowns.map((item) => ({
      message: `Resource ${quoteLocation(item.location)}: ${quote(item.expression)} ${item.reason} — needs review.`,
      location: item.location,
      unknown: true,
      key: item.expression,
    }));
  },
};
