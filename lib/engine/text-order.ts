/**
 * `a.localeCompare(b)` (the order findings are sorted in), without loading ICU's collator for the
 * common case. The first `localeCompare` of a process builds the collator (tens of milliseconds,
 * a large part of a small check's start-up), while what is compared here (rule ids, stack names,
 * Terraform addresses, fingerprints) is nearly always printable ASCII.
 *
 * For printable ASCII the default (root) collation of English locales is: primary weights in the
 * order of ASCII_COLLATION_ORDER below, letters case-insensitively; on equal primaries, the first
 * position whose case differs decides, lower case first (tertiary level). Anything else (another
 * default locale, whose tailoring may reorder letters, or any character outside printable ASCII)
 * goes to `localeCompare` itself. test/engine/text-order.test.ts checks the two agree.
 */

/** Printable ASCII as the root collation orders it; a capital letter shares its lower-case letter's primary weight. */
export const ASCII_COLLATION_ORDER =
  " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";

/** Primary weight of each ASCII code unit; 0 for the ones left to `localeCompare`. */
const PRIMARY = new Uint8Array(128);
{
  let weight = 0;
  for (let i = 0; i < ASCII_COLLATION_ORDER.length; i++) {
    const code = ASCII_COLLATION_ORDER.charCodeAt(i);
    if (!(code >= 65 && code <= 90)) weight++;
    PRIMARY[code] = weight;
  }
}

let rootOrder: boolean | undefined;

/**
 * True when `localeCompare` without arguments uses the root order above: the default locale is
 * English (no tailoring). Asked through PluralRules, which resolves the same default locale
 * without building a collator.
 */
function defaultLocaleUsesRootOrder(): boolean {
  if (rootOrder === undefined) {
    try {
      const locale = new Intl.PluralRules().resolvedOptions().locale;
      rootOrder = locale === "en-US" || locale === "en";
    } catch {
      rootOrder = false;
    }
  }
  return rootOrder;
}

/** The sign of `a.localeCompare(b)`; 0 exactly when it is 0. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const fast = defaultLocaleUsesRootOrder() ? compareAscii(a, b) : undefined;
  return fast ?? Math.sign(a.localeCompare(b));
}

/** The root (English) order of two printable-ASCII strings, or undefined when either has another character. */
export function compareAscii(a: string, b: string): number | undefined {
  let caseOrder = 0;
  let primaryOrder = 0;
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    const px = x < 128 ? PRIMARY[x] : 0;
    const py = y < 128 ? PRIMARY[y] : 0;
    if (px === 0 || py === 0) return undefined;
    if (primaryOrder !== 0 || x === y) continue;
    if (px !== py) primaryOrder = px < py ? -1 : 1;
    // Same letter, other case: lower case (the higher code unit) sorts first, if nothing else differs.
    else if (caseOrder === 0) caseOrder = x > y ? -1 : 1;
  }
  for (let i = shorter; i < a.length; i++) if (!isPrintableAscii(a.charCodeAt(i))) return undefined;
  for (let i = shorter; i < b.length; i++) if (!isPrintableAscii(b.charCodeAt(i))) return undefined;
  if (primaryOrder !== 0) return primaryOrder;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return caseOrder;
}

function isPrintableAscii(code: number): boolean {
  return code < 128 && PRIMARY[code] !== 0;
}
