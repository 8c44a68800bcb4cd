/**
 * When a conditioned `Deny` certainly applies to a principal, decided from the principal's own
 * known facts only (its ARN, account, type and IAM tags), never from the request.
 *
 * A Deny applies only when its whole `Condition` element is true: every operator block and every
 * key in it must match (AND); the values of one key are alternatives (OR)
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_logic_multiple-context-keys-or-values.html).
 * Subtracting a Deny whose condition may be false would under-report, so a Deny subtracts only when
 * this module answers "certainly true". Decidable keys
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 *
 * - `aws:PrincipalArn`: the ARN of the role (not the session) or user making the request;
 * - `aws:PrincipalAccount`: the account the principal belongs to;
 * - `aws:PrincipalType`: `AssumedRole` for a role session, `User` for an IAM user;
 * - `aws:PrincipalTag/KEY`: the principal's IAM tags, but only when the role's trust policy allows
 *   no `sts:TagSession`: session tags (and transitive tags of a chain) override the role's tags
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html). A tag absent from the
 *   input may still come from provider default tags, so absence is not decided.
 *
 * These keys are always present for an IAM principal, so `...IfExists` changes nothing; a negated
 * operator (`StringNotEquals`, `ArnNotLike`, ...) is true when no value matches; `Null` tests
 * presence (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * Every other key (`aws:SourceIp`, `aws:RequestedRegion`, `aws:MultiFactorAuthPresent`, ...) depends
 * on the request, and every set-qualified (`ForAnyValue:`/`ForAllValues:`) or other operator is not
 * decided: the Deny then subtracts nothing.
 */
import type { AwsRole, AwsUser, Identity, IdentityGraph } from "../model/graph";
import type { PolicyCondition } from "../model/iam-policy";
import { UNKNOWN_ACCOUNT, hasInterpolation, isUnknown } from "../model/unknown";
import { arnPatternMatches, arnPatternsOverlap } from "../pattern/arn";
import { globMatches, globMatchesIgnoreCase, globsOverlap, hasIamPolicyVariable } from "../pattern/glob";
import { lookupTable } from "../model/lookup-table";
import { principalOfReference } from "./aws-principal-match";
import { allowsAction } from "./statement-actions";

/** What a policy condition can know about one principal of an identity. */
interface PrincipalFacts {
  readonly principal: AwsRole | AwsUser;
  readonly type: "AssumedRole" | "User";
  /** The ARN, with {@link UNKNOWN_ACCOUNT} when the account is not known; undefined when the name is not known. */
  readonly arn?: string;
  /** Tags a condition may read, undefined when session tags may replace them or they are unknown. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Concrete stand-ins for the unknown account: a pattern matching both matches every account (its
 * account field can hold no literal character, as no character is in both).
 */
const ACCOUNT_STAND_INS = ["111111111111", "222222222222"];

/**
 * The role's ARN (`arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns),
 * with {@link UNKNOWN_ACCOUNT} when the account is known only after apply. A role whose ARN is not
 * in the input is taken to be in the `aws` partition, the convention of every ARN the engine
 * computes from configuration (extract/computed-arns.ts).
 */
function roleArnTemplate(role: AwsRole): string | undefined {
  if (typeof role.arn === "string" && !hasInterpolation(role.arn)) return role.arn;
  if (typeof role.name !== "string" || hasInterpolation(role.name)) return undefined;
  const path = role.path && !hasInterpolation(role.path) ? role.path : "/";
  const slashed = `${path.startsWith("/") ? "" : "/"}${path}${path.endsWith("/") ? "" : "/"}`;
  return `arn:aws:iam::${UNKNOWN_ACCOUNT}:role${slashed}${role.name}`;
}

/** True when the role's trust lets a caller pass session tags (which then replace its IAM tags). */
function acceptsSessionTags(role: AwsRole): boolean {
  if (isUnknown(role.trust)) return true;
  return role.trust.statements.some((statement) => allowsAction(statement, "sts:TagSession"));
}

function factsOf(identity: Identity): PrincipalFacts[] {
  return [
    ...identity.awsRoles.map((role): PrincipalFacts => ({
      principal: role,
      type: "AssumedRole",
      arn: roleArnTemplate(role),
      tags: isUnknown(role.tags) || acceptsSessionTags(role) ? undefined : role.tags,
    })),
    // A user's path is not in the model, so its ARN is not known exactly.
    ...identity.awsUsers.map((user): PrincipalFacts => ({ principal: user, type: "User" })),
  ];
}

/** The concrete values the template stands for, as far as matching can tell them apart. */
function concreteValues(template: string): string[] {
  if (!template.includes(UNKNOWN_ACCOUNT)) return [template];
  return ACCOUNT_STAND_INS.map((account) => template.replaceAll(UNKNOWN_ACCOUNT, account));
}

type Match = "yes" | "no" | "maybe";

type Comparison = "equals" | "equals-ignore-case" | "like" | "arn";

const OPERATORS = lookupTable<{ comparison: Comparison; negated: boolean }>({
  StringEquals: { comparison: "equals", negated: false },
  StringNotEquals: { comparison: "equals", negated: true },
  StringEqualsIgnoreCase: { comparison: "equals-ignore-case", negated: false },
  StringNotEqualsIgnoreCase: { comparison: "equals-ignore-case", negated: true },
  StringLike: { comparison: "like", negated: false },
  StringNotLike: { comparison: "like", negated: true },
  ArnEquals: { comparison: "arn", negated: false },
  ArnLike: { comparison: "arn", negated: false },
  ArnNotEquals: { comparison: "arn", negated: true },
  ArnNotLike: { comparison: "arn", negated: true },
});

function matchesConcrete(comparison: Comparison, written: string, value: string): boolean {
  switch (comparison) {
    case "equals":
      return written === value;
    case "equals-ignore-case":
      return written.toLowerCase() === value.toLowerCase();
    case "like":
      return globMatches(written, value);
    case "arn":
      return arnPatternMatches(written, value);
  }
}

/** Whether a written value matches a principal value known up to placeholders. */
function matchTemplate(comparison: Comparison, written: string, template: string): Match {
  if (hasIamPolicyVariable(written)) return "maybe";
  const values = concreteValues(template);
  if (values.every((value) => matchesConcrete(comparison, written, value))) return "yes";
  const widened = template.replaceAll(UNKNOWN_ACCOUNT, "*");
  const mayMatch =
    widened === template
      ? false
      : comparison === "arn"
        ? arnPatternsOverlap(written, widened)
        : comparison === "like"
          ? globsOverlap(written, widened)
          : comparison === "equals-ignore-case"
            ? globMatchesIgnoreCase(widened, written)
            : globMatches(widened, written);
  return mayMatch ? "maybe" : "no";
}

/** `${aws_iam_role.x.arn}` names one principal: the same one, or certainly another. */
function matchReference(
  written: string,
  facts: PrincipalFacts,
  stack: string | undefined,
  graph: IdentityGraph,
): Match {
  if (!/\.arn\}$/.test(written)) return "maybe";
  const named = principalOfReference(written, stack, graph);
  if (named === undefined) return "maybe";
  return named === facts.principal ? "yes" : "no";
}

/** Whether the principal's value for an always-present key matches one written value. */
function valueMatch(
  key: string,
  comparison: Comparison,
  written: string,
  facts: PrincipalFacts,
  stack: string | undefined,
  graph: IdentityGraph,
): Match {
  if (key === "aws:principalarn") {
    if (hasInterpolation(written)) return matchReference(written, facts, stack, graph);
    return facts.arn === undefined ? "maybe" : matchTemplate(comparison, written, facts.arn);
  }
  if (hasInterpolation(written)) return "maybe";
  if (key === "aws:principalaccount") {
    const account = facts.arn?.split(":")[4];
    return account === undefined || comparison === "arn"
      ? "maybe"
      : matchTemplate(comparison, written, account);
  }
  if (key === "aws:principaltype")
    return comparison === "arn" ? "maybe" : matchTemplate(comparison, written, facts.type);
  return "maybe";
}

/** The IAM tag a `aws:PrincipalTag/KEY` condition reads (tag keys compare without case), when decidable. */
function principalTag(key: string, facts: PrincipalFacts): string | undefined {
  if (!facts.tags) return undefined;
  const wanted = key.slice("aws:principaltag/".length);
  const found = Object.keys(facts.tags).find((tag) => tag.toLowerCase() === wanted);
  return found === undefined ? undefined : facts.tags[found];
}

/** True when one condition is certainly true for the principal. */
function conditionHolds(
  condition: PolicyCondition,
  facts: PrincipalFacts,
  stack: string | undefined,
  graph: IdentityGraph,
): boolean {
  const key = condition.key.toLowerCase();
  const isTag = key.startsWith("aws:principaltag/");
  const decidableKey =
    isTag || key === "aws:principalarn" || key === "aws:principalaccount" || key === "aws:principaltype";
  if (!decidableKey || condition.values.length === 0) return false;
  if (condition.operator === "Null") {
    // Only presence can be decided: these keys are present for every IAM principal, a tag when known.
    const present = isTag ? principalTag(key, facts) !== undefined : true;
    return present && condition.values.every((value) => value.toLowerCase() === "false");
  }
  const spec = OPERATORS.get(condition.operator.replace(/IfExists$/, ""));
  if (!spec) return false;
  const matches = condition.values.map((written): Match => {
    if (!isTag) return valueMatch(key, spec.comparison, written, facts, stack, graph);
    const tag = principalTag(key, facts);
    if (tag === undefined || hasInterpolation(written) || spec.comparison === "arn") return "maybe";
    return matchTemplate(spec.comparison, written, tag);
  });
  return spec.negated ? matches.every((m) => m === "no") : matches.some((m) => m === "yes");
}

/**
 * True when every condition of a statement is certainly true for every AWS principal of the
 * identity (an identity with no AWS principal: false). `stack` is where the policy was written
 * (references in condition values resolve there).
 */
export function conditionsCertainlyHold(
  conditions: readonly PolicyCondition[],
  identity: Identity,
  stack: string | undefined,
  graph: IdentityGraph,
): boolean {
  if (conditions.length === 0) return true;
  const facts = factsOf(identity);
  return (
    facts.length > 0 &&
    facts.every((fact) => conditions.every((condition) => conditionHolds(condition, fact, stack, graph)))
  );
}
