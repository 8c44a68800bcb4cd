import type { VaultPolicyRule } from "../model/graph";
import { type Maybe, unknown } from "../model/unknown";
import { emptyRecord, lookupTable } from "../model/lookup-table";
import { MAX_NESTING_DEPTH, tooDeepPath } from "../model/json-depth";
import { MAX_PATTERN_LENGTH } from "../model/pattern-limits";
import { appendAll } from "../model/append-all";
import { quote } from "../model/unsafe-text";

/**
 * Parses the subset of HCL that Vault ACL policies use:
 *
 *   path "secret/data/app/*" {
 *     capabilities = ["read", "list"]
 *     allowed_parameters = { "key" = [] }   # other keys are read and ignored
 *   }
 *
 * Comments (`#`, `//`, `/* *\/`) are skipped. The legacy `policy = "read|write|sudo|deny"` form is
 * mapped to capabilities as Vault documents it. Anything else (a heredoc, a stray token, an
 * unterminated string) makes the whole policy Unknown: a half-read policy could hide a path.
 */
export function parseVaultPolicy(text: string): Maybe<VaultPolicyRule[]> {
  try {
    const rules = /^[\s\uFEFF]*\{/.test(text) ? parseJsonPolicy(text) : parseHclPolicy(text);
    // Indexed: runs unoptimized for every policy, where each for-of step allocates.
    for (let i = 0; i < rules.length; i++) {
      const length = rules[i].path.length;
      if (length > MAX_PATTERN_LENGTH)
        throw new HclError(
          `a path of ${length} characters is above the ${MAX_PATTERN_LENGTH}-character limit`,
        );
    }
    return rules;
  } catch (error) {
    if (error instanceof HclError) return unknown(`Vault policy could not be parsed: ${error.message}`);
    throw error;
  }
}

class HclError extends Error {}

/**
 * The JSON form of a policy, which Vault accepts wherever HCL is accepted (its HCL parser reads a
 * document starting with `{` as JSON; https://developer.hashicorp.com/vault/docs/concepts/policies,
 * "Policy syntax"): `{"path": {"secret/*": {"capabilities": ["read"]}}}`. HCL's JSON mapping also
 * allows a list of such objects at either level. Anything else is not a policy.
 */
function parseJsonPolicy(text: string): VaultPolicyRule[] {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new HclError(`the policy is not valid JSON (${(error as Error).message})`);
  }
  const tooDeep = tooDeepPath(document);
  if (tooDeep !== undefined)
    throw new HclError(`the policy nests deeper than ${MAX_NESTING_DEPTH} levels at ${tooDeep}`);
  const rules: VaultPolicyRule[] = [];
  if (!isPlainObject(document)) throw new HclError("a JSON policy must be an object");
  for (const key of Object.keys(document)) {
    if (key !== "path") throw new HclError(`unexpected top-level key ${quote(key)} in a JSON policy`);
    for (const paths of objectsOf(document[key], "path")) {
      for (const path of Object.keys(paths)) {
        for (const body of objectsOf(paths[path], `path ${quote(path)}`)) {
          rules.push({ path, capabilities: jsonCapabilities(body, path) });
        }
      }
    }
  }
  return rules;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectsOf(value: unknown, what: string): Array<Record<string, unknown>> {
  const items = Array.isArray(value) ? value : [value];
  if (!items.every(isPlainObject)) throw new HclError(`${what} must be an object in a JSON policy`);
  return items as Array<Record<string, unknown>>;
}

function jsonCapabilities(body: Record<string, unknown>, path: string): string[] {
  const capabilities: string[] = [];
  const listed = body.capabilities;
  if (listed !== undefined) {
    if (!Array.isArray(listed) || !listed.every((c) => typeof c === "string"))
      throw new HclError(`capabilities of ${quote(path)} must be a list of strings`);
    appendAll(capabilities, listed as string[]);
  }
  if (body.policy !== undefined) {
    const mapped = typeof body.policy === "string" ? LEGACY_POLICY.get(body.policy) : undefined;
    if (!mapped) throw new HclError(`policy of ${quote(path)} must be deny, read, write or sudo`);
    appendAll(capabilities, mapped);
  }
  return [...new Set(capabilities)];
}

/**
 * The HCL form. The parser reads tokens as it goes, one ahead, so no list of tokens is built. A
 * policy that does not parse is reported with the first error of the text as a whole: a token
 * that cannot be read anywhere in it comes before any error of structure, so on an error of
 * structure the rest of the text is read for tokens before that error is given.
 */
function parseHclPolicy(text: string): VaultPolicyRule[] {
  try {
    return new PolicyParser(text).policy();
  } catch (error) {
    if (error instanceof HclError) {
      const lexer = new Lexer(text);
      while (lexer.kind !== END) lexer.advance();
    }
    throw error;
  }
}

const END = 0;
const STRING = 1;
const IDENT = 2;
const NUMBER = 3;
const PUNCT = 4;
type TokenKind = typeof END | typeof STRING | typeof IDENT | typeof NUMBER | typeof PUNCT;

const PUNCTUATION = new Set(["{", "}", "[", "]", "=", ",", ":"]);
const SIMPLE_ESCAPES = lookupTable<string>({ n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" });

/** Reads the tokens of a policy one at a time: `kind`, `text` and `line` are the next one's. */
class Lexer {
  /** The next token; END when the text has no more. */
  kind: TokenKind = END;
  text = "";
  line = 1;
  /** Where reading goes on, and its line. */
  private at = 0;
  private atLine = 1;

  constructor(private readonly source: string) {
    this.advance();
  }

  /** Moves to the token after the current one. */
  advance(): void {
    const text = this.source;
    let i = this.at;
    let line = this.atLine;
    while (i < text.length) {
      const ch = text[i];
      if (ch === "\n") {
        line++;
        i++;
      } else if (ch === " " || ch === "\t" || ch === "\r" || ch === "\uFEFF") {
        i++;
      } else if (ch === "#" || (ch === "/" && text[i + 1] === "/")) {
        const end = text.indexOf("\n", i);
        i = end < 0 ? text.length : end;
      } else if (ch === "/" && text[i + 1] === "*") {
        const end = text.indexOf("*/", i + 2);
        if (end < 0) throw new HclError(`unterminated comment on line ${line}`);
        for (let j = i; j < end; j++) if (text[j] === "\n") line++;
        i = end + 2;
      } else if (ch === '"') {
        i = this.readString(i + 1, line);
        this.kind = STRING;
        this.line = line;
        return this.stop(i, line);
      } else if (PUNCTUATION.has(ch)) {
        this.kind = PUNCT;
        this.text = ch;
        this.line = line;
        return this.stop(i + 1, line);
      } else if (isIdentStart(text.charCodeAt(i))) {
        // An identifier is read 200 characters at most (a longer one goes on as the next token).
        const limit = Math.min(text.length, i + 200);
        let end = i + 1;
        while (end < limit && isIdentPart(text.charCodeAt(end))) end++;
        this.kind = IDENT;
        this.text = text.slice(i, end);
        this.line = line;
        return this.stop(end, line);
      } else if ((ch >= "0" && ch <= "9") || ch === "-") {
        const match = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i, i + 50));
        if (!match) throw new HclError(`unexpected "${ch}" on line ${line}`);
        this.kind = NUMBER;
        this.text = match[0];
        this.line = line;
        return this.stop(i + match[0].length, line);
      } else {
        throw new HclError(`unexpected character ${quote(ch)} on line ${line}`);
      }
    }
    this.kind = END;
    this.text = "";
    this.line = line;
    this.stop(i, line);
  }

  private stop(at: number, line: number): void {
    this.at = at;
    this.atLine = line;
  }

  /** The string starting at `i` (after its quote) into `text`; returns where it ends, after its quote. */
  private readString(i: number, line: number): number {
    const text = this.source;
    // Most strings hold no escape: taken in one slice when the closing quote comes first.
    let end = i;
    let code = 0;
    while (end < text.length) {
      code = text.charCodeAt(end);
      if (code === 34 /* " */ || code === 92 /* \\ */ || code === 10 /* \n */) break;
      end++;
    }
    if (end < text.length && code === 34) {
      this.text = text.slice(i, end);
      return end + 1;
    }
    let value = "";
    for (;;) {
      if (i >= text.length || text[i] === "\n") throw new HclError(`unterminated string on line ${line}`);
      const c = text[i];
      if (c === '"') break;
      if (c === "\\") {
        const next = text[i + 1];
        if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        const escaped = next === undefined ? undefined : SIMPLE_ESCAPES.get(next);
        if (escaped === undefined) throw new HclError(`unsupported escape in string on line ${line}`);
        value += escaped;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    this.text = value;
    return i + 1;
  }
}

/** `[A-Za-z_]` */
function isIdentStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** `[A-Za-z0-9_-]` */
function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57) || code === 45;
}

/** Vault's documented mapping of the pre-0.9 `policy` shorthand. */
const LEGACY_POLICY = lookupTable<readonly string[]>({
  deny: ["deny"],
  read: ["read", "list"],
  write: ["create", "read", "update", "delete", "list"],
  sudo: ["create", "read", "update", "delete", "list", "sudo"],
});

type HclValue = string | number | boolean | HclValue[] | { [key: string]: HclValue };

class PolicyParser extends Lexer {
  /** The token {@link take} consumed last. */
  private takenKind: TokenKind = END;
  private takenText = "";
  private takenLine = 0;
  /** Lists and objects open around the current token; bounded so nesting cannot overflow the stack. */
  private nesting = 0;

  policy(): VaultPolicyRule[] {
    // Lists here and in listBody are made with their first item: pushing to an empty list reserves
    // room for 17, and the graph keeps the rules and their capabilities (most hold one or two).
    let rules: VaultPolicyRule[] | undefined;
    while (this.kind !== END) {
      if (this.take() !== IDENT || this.takenText !== "path") {
        throw new HclError(`expected a path block on line ${this.takenLine}, found ${quote(this.takenText)}`);
      }
      if (this.take() !== STRING)
        throw new HclError(`path on line ${this.takenLine} must be a quoted string`);
      const path = this.takenText;
      this.expect("{");
      const rule = { path, capabilities: this.pathBody() };
      if (rules === undefined) rules = [rule];
      else rules.push(rule);
    }
    return rules ?? [];
  }

  private pathBody(): string[] {
    let capabilities: string[] | undefined;
    let legacy: string[] | undefined;
    for (;;) {
      const kind = this.take();
      const key = this.takenText;
      const line = this.takenLine;
      if (kind === PUNCT && key === "}") break;
      if (kind !== IDENT && kind !== STRING) {
        throw new HclError(`unexpected ${quote(key)} on line ${line}`);
      }
      if (this.peekText() === "{") {
        // Nested block (tolerated, ignored): it grants nothing by itself.
        this.take();
        this.enter(line);
        this.objectBody();
        this.nesting--;
        continue;
      }
      this.expect("=");
      const value = this.value();
      if (key === "capabilities") {
        if (!isTextList(value)) {
          throw new HclError(`capabilities on line ${line} must be a list of strings`);
        }
        // The list was just read here: the first one is kept as it is.
        capabilities = capabilities === undefined ? value : [...capabilities, ...value];
      } else if (key === "policy") {
        const mapped = typeof value === "string" ? LEGACY_POLICY.get(value) : undefined;
        if (!mapped) throw new HclError(`policy on line ${line} must be deny, read, write or sudo`);
        legacy = [...mapped];
      }
      if (this.peekText() === ",") this.take();
    }
    if (capabilities === undefined && legacy === undefined) return [];
    if (legacy === undefined && allDistinct(capabilities!)) return capabilities!;
    return [...new Set([...(capabilities ?? []), ...(legacy ?? [])])];
  }

  private enter(line: number): void {
    if (++this.nesting > MAX_NESTING_DEPTH)
      throw new HclError(`values nest deeper than ${MAX_NESTING_DEPTH} levels (line ${line})`);
  }

  private value(): HclValue {
    const kind = this.take();
    const text = this.takenText;
    const line = this.takenLine;
    if (kind === STRING) return text;
    if (kind === NUMBER) return Number(text);
    if (kind === IDENT) {
      if (text === "true" || text === "false") return text === "true";
      if (text === "null") return "";
      throw new HclError(`expressions are not supported (line ${line}: ${quote(text)})`);
    }
    if (text === "[") {
      this.enter(line);
      const list = this.listBody(line);
      this.nesting--;
      return list;
    }
    if (text === "{") {
      this.enter(line);
      const object = this.objectBody();
      this.nesting--;
      return object;
    }
    throw new HclError(`unexpected ${quote(text)} on line ${line}`);
  }

  /** After `[`: values separated by commas, until `]`. */
  private listBody(line: number): HclValue[] {
    let items: HclValue[] | undefined;
    while (this.peekText() !== "]") {
      const item = this.value();
      if (items === undefined) items = [item];
      else items.push(item);
      if (this.peekText() === ",") this.take();
      else if (this.peekText() !== "]")
        throw new HclError(`expected "," or "]" on line ${this.kind !== END ? this.line : line}`);
    }
    this.take();
    return items ?? [];
  }

  /** After `{`: `key = value` (or `key: value`) pairs, optional commas, until `}`. */
  private objectBody(): { [key: string]: HclValue } {
    const result = emptyRecord<HclValue>();
    for (;;) {
      const kind = this.take();
      const key = this.takenText;
      const line = this.takenLine;
      if (kind === PUNCT && key === "}") return result;
      if (kind !== IDENT && kind !== STRING) throw new HclError(`unexpected ${quote(key)} on line ${line}`);
      if (this.peekText() === "{") {
        this.take();
        this.enter(line);
        result[key] = this.objectBody();
        this.nesting--;
        continue;
      }
      this.take();
      if (this.takenText !== "=" && this.takenText !== ":")
        throw new HclError(`expected "=" on line ${this.takenLine}`);
      result[key] = this.value();
      if (this.peekText() === ",") this.take();
    }
  }

  /** The next token's text when it is punctuation. */
  private peekText(): string | undefined {
    return this.kind === PUNCT ? this.text : undefined;
  }

  /** Consumes the next token into `taken*`; returns its kind. */
  private take(): TokenKind {
    if (this.kind === END) throw new HclError("unexpected end of policy");
    this.takenKind = this.kind;
    this.takenText = this.text;
    this.takenLine = this.line;
    this.advance();
    return this.takenKind;
  }

  private expect(text: string): void {
    if (this.take() !== PUNCT || this.takenText !== text) {
      throw new HclError(`expected "${text}" on line ${this.takenLine}, found ${quote(this.takenText)}`);
    }
  }
}

function isTextList(value: HclValue): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== "string") return false;
  return true;
}

/** True when no text of the list repeats (a few capabilities: compared pairwise). */
function allDistinct(list: readonly string[]): boolean {
  if (list.length > 16) return new Set(list).size === list.length;
  for (let i = 1; i < list.length; i++) for (let j = 0; j < i; j++) if (list[i] === list[j]) return false;
  return true;
}
