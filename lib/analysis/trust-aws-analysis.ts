import type { AwsRole, IdentityGraph } from "../model/graph";
import type { PolicyCondition, PolicyStatement } from "../model/iam-policy";
import { isUnknown } from "../model/unknown";
import { ActionList } from "./statement-actions";
import {
  conditionHasInterpolation,
  failsWhenKeyAbsent,
  pinningMatchKind,
  splitIssuerKey,
  type MatchKind,
} from "./trust-conditions";
import { claimNamesOf } from "../model/issuer";
import { resolveFederatedPrincipal } from "./trust-issuer";
import { awsRoleOccurrences, type PrincipalOccurrence } from "./trust-principals";
import { quote } from "./quote";
import { AnalysisMemo } from "./analysis-memo";

/** A condition that restricts one claim of the token to the values listed (all pins on a claim must hold). */
export interface ClaimPin {
  /** Lower-case claim name, e.g. `sub`. */
  readonly claim: string;
  readonly match: MatchKind;
  readonly values: readonly string[];
  readonly condition: PolicyCondition;
}

/**
 * How far one (statement, Federated principal) pair could be analysed. Exactly one rule reports
 * each non-`assumable` status, and the others skip it, so one defect yields one finding.
 */
export type WebIdentityStatus =
  /** Fully resolved; the trust rules evaluate it. */
  | "assumable"
  /** The Federated principal is not a valid provider (WI212). */
  | "malformed-principal"
  /** Principal or conditions not statically known (WI214). */
  | "unknown"
  /** A condition on another issuer's key fails for every token of this provider (WI205). */
  | "foreign-key-blocks";

/** One Federated principal of one `sts:AssumeRoleWithWebIdentity` Allow statement. */
export interface WebIdentityTrust {
  readonly occurrence: PrincipalOccurrence<AwsRole>;
  readonly statementIndex: number;
  readonly statement: PolicyStatement;
  /** The Federated value as written. */
  readonly principal: string;
  readonly status: WebIdentityStatus;
  /** Normalized issuer when resolved (`assumable` and `foreign-key-blocks`). */
  readonly issuer?: string;
  readonly problem?: string;
  readonly audiencePins: readonly ClaimPin[];
  readonly subjectPins: readonly ClaimPin[];
  /** Pins on any claim of this issuer (audience and subject included). */
  readonly claimPins: readonly ClaimPin[];
  /** Conditions whose key names a different issuer. */
  readonly foreignConditions: readonly PolicyCondition[];
}

/** The trust of one AWS role, analysed once per graph and shared by every trust rule. */
export interface RoleTrustAnalysis {
  readonly occurrence: PrincipalOccurrence<AwsRole>;
  /** Set when the role's trust cannot be evaluated in part or whole (WI214 reports it once). */
  readonly unknownReasons: readonly string[];
  readonly webIdentity: readonly WebIdentityTrust[];
  /** Indexes of Allow statements whose principal is `*` or `AWS: "*"` and that no principal condition narrows. */
  readonly anyPrincipalStatements: readonly number[];
}

const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";

/** Global keys that narrow a `*` principal to an account, organisation or principal ARN. */
const PRINCIPAL_NARROWING_KEYS = new Set([
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourceorgid",
]);

/** The ways to assume a role; bit 1 is the web-identity one. */
const ASSUME_ACTIONS = new ActionList(["sts:AssumeRole", WEB_IDENTITY_ACTION, "sts:AssumeRoleWithSAML"]);
const WEB_IDENTITY_BIT = 1 << ASSUME_ACTIONS.actions.indexOf(WEB_IDENTITY_ACTION);

function isAnyPrincipal(statement: PolicyStatement): boolean {
  // Indexed: `for...of` allocates per element before V8 optimizes this.
  for (let i = 0; i < statement.principals.length; i++) {
    const p = statement.principals[i];
    if (p.type === "*") return true;
    if (p.type === "AWS" && p.values.some((v) => v.trim() === "*")) return true;
  }
  return false;
}

/**
 * True when a condition narrows a `*` principal to known accounts or organisations: a narrowing key
 * under a string or ARN operator that fails when the key is absent (no `IfExists`: an absent
 * `aws:PrincipalOrgID` would otherwise pass for every principal outside any organisation), and
 * every value pins one account or organisation. Under `StringLike` / `ArnLike` a wildcard in the
 * organisation id, the account id, or the account field of an ARN (`arn:aws:iam::*:role/x`)
 * matches every account, so it narrows nothing
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 */
function narrowsPrincipal(statement: PolicyStatement): boolean {
  return statement.conditions.some((condition) => {
    const key = condition.key.toLowerCase();
    if (!PRINCIPAL_NARROWING_KEYS.has(key) || condition.values.length === 0) return false;
    const kind = principalConditionKind(condition.operator);
    if (kind === undefined) return false;
    return condition.values.every(
      (value) => value !== "*" && (kind === "literal" || pinsAccount(key, value)),
    );
  });
}

/** How a principal-narrowing operator compares: literally, or as a glob (`*`/`?`). */
function principalConditionKind(operator: string): "literal" | "glob" | undefined {
  const kind = pinningMatchKind(operator);
  if (kind === "glob") return "glob";
  if (kind !== undefined) return "literal";
  const arn = /^(?:ForAnyValue:)?Arn(Equals|Like)$/.exec(operator);
  if (!arn) return undefined;
  return arn[1] === "Like" ? "glob" : "literal";
}

/** True when a glob value can only match principals of one account or organisation. */
function pinsAccount(key: string, value: string): boolean {
  const wild = (text: string | undefined) => text === undefined || text === "" || /[*?]/.test(text);
  if (key === "aws:principalarn" || key === "aws:sourcearn") return !wild(value.split(":")[4]);
  if (key === "aws:principalorgpaths") return !wild(value.split("/")[0]);
  return !wild(value);
}

const NO_PINS: readonly ClaimPin[] = Object.freeze([]);
const NO_CONDITIONS: readonly PolicyCondition[] = Object.freeze([]);
const NO_TRUSTS: readonly WebIdentityTrust[] = Object.freeze([]);
const NO_REASONS: readonly string[] = Object.freeze([]);
const NO_INDEXES: readonly number[] = Object.freeze([]);

/** A (statement, principal) pair that was not resolved to an issuer, or is unknown. */
function unresolvedTrust(
  occurrence: PrincipalOccurrence<AwsRole>,
  statement: PolicyStatement,
  statementIndex: number,
  principal: string,
  status: "malformed-principal" | "unknown",
  problem: string,
  issuer?: string,
): WebIdentityTrust {
  return {
    occurrence,
    statement,
    statementIndex,
    principal,
    status,
    issuer,
    problem,
    audiencePins: NO_PINS,
    subjectPins: NO_PINS,
    claimPins: NO_PINS,
    foreignConditions: NO_CONDITIONS,
  };
}

function analyseWebIdentity(
  occurrence: PrincipalOccurrence<AwsRole>,
  statement: PolicyStatement,
  statementIndex: number,
  principal: string,
  graph: IdentityGraph,
): WebIdentityTrust {
  const resolved = resolveFederatedPrincipal(principal, occurrence.principal.location, graph);
  if (resolved.kind === "malformed")
    return unresolvedTrust(
      occurrence,
      statement,
      statementIndex,
      principal,
      "malformed-principal",
      resolved.problem,
    );
  if (resolved.kind === "unknown")
    return unresolvedTrust(occurrence, statement, statementIndex, principal, "unknown", resolved.reason);
  const issuer = resolved.issuer;
  const conditions = statement.conditions;
  // Indexed: `for...of` allocates per element before V8 optimizes this (once per trust).
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i];
    if (conditionHasInterpolation(condition)) {
      const problem = `the condition on ${quote(condition.key)} is not resolved`;
      return unresolvedTrust(occurrence, statement, statementIndex, principal, "unknown", problem, issuer);
    }
  }
  const names = claimNamesOf(issuer);
  // Lists made to size, counted first (the split keys and operators are memoized): the trusts are
  // kept until the rules end, and a list grown by a push keeps room for 17.
  let pinCount = 0;
  let audienceCount = 0;
  let subjectCount = 0;
  for (let i = 0; i < conditions.length; i++) {
    const key = splitIssuerKey(conditions[i].key);
    if (!key || key.issuer !== issuer || !pinningMatchKind(conditions[i].operator)) continue;
    pinCount++;
    if (key.claim === names.audience) audienceCount++;
    if (key.claim === names.subject) subjectCount++;
  }
  const claimPins = new Array<ClaimPin>(pinCount);
  const audiencePins = new Array<ClaimPin>(audienceCount);
  const subjectPins = new Array<ClaimPin>(subjectCount);
  pinCount = audienceCount = subjectCount = 0;
  let foreignConditions: PolicyCondition[] | undefined;
  let blocked = false;
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i];
    const key = splitIssuerKey(condition.key);
    if (!key) continue;
    if (key.issuer !== issuer) {
      (foreignConditions ??= []).push(condition);
      if (failsWhenKeyAbsent(condition.operator)) blocked = true;
      continue;
    }
    const match = pinningMatchKind(condition.operator);
    if (!match) continue;
    const pin: ClaimPin = { claim: key.claim, match, values: condition.values, condition };
    claimPins[pinCount++] = pin;
    if (pin.claim === names.audience) audiencePins[audienceCount++] = pin;
    if (pin.claim === names.subject) subjectPins[subjectCount++] = pin;
  }
  return {
    occurrence,
    statement,
    statementIndex,
    principal,
    status: blocked ? "foreign-key-blocks" : "assumable",
    issuer,
    problem: undefined,
    audiencePins: audienceCount > 0 ? audiencePins : NO_PINS,
    subjectPins: subjectCount > 0 ? subjectPins : NO_PINS,
    claimPins: pinCount > 0 ? claimPins : NO_PINS,
    foreignConditions: foreignConditions ?? NO_CONDITIONS,
  };
}

function analyseRole(occurrence: PrincipalOccurrence<AwsRole>, graph: IdentityGraph): RoleTrustAnalysis {
  const trust = occurrence.principal.trust;
  if (isUnknown(trust)) {
    return {
      occurrence,
      unknownReasons: [`the trust policy is not known: ${quote(trust.reason)}`],
      webIdentity: NO_TRUSTS,
      anyPrincipalStatements: NO_INDEXES,
    };
  }
  // Made at their first item (kept until the rules end; most roles list no reason and no
  // any-principal statement, and one trust: a list grown from empty keeps room for 17).
  let webIdentity: WebIdentityTrust[] | undefined;
  let anyPrincipalStatements: number[] | undefined;
  let unknownReasons: string[] | undefined;
  const statements = trust.statements;
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    const assumes = ASSUME_ACTIONS.allowedMask(statement);
    if (assumes !== 0 && isAnyPrincipal(statement)) {
      if (statement.conditions.some(conditionHasInterpolation)) {
        (unknownReasons ??= []).push(`a condition of the statement trusting any principal is not resolved`);
      } else if (!narrowsPrincipal(statement)) (anyPrincipalStatements ??= []).push(index);
    }
    if ((assumes & WEB_IDENTITY_BIT) === 0) continue;
    for (let p = 0; p < statement.principals.length; p++) {
      const federated = statement.principals[p];
      if (federated.type !== "Federated") continue;
      if (federated.values.length === 0)
        (unknownReasons ??= []).push("the Federated principal is empty (known only after apply)");
      for (let v = 0; v < federated.values.length; v++) {
        const value = federated.values[v];
        const analysed = analyseWebIdentity(occurrence, statement, index, value, graph);
        if (analysed.status === "unknown" && analysed.problem) (unknownReasons ??= []).push(analysed.problem);
        if (webIdentity) webIdentity.push(analysed);
        else webIdentity = [analysed];
      }
    }
  }
  return {
    occurrence,
    unknownReasons: unknownReasons ?? NO_REASONS,
    webIdentity: webIdentity ?? NO_TRUSTS,
    anyPrincipalStatements: anyPrincipalStatements ?? NO_INDEXES,
  };
}

const cache = new AnalysisMemo<IdentityGraph, readonly RoleTrustAnalysis[]>();

/** The trust analysis of every AWS role in the graph (computed once per graph). */
export function analyseAwsTrust(graph: IdentityGraph): readonly RoleTrustAnalysis[] {
  let analysis = cache.get(graph);
  if (!analysis) {
    analysis = awsRoleOccurrences(graph).map((occurrence) => analyseRole(occurrence, graph));
    cache.set(graph, analysis);
  }
  return analysis;
}

const BY_STATUS = new AnalysisMemo<IdentityGraph, Map<WebIdentityStatus, readonly WebIdentityTrust[]>>();

/** Every web-identity trust with the given status, across all roles (listed once per graph and status). */
export function webIdentityTrusts(
  graph: IdentityGraph,
  status: WebIdentityStatus,
): readonly WebIdentityTrust[] {
  let byStatus = BY_STATUS.get(graph);
  if (!byStatus) BY_STATUS.set(graph, (byStatus = new Map()));
  let trusts = byStatus.get(status);
  if (!trusts) {
    const found: WebIdentityTrust[] = [];
    // Indexed: `for...of` allocates per element before V8 optimizes this.
    const roles = analyseAwsTrust(graph);
    for (let i = 0; i < roles.length; i++) {
      const trusts = roles[i].webIdentity;
      for (let j = 0; j < trusts.length; j++) if (trusts[j].status === status) found.push(trusts[j]);
    }
    byStatus.set(status, (trusts = Object.freeze(found)));
  }
  return trusts;
}
