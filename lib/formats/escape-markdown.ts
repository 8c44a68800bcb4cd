import { escapeText } from "./escape-text";

/** Every ASCII punctuation character Markdown (CommonMark, GFM, GitHub math) gives a meaning to. */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>~&=:$"'^%]/g;
const ZERO_WIDTH_SPACE = "\u200b";

/**
 * An untrusted string made inert inside GitHub Markdown, including table cells: it cannot open
 * HTML, a link, an image, emphasis, code, math or a new table cell or line, and it cannot notify
 * anyone. Autolinks (`https://`, `www.`), `@mentions` and `#refs` are found by GitHub after
 * escapes are resolved, so those are broken with a zero-width space instead. An `@` after a letter
 * or digit (an e-mail address) starts no mention, so e-mail addresses stay copyable as written;
 * GitHub at most links them as `mailto:`, which notifies no one.
 */
export function escapeMarkdown(value: string): string {
  return withoutLinksOrMentions(value).replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`);
}

/** Printable text in which GitHub finds no autolink, mention or issue reference. */
function withoutLinksOrMentions(value: string): string {
  return escapeText(value)
    .replace(/(?<![A-Za-z0-9_])@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/#/g, `#${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/www\./gi, (match) => `${match.slice(0, 3)}${ZERO_WIDTH_SPACE}.`);
}

/**
 * An untrusted string inside an HTML element such as `<summary>`, where a backslash escape could
 * show as written: every character HTML or Markdown gives a meaning to becomes a numeric character
 * reference (inert in both), with the same guards against autolinks and mentions.
 */
export function escapeHtmlText(value: string): string {
  return withoutLinksOrMentions(value).replace(MARKDOWN_PUNCTUATION, (char) => `&#${char.charCodeAt(0)};`);
}

/** An untrusted string shown as inline code: escaped like text, then wrapped so it reads as an identifier. */
export function markdownCode(value: string): string {
  return `<code>${escapeMarkdown(value)}</code>`;
}
