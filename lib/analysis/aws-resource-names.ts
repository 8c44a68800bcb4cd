/**
 * One object, one name: references that Terraform resolves to the same AWS resource are rewritten
 * to one canonical form before reach is compared.
 *
 * - `aws_secretsmanager_secret`'s `id` is its ARN
 *   (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret#attribute-reference),
 *   and so is the data source's (`data.aws_secretsmanager_secret`).
 * - A data source that looks up a managed resource of the inputs (by name, or by a reference to
 *   it) is that resource (IdentityGraph.resourceAliases).
 *
 * The canonical form is the managed resource's ARN when the input determines it (see
 * extract/computed-arns), else `${ADDRESS.arn}`.
 */
import type { IdentityGraph } from "../model/graph";

/** Types whose `id` attribute is the ARN. */
const ID_IS_ARN = new Set(["aws_secretsmanager_secret"]);

const WHOLE_REFERENCE = /^\$\{((?:data\.)?([a-z0-9_]+)\.[^.}]+)\.(arn|id)\}$/;

export function canonicalResource(resource: string, stack: string | undefined, graph: IdentityGraph): string {
  const match = WHOLE_REFERENCE.exec(resource);
  if (!match) return resource;
  const [, address, type, attribute] = match;
  if (attribute === "id" && !ID_IS_ARN.has(type)) return resource;
  if (!address.startsWith("data.")) return `\${${address}.arn}`;
  return graph.resourceAliases?.get(`${stack ?? ""}\u0000${address}`) ?? `\${${address}.arn}`;
}
