/** Hand-written AWS Terraform JSON for rule tests that go through extraction, as the CLI does. */
import { buildGraph } from "../../../lib/extract/build-graph";
import type { IdentityGraph } from "../../../lib/model/graph";
import type { RuleResult } from "../../../lib/model/finding";
import type { Rule } from "../../../lib/rules/rule";
import { run } from "../harness";

export const GET = "secretsmanager:GetSecretValue";

const serviceTrust = JSON.stringify({
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
});

/** An IAM policy document (JSON text) with these statements. */
export function policy(statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** `aws_iam_role` resources named as their keys, trusting Lambda, with extra attributes per role. */
export function roles(names: string[], extra: Record<string, object> = {}): Record<string, object> {
  return Object.fromEntries(
    names.map((name) => [name, { name, assume_role_policy: serviceTrust, ...(extra[name] ?? {}) }]),
  );
}

/** One `aws_iam_role_policy` per role holding the given statements. */
export function rolePolicies(grants: Record<string, object[]>): Record<string, object> {
  return Object.fromEntries(
    Object.entries(grants).map(([role, statements]) => [
      role,
      { name: role, role: `\${aws_iam_role.${role}.name}`, policy: policy(statements) },
    ]),
  );
}

export function graphOf(json: object): IdentityGraph {
  return buildGraph([{ file: "main.tf.json", format: "terraform-json", json }]);
}

/** `a+b` for a result naming roles a and b (sorted; a group of N identities sharing one thing: `a+b+c`). */
function pairOf(result: RuleResult): string {
  return (result.identityIds ?? [])
    .map((id) => id.replace(/^.*aws_iam_(?:role|user)\./, ""))
    .sort()
    .join("+");
}

/** The identity pairs a rule reports (not unknown) for one Terraform JSON document, sorted. */
export function reportedPairs(rule: Rule, json: object): string[] {
  return run(rule, graphOf(json))
    .filter((result) => !result.unknown)
    .map(pairOf)
    .sort();
}

/** The locations (addresses) of the rule's "unknown — needs review" results, sorted. */
export function unknownAt(rule: Rule, json: object): string[] {
  return run(rule, graphOf(json))
    .filter((result) => result.unknown)
    .map((result) => result.location.address)
    .sort();
}
