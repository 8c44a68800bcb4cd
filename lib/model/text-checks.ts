/** Text predicates both sides share: control characters, cdktf tokens, wildcards. */
/** C0/C1 controls, DEL and the Unicode line/paragraph separators (line breaks to some readers). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const WILDCARDS = /[*?]/;
/** How cdktf encodes an unresolved token inside a string. */
const CDKTF_TOKEN = /\$\{TfToken\[/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** True when a string carries a cdktf token (a reference resolved only at synth or apply). */
export function hasUnresolvedReference(value: string): boolean {
  return CDKTF_TOKEN.test(value);
}

export function hasWildcard(value: string): boolean {
  return WILDCARDS.test(value);
}
