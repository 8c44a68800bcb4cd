import type { Maybe } from "./unknown";

/**
 * An IAM policy document normalised from JSON (inline policy, managed policy, trust policy or
 * `data.aws_iam_policy_document`). Single strings become one-element arrays; values are kept as
 * written, so a `${...}` that could not be resolved is still visible (see `hasInterpolation`).
 */
export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

export type PrincipalType = "AWS" | "Service" | "Federated" | "CanonicalUser" | "*";

export interface PolicyPrincipal {
  /** `*` for `"Principal": "*"`. */
  readonly type: PrincipalType;
  readonly values: readonly string[];
}

export interface PolicyCondition {
  /** e.g. `StringEquals`, `StringLike`, `ForAnyValue:StringLike`, `StringEqualsIfExists`. */
  readonly operator: string;
  /** Condition key as written, e.g. `token.actions.githubusercontent.com:sub`. */
  readonly key: string;
  readonly values: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principals: readonly PolicyPrincipal[];
  readonly notPrincipals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

export type MaybeDocument = Maybe<PolicyDocument>;
