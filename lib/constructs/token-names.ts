import type { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { ValidationProblem } from "../errors/validation-errors";
import type { IdentityRecord } from "../model/record";
import { terraformCore } from "./terraform-core";

const STRING_TOKEN = /\$\{TfToken\[[A-Za-z0-9_.]+\]\}/g;

/**
 * Problems as a reader wants them: every cdktf token in a received value (`${TfToken[TOKEN.2]}`)
 * replaced by the Terraform expression it stands for (`${aws_s3_bucket.artifacts.arn}`), which
 * names the referenced resource and attribute.
 */
export function withTokensNamed(
  scope: IConstruct,
  problems: readonly ValidationProblem[],
): ValidationProblem[] {
  const stack = terraformCore().TerraformStack.of(scope);
  return problems.map((problem) =>
    problem.received.includes("${TfToken[")
      ? {
          ...problem,
          received: problem.received.replace(STRING_TOKEN, (token) => expressionOf(stack, token)),
        }
      : problem,
  );
}

/**
 * The record with the references its grants carry (resources, condition values) written as the
 * Terraform expressions cdktf wrote into the stack, so the record says what the policy says.
 * Records without references are returned as they are (the common case costs one scan).
 */
export function withReferencesResolved(stack: TerraformStack, record: IdentityRecord): IdentityRecord {
  const { Token } = terraformCore();
  const carriesTokens = record.scope.aws.some(
    (grant) =>
      grant.resources.some((resource) => Token.isUnresolved(resource)) ||
      Object.values(grant.conditions ?? {}).some((keys) =>
        Object.values(keys).some((values) => values.some((value) => Token.isUnresolved(value))),
      ),
  );
  if (!carriesTokens) return record;
  const aws = resolveNow(stack, record.scope.aws) as IdentityRecord["scope"]["aws"];
  return { ...record, scope: { ...record.scope, aws } };
}

function expressionOf(stack: TerraformStack, token: string): string {
  try {
    const resolved = resolveNow(stack, token);
    return typeof resolved === "string" ? resolved : token;
  } catch {
    return token;
  }
}

/**
 * Resolves tokens as the stack's JSON has them. Not a prepare-time resolution: a reference to
 * another stack's resource is named as in its own stack (or as the cross-stack reference cdktf
 * already made), and no cross-stack output is added.
 */
function resolveNow(stack: TerraformStack, value: unknown): unknown {
  const { DefaultTokenResolver, StringConcat, Tokenization } = terraformCore();
  return Tokenization.resolve(value, {
    scope: stack,
    resolver: new DefaultTokenResolver(new StringConcat()),
    preparing: false,
  });
}
