import { PolicyError } from "../errors/policy-errors";
import { isIsoDate } from "./calendar-date";
import { parseDurationText } from "./duration-text";
import type { OrgPolicy, ResolvedPolicy } from "./org-policy";
import { emptyRecord } from "./lookup-table";

const AWS_MAX_SESSION_SECONDS = 12 * 3600;
const STS_MIN_SESSION_SECONDS = 15 * 60;
const KNOWN_KEYS = new Set([
  "maxTtl",
  "minTtl",
  "maxSessionDuration",
  "allowedIssuers",
  "approvers",
  "severityOverrides",
  "today",
  "expiryWarningDays",
  "unknown",
]);
const SEVERITIES = new Set(["error", "warning", "note", "off"]);

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function stringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "");
}

/**
 * Validates an organisation policy (from code, context or a file: the input is untrusted JSON)
 * and applies defaults. Every problem is reported together.
 */
export function resolvePolicy(input: unknown, source = "policy"): ResolvedPolicy {
  const problems: string[] = [];
  if (input === undefined || input === null) input = {};
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new PolicyError(source, [
      `expected a JSON object, got ${Array.isArray(input) ? "an array" : typeof input}`,
    ]);
  }
  const policy = input as Record<keyof OrgPolicy, unknown> & Record<string, unknown>;
  for (const key of Object.keys(policy)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`unknown key "${key}"`);
  }
  const duration = (key: "maxTtl" | "minTtl" | "maxSessionDuration", fallback: number): number => {
    const value = policy[key];
    if (value === undefined) return fallback;
    if (typeof value !== "string" && typeof value !== "number") {
      problems.push(`${key}: expected a duration string or seconds, got ${JSON.stringify(value)}`);
      return fallback;
    }
    const parsed = parseDurationText(value);
    if ("error" in parsed) {
      problems.push(`${key}: ${parsed.error}`);
      return fallback;
    }
    return parsed.seconds;
  };
  const maxTtlSeconds = duration("maxTtl", AWS_MAX_SESSION_SECONDS);
  const minTtlSeconds = duration("minTtl", STS_MIN_SESSION_SECONDS);
  const maxSessionDurationSeconds = duration("maxSessionDuration", AWS_MAX_SESSION_SECONDS);
  if (minTtlSeconds > maxTtlSeconds)
    problems.push(`minTtl (${minTtlSeconds}s) is above maxTtl (${maxTtlSeconds}s)`);

  if (policy.allowedIssuers !== undefined && !stringList(policy.allowedIssuers)) {
    problems.push(`allowedIssuers: expected a list of issuer URLs`);
  }
  if (policy.approvers !== undefined && !stringList(policy.approvers)) {
    problems.push(`approvers: expected a list of approver names`);
  }
  const overrides = emptyRecord<ResolvedPolicy["severityOverrides"][string]>();
  if (policy.severityOverrides !== undefined) {
    if (typeof policy.severityOverrides !== "object" || policy.severityOverrides === null) {
      problems.push(`severityOverrides: expected an object of rule id -> error|warning|note|off`);
    } else {
      for (const [ruleId, severity] of Object.entries(policy.severityOverrides)) {
        if (!/^WI\d{3}$/.test(ruleId))
          problems.push(`severityOverrides: "${ruleId}" is not a rule id (WI + 3 digits)`);
        else if (typeof severity !== "string" || !SEVERITIES.has(severity)) {
          problems.push(
            `severityOverrides.${ruleId}: expected error, warning, note or off, got ${JSON.stringify(severity)}`,
          );
        } else overrides[ruleId] = severity as ResolvedPolicy["severityOverrides"][string];
      }
    }
  }
  if (policy.today !== undefined && !isIsoDate(policy.today)) {
    problems.push(`today: expected a date YYYY-MM-DD, got ${JSON.stringify(policy.today)}`);
  }
  const days = policy.expiryWarningDays;
  if (days !== undefined && !(typeof days === "number" && Number.isInteger(days) && days >= 0)) {
    problems.push(`expiryWarningDays: expected a whole number of days >= 0, got ${JSON.stringify(days)}`);
  }
  const unknownSeverity = policy.unknown ?? "error";
  if (unknownSeverity !== "error" && unknownSeverity !== "warning") {
    problems.push(`unknown: expected "error" or "warning", got ${JSON.stringify(policy.unknown)}`);
  }
  if (problems.length > 0) throw new PolicyError(source, problems);
  return {
    maxTtlSeconds,
    minTtlSeconds,
    maxSessionDurationSeconds,
    allowedIssuers: policy.allowedIssuers as readonly string[] | undefined,
    approvers: policy.approvers as readonly string[] | undefined,
    severityOverrides: overrides,
    today: typeof policy.today === "string" ? policy.today : todayUtc(),
    expiryWarningDays: typeof days === "number" ? days : 30,
    unknownSeverity: unknownSeverity as ResolvedPolicy["unknownSeverity"],
  };
}
