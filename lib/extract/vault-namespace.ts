import { type Maybe, isUnknown, unknown } from "../model/unknown";
import { vaultNamespaceKey } from "../model/vault-names";
import { stringAt } from "./attribute-values";
import type { AttributePath, ResourceView } from "./resource-view";

const NAMESPACE: AttributePath = ["namespace"];

/**
 * The namespace a Vault resource lives in, trimmed of slashes; undefined for the root namespace.
 * Paths and names are distinct per namespace
 * (https://developer.hashicorp.com/vault/docs/enterprise/namespaces). The provider's `namespace`
 * applies to every resource of that provider configuration, and a resource's own `namespace` is
 * relative to it (https://registry.terraform.io/providers/hashicorp/vault/latest/docs#namespace,
 * "namespace is always relative to the provider's configured namespace"). Either unknown makes
 * the namespace unknown.
 */
export function namespaceAt(view: ResourceView): Maybe<string> | undefined {
  const configured = view.scope.providerSetting(view, "vault", "namespace");
  const provider =
    configured === undefined || typeof configured === "string" || isUnknown(configured)
      ? configured
      : unknown("the vault provider's namespace is not a string");
  const own = stringAt(view, NAMESPACE);
  if (isUnknown(provider)) return provider;
  if (own !== undefined && isUnknown(own)) return own;
  if (provider === undefined && own === undefined) return undefined; // the root namespace, as most are
  const path = [provider, own]
    .map((part) => vaultNamespaceKey(part))
    .filter((part) => part !== "")
    .join("/");
  return path || undefined;
}
