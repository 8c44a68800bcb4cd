/**
 * Terraform evaluates `${...}` and `%{...}` in every string of Terraform JSON (except `"//"`
 * comments). A user string placed in a resource attribute is escaped so it stays literal:
 * `${` becomes `$${` and `%{` becomes `%%{`, which Terraform turns back into the original text.
 * IAM policy variables such as `${aws:username}` therefore reach AWS unchanged.
 */
export function escapeTerraformTemplate(value: string): string {
  // Function replacements: in a replacement *string*, "$$" would mean a single "$".
  return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** Reverses {@link escapeTerraformTemplate}: what Terraform passes to the provider. */
export function unescapeTerraformTemplate(value: string): string {
  return value.replace(/\$\$\{/g, () => "${").replace(/%%\{/g, () => "%{");
}
