/**
 * Terraform evaluates `${...}` and `%{...}` in every string of Terraform JSON (except `"//"`
 * comments). A user string placed in a resource attribute is escaped so it stays literal:
 * `${` becomes `$${` and `%{` becomes `%%{`, which Terraform turns back into the original text.
 * IAM policy variables such as `${aws:username}` therefore reach AWS unchanged.
 */
export function escapeTerraformTemplate(value: string): string {
  if (!value.includes("{")) return value;
  // Function replacements: in a replacement *string*, "$$" would mean a single "$".
  return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** Reverses {@link escapeTerraformTemplate}: what Terraform passes to the provider. */
export function unescapeTerraformTemplate(value: string): string {
  return value.replace(/\$\$\{/g, () => "${").replace(/%%\{/g, () => "%{");
}

/** One cdktf string token, `${TfToken[TOKEN.12]}`: cdktf replaces it with its Terraform expression at synth. */
const CDKTF_STRING_TOKEN = /(\$\{TfToken\[[A-Za-z0-9_.]+\]\})/;

/**
 * {@link escapeTerraformTemplate} for a value that may carry references the declaration allows
 * (grant resources and condition values): the text around each cdktf token is escaped, the token
 * is kept so cdktf turns it into the referenced attribute.
 */
export function escapeTerraformTemplateKeepingTokens(value: string): string {
  // Without a brace there is neither a token nor anything to escape (the common case).
  if (!value.includes("{")) return value;
  return value
    .split(CDKTF_STRING_TOKEN)
    .map((part, i) => (i % 2 === 1 ? part : escapeTerraformTemplate(part)))
    .join("");
}
