import { formatNamesFor } from "../formats/formats";

export const PROGRAM = "cdktf-workload-identity";

export const USAGE = {
  main: `usage: ${PROGRAM} <check|review|inventory|rules> [options]  (${PROGRAM} <command> --help for details)`,
  check: `usage: ${PROGRAM} check PATH... [--policy FILE] [--var-file FILE]... [--format ${formatNamesFor("check").join("|")}] [--output FILE]`,
  review: `usage: ${PROGRAM} review --base PATH --head PATH [--policy FILE] [--var-file FILE]... [--format ${formatNamesFor("review").join("|")}] [--output FILE]`,
  inventory: `usage: ${PROGRAM} inventory PATH... [--policy FILE] [--var-file FILE]... [--format ${formatNamesFor("inventory").join("|")}] [--output FILE]`,
  rules: `usage: ${PROGRAM} rules [--format ${formatNamesFor("rules").join("|")}] [--output FILE]`,
} as const;

const PATHS = `PATH is a cdktf.out directory (every stack in manifest.json), a directory with stacks/*/cdk.tf.json,
a directory of *.tf.json files (one Terraform module: overrides, terraform.tfvars.json, *.auto.tfvars.json
and local modules apply; HCL files are not read and are reported), a cdk.tf.json or *.tf.json file, or
Terraform plan JSON (terraform show -json PLANFILE).`;
const COMMON = `  --policy FILE   organisation policy as JSON (same keys as in code: maxTtl, minTtl, maxSessionDuration,
                  allowedIssuers, approvers, severityOverrides, today, expiryWarningDays, unknown)
  --var-file FILE JSON variable values for Terraform JSON modules, after their own tfvars (repeatable;
                  later files win, as with terraform -var-file)
  --output FILE   write the report to FILE instead of standard output
  -h, --help      show this help`;

export const HELP = {
  main: `${USAGE.main}

Reviews AWS IAM OIDC roles and Vault JWT roles (workload identities) in CDK for Terraform output or
Terraform plans: owner, approver, TTL, scope, trust binding, and credential paths shared between workloads.

Commands:
  check      report findings; exit 1 when any finding blocks
  review     compare a PR's base and head: identity changes and the findings the PR introduces
  inventory  who owns, issues and approved each identity
  rules      the rule catalog

Exit codes: 0 no blocking findings, 1 blocking findings, 2 usage or input error.
`,
  check: `${USAGE.check}

Evaluates every rule over the inputs (all paths form one app, so identities in different stacks are
compared). ${PATHS}

Options:
  --format F      ${formatNamesFor("check").join(", ")} (default text)
${COMMON}

Exit codes: 0 no blocking findings, 1 blocking findings, 2 usage or input error.
`,
  review: `${USAGE.review}

The pull-request view: identities added, removed and changed (TTL raised, scope or trust widened,
owner or approver changed, approvals or suppressions expiring), findings new in head, fixed and
unchanged, and an accountability table. Only findings the PR introduces block.
${PATHS}

Options:
  --base PATH     the synthesized output (or plan) of the target branch
  --head PATH     the synthesized output (or plan) of the PR
  --format F      ${formatNamesFor("review").join(", ")} (default markdown)
${COMMON}

Exit codes: 0 no new blocking findings, 1 the PR introduces blocking findings, 2 usage or input error.
`,
  inventory: `${USAGE.inventory}

Lists every identity with its owner team and contact, issuer and issuer owner, approver, reference and
expiry, secrets approver, TTL, subject, and where the accountability came from
(record, tags, header, or none). ${PATHS}

Options:
  --format F      ${formatNamesFor("inventory").join(", ")} (default table)
${COMMON}
`,
  rules: `${USAGE.rules}

Prints the rule catalog (RULES.md is this command's markdown output).

Options:
  --format F      ${formatNamesFor("rules").join(", ")} (default text)
  --output FILE   write to FILE instead of standard output
  -h, --help      show this help
`,
} as const;
