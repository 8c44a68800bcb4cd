/**
 * The string an enum-like value (VaultCapability, GitlabRefType, TerraformCloudRunPhase) stands
 * for. Anything else is returned as is, so JavaScript callers passing a string (or a forged object)
 * get the same validation, and the same error naming what is allowed, as the string forms.
 */
export function enumLikeValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const text = (value as { readonly value?: unknown }).value;
  return typeof text === "string" ? text : value;
}
