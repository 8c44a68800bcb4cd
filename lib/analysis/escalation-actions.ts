/**
 * IAM actions that let a principal raise its own privileges (create credentials for others,
 * rewrite policies, change who may assume a role). `iam:PassRole` and `sts:AssumeRole` are
 * escalation only on a wildcard role resource: scoped to one role they are ordinary delegation.
 */
export const ESCALATION_ACTIONS: readonly string[] = [
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:PutUserPolicy",
  "iam:PutGroupPolicy",
  "iam:PutRolePolicy",
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:UpdateAssumeRolePolicy",
];

/** Escalation only when granted on every role. */
export const WILDCARD_ROLE_ESCALATION_ACTIONS: readonly string[] = ["iam:PassRole", "sts:AssumeRole"];

/** True for `*`, or a role ARN pattern whose role part is a bare wildcard (`arn:aws:iam::123:role/*`). */
export function isWildcardRoleResource(resource: string): boolean {
  return /^\*+$/.test(resource) || /^arn:[^:]*:iam::[^:]*:role\/\*+$/i.test(resource);
}

/** Every escalation action, lower-cased, for quick membership tests. */
export const ALL_ESCALATION_ACTIONS: ReadonlySet<string> = new Set(
  [...ESCALATION_ACTIONS, ...WILDCARD_ROLE_ESCALATION_ACTIONS].map((action) => action.toLowerCase()),
);
