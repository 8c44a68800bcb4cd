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
  semantics: [
    "Terraform JSON is read as Terraform reads it: all `*.tf.json` files of a directory are one module, so references resolve across files (https://developer.hashicorp.com/terraform/language/files, https://developer.hashicorp.com/terraform/language/syntax/json).",
    "`override.tf.json` and `*_override.tf.json` are merged after the primary files, in lexical order: each argument or nested block type an override sets replaces the original's, `lifecycle` argument by argument, `locals` value by value (https://developer.hashicorp.com/terraform/language/files/override).",
    "Root variables take the last of: default, `terraform.tfvars.json`, `*.auto.tfvars.json` in lexical order, `--var-file` files in order; a variable without a value, or with HCL variable files present (not read), is unknown (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).",
    "A `module` block with a local source is read from its directory, its arguments evaluated in the caller as the module's variables; its resources are addressed `module.NAME[KEY].…` (https://developer.hashicorp.com/terraform/language/modules/sources#local-paths, https://developer.hashicorp.com/terraform/language/modules/syntax).",
    '`count` and `for_each` with keys known statically create one instance per key, addressed `type.name[0]` / `type.name["key"]`, with `count.index`, `each.key` and `each.value` substituted; other keys are unknown (https://developer.hashicorp.com/terraform/language/meta-arguments/count, https://developer.hashicorp.com/terraform/language/meta-arguments/for_each).',
    "In plan JSON, resources whose change is a delete (without create) are gone, a replacement counts once, and `after_unknown` values are unknown (https://developer.hashicorp.com/terraform/internals/json-format#change-representation).",
  ],
  check({ graph }) {
    return graph.unknowns.map((item) => ({
      message: `Resource ${quoteLocation(item.location)}: ${quote(item.expression)} ${item.reason} — needs review.`,
      location: item.location,
      unknown: true,
      key: item.expression,
    }));
  },
};
