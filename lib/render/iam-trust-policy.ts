import { conditionKeyPrefix } from "../model/issuer";
import { escapeTerraformTemplate } from "./terraform-string";

export interface TrustPolicyInput {
  /** ARN of the IAM OIDC provider (a Terraform reference is fine; it is never escaped). */
  readonly federatedPrincipal: string;
  /** Issuer URL, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuerUrl: string;
  readonly audience: string;
  /** Exact subject, or an IAM StringLike pattern when `subjectIsPattern`. */
  readonly subject: string;
  readonly subjectIsPattern: boolean;
}

export interface RenderOptions {
  /** Escape `${`/`%{` in user strings for a Terraform attribute. @default false */
  readonly escapeForTerraform?: boolean;
}

/**
 * The role's trust policy: AssumeRoleWithWebIdentity from one OIDC provider, pinned by
 * `StringEquals` on `<host>:aud` and `<host>:sub`. `StringLike` is used for the subject only when
 * the declaration asked for a pattern (`StringEquals` treats `*` literally).
 */
export function renderTrustPolicy(input: TrustPolicyInput, options: RenderOptions = {}): string {
  const text = options.escapeForTerraform ? escapeTerraformTemplate : (s: string) => s;
  const prefix = text(conditionKeyPrefix(input.issuerUrl));
  const audKey = `${prefix}:aud`;
  const subKey = `${prefix}:sub`;
  const condition: Record<string, Record<string, string>> = input.subjectIsPattern
    ? { StringEquals: { [audKey]: text(input.audience) }, StringLike: { [subKey]: text(input.subject) } }
    : { StringEquals: { [audKey]: text(input.audience), [subKey]: text(input.subject) } };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: input.federatedPrincipal },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: condition,
      },
    ],
  });
}
