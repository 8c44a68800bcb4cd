/**
 * Go's `unicode.IsSpace`, which `strings.TrimSpace` trims: ASCII space, \t \n \v \f \r, U+0085,
 * U+00A0 and the Unicode space separators. (JavaScript's `trim` differs: it also trims U+FEFF and
 * keeps U+0085.)
 */
function isGoSpace(codePoint: number): boolean {
  return (
    (codePoint >= 0x09 && codePoint <= 0x0d) ||
    codePoint === 0x20 ||
    codePoint === 0x85 ||
    codePoint === 0xa0 ||
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x202f ||
    codePoint === 0x205f ||
    codePoint === 0x3000
  );
}

/**
 * Go's `strings.ToLower`: each code point mapped alone by its simple lower-case mapping (no
 * final-sigma context, and U+0130 becomes a plain `i`, where JavaScript's `toLowerCase` writes two).
 */
function goLowerCase(codePoint: number): string {
  if (codePoint === 0x130) return "i";
  const lowered = String.fromCodePoint(codePoint).toLowerCase();
  return Array.from(lowered).length === 1 ? lowered : String.fromCodePoint(codePoint);
}

const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/**
 * Vault stores ACL policy names and auth role names lower-cased and trimmed of surrounding
 * whitespace (`strings.ToLower(strings.TrimSpace(name))`), and resolves `token_policies` the same
 * way: `" Payments-Read "` and `"payments-read"` are one policy
 * (https://developer.hashicorp.com/vault/api-docs/system/policies-acl, "name ... will be converted
 * to lowercase"; https://developer.hashicorp.com/vault/docs/concepts/policies). Compare names only
 * through this key.
 */
export function vaultNameKey(name: string): string {
  // Printable ASCII without spaces (nearly every name): nothing to trim, and Go and JavaScript
  // lower-case ASCII alike.
  if (PRINTABLE_ASCII.test(name)) return name.toLowerCase();
  const codePoints = Array.from(name, (char) => char.codePointAt(0) as number);
  let start = 0;
  let end = codePoints.length;
  while (start < end && isGoSpace(codePoints[start])) start++;
  while (end > start && isGoSpace(codePoints[end - 1])) end--;
  return codePoints.slice(start, end).map(goLowerCase).join("");
}

/**
 * A Vault namespace path as compared everywhere: no leading or trailing slash, "" for the root
 * namespace (https://developer.hashicorp.com/vault/docs/enterprise/namespaces).
 */
export function vaultNamespaceKey(namespace: string | undefined): string {
  return (namespace ?? "").replace(/^\/+|\/+$/g, "");
}

/** The built-in policy every token carries unless `token_no_default_policy` is set. */
export const DEFAULT_POLICY_NAME = "default";

/** Token policies a role names that are neither built in nor among `present` (compared as Vault does). */
export function missingVaultPolicyNames(
  tokenPolicies: readonly string[],
  present: readonly (string | undefined)[],
): string[] {
  const known = new Set(present.filter((n): n is string => n !== undefined).map(vaultNameKey));
  return tokenPolicies.filter((name) => {
    const key = vaultNameKey(name);
    return key !== DEFAULT_POLICY_NAME && key !== "" && !known.has(key);
  });
}
