import type { AwsGrantRecord } from "../model/record";
import type { RenderOptions } from "./iam-trust-policy";
import { escapeTerraformTemplate, escapeTerraformTemplateKeepingTokens } from "./terraform-string";

/** AWS limit for all inline policies of one role, whitespace not counted (IAM quotas page). */
export const INLINE_POLICY_MAX_CHARS = 10240;

/** The inline permission policy: one Allow statement per grant, in declaration order. */
export function renderPermissionPolicy(
  grants: readonly AwsGrantRecord[],
  options: RenderOptions = {},
): string {
  const text = options.escapeForTerraform ? escapeTerraformTemplate : (s: string) => s;
  // Resources and condition values may be references (`${bucket.arn}/*`), which cdktf resolves.
  const value = options.escapeForTerraform ? escapeTerraformTemplateKeepingTokens : (s: string) => s;
  const statements = grants.map((grant, index) => {
    const statement: Record<string, unknown> = {
      Sid: `Grant${index}`,
      Effect: "Allow",
      Action: grant.actions.map(text),
      Resource: grant.resources.map(value),
    };
    if (grant.conditions !== undefined && Object.keys(grant.conditions).length > 0) {
      statement.Condition = Object.fromEntries(
        Object.entries(grant.conditions).map(([operator, keys]) => [
          text(operator),
          Object.fromEntries(Object.entries(keys).map(([key, values]) => [text(key), values.map(value)])),
        ]),
      );
    }
    return statement;
  });
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Size as AWS counts it: characters without whitespace. */
export function policySize(policyJson: string): number {
  return policyJson.replace(/\s/g, "").length;
}
