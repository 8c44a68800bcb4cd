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
    const rules = /^[\s\uFEFF]*\{/.test(text)
      ? parseJsonPolicy(text)
      : new PolicyParser(tokenize(text)).policy();
    const long = rules.find((rule) => rule.path.length > MAX_PATTERN_LENGTH);
    if (long)
      throw new HclError(
        `a path of ${long.path.length} characters is above the ${MAX_PATTERN_LENGTH}-character limit`,
      );
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

type TokenKind = "string" | "ident" | "number" | "punct";
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
}

const PUNCTUATION = new Set(["{", "}", "[", "]", "=", ",", ":"]);
const SIMPLE_ESCAPES = lookupTable<string>({ n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" });

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
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
      const start = line;
      let value = "";
      i++;
      // Most strings hold no escape: taken in one slice when the closing quote comes first.
      let end = i;
      let code = 0;
      while (end < text.length) {
        code = text.charCodeAt(end);
        if (code === 34 /* " */ || code === 92 /* \\ */ || code === 10 /* \n */) break;
        end++;
      }
      if (end < text.length && code === 34) {
        tokens.push({ kind: "string", text: text.slice(i, end), line: start });
        i = end + 1;
        continue;
      }
      for (;;) {
        if (i >= text.length || text[i] === "\n") throw new HclError(`unterminated string on line ${start}`);
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
      i++;
      tokens.push({ kind: "string", text: value, line: start });
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: "punct", text: ch, line });
      i++;
    } else if (isIdentStart(text.charCodeAt(i))) {
      // An identifier is read 200 characters at most (a longer one goes on as the next token).
      const limit = Math.min(text.length, i + 200);
      let end = i + 1;
      while (end < limit && isIdentPart(text.charCodeAt(end))) end++;
      tokens.push({ kind: "ident", text: text.slice(i, end), line });
      i = end;
    } else if ((ch >= "0" && ch <= "9") || ch === "-") {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i, i + 50));
      if (!match) throw new HclError(`unexpected "${ch}" on line ${line}`);
      tokens.push({ kind: "number", text: match[0], line });
      i += match[0].length;
    } else {
      throw new HclError(`unexpected character ${quote(ch)} on line ${line}`);
    }
  }
  return tokens;
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

class PolicyParser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  policy(): VaultPolicyRule[] {
    const rules: VaultPolicyRule[] = [];
    while (this.peek()) {
      const keyword = this.next();
      if (keyword.kind !== "ident" || keyword.text !== "path") {
        throw new HclError(`expected a path block on line ${keyword.line}, found ${quote(keyword.text)}`);
      }
      const path = this.next();
      if (path.kind !== "string") throw new HclError(`path on line ${path.line} must be a quoted string`);
      this.expect("{");
      rules.push({ path: path.text, capabilities: this.pathBody() });
    }
    return rules;
  }

  private pathBody(): string[] {
    let capabilities: string[] | undefined;
    let legacy: string[] | undefined;
    for (;;) {
      const token = this.next();
      if (token.kind === "punct" && token.text === "}") break;
      if (token.kind !== "ident" && token.kind !== "string") {
        throw new HclError(`unexpected ${quote(token.text)} on line ${token.line}`);
      }
      if (this.peekText() === "{") {
        // Nested block (tolerated, ignored): it grants nothing by itself.
        this.next();
        this.nested(() => this.objectBody(), token.line);
        continue;
      }
      this.expect("=");
      const value = this.value();
      if (token.text === "capabilities") {
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
          throw new HclError(`capabilities on line ${token.line} must be a list of strings`);
        }
        capabilities = [...(capabilities ?? []), ...(value as string[])];
      } else if (token.text === "policy") {
        const mapped = typeof value === "string" ? LEGACY_POLICY.get(value) : undefined;
        if (!mapped) throw new HclError(`policy on line ${token.line} must be deny, read, write or sudo`);
        legacy = [...mapped];
      }
      if (this.peekText() === ",") this.next();
    }
    if (capabilities === undefined && legacy === undefined) return [];
    return [...new Set([...(capabilities ?? []), ...(legacy ?? [])])];
  }

  /** Lists and objects open around the current token; bounded so nesting cannot overflow the stack. */
  private nesting = 0;

  private nested<T>(read: () => T, line: number): T {
    if (++this.nesting > MAX_NESTING_DEPTH)
      throw new HclError(`values nest deeper than ${MAX_NESTING_DEPTH} levels (line ${line})`);
    try {
      return read();
    } finally {
      this.nesting--;
    }
  }

  private value(): HclValue {
    const token = this.next();
    if (token.kind === "string") return token.text;
    if (token.kind === "number") return Number(token.text);
    if (token.kind === "ident") {
      if (token.text === "true" || token.text === "false") return token.text === "true";
      if (token.text === "null") return "";
      throw new HclError(`expressions are not supported (line ${token.line}: ${quote(token.text)})`);
    }
    if (token.text === "[") return this.nested(() => this.listBody(token.line), token.line);
    if (token.text === "{") return this.nested(() => this.objectBody(), token.line);
    throw new HclError(`unexpected ${quote(token.text)} on line ${token.line}`);
  }

  /** After `[`: values separated by commas, until `]`. */
  private listBody(line: number): HclValue[] {
    const items: HclValue[] = [];
    while (this.peekText() !== "]") {
      items.push(this.value());
      if (this.peekText() === ",") this.next();
      else if (this.peekText() !== "]")
        throw new HclError(`expected "," or "]" on line ${this.peek()?.line ?? line}`);
    }
    this.next();
    return items;
  }

  /** After `{`: `key = value` (or `key: value`) pairs, optional commas, until `}`. */
  private objectBody(): { [key: string]: HclValue } {
    const result = emptyRecord<HclValue>();
    for (;;) {
      const key = this.next();
      if (key.kind === "punct" && key.text === "}") return result;
      if (key.kind !== "ident" && key.kind !== "string")
        throw new HclError(`unexpected ${quote(key.text)} on line ${key.line}`);
      if (this.peekText() === "{") {
        this.next();
        result[key.text] = this.nested(() => this.objectBody(), key.line);
        continue;
      }
      const separator = this.next();
      if (separator.text !== "=" && separator.text !== ":")
        throw new HclError(`expected "=" on line ${separator.line}`);
      result[key.text] = this.value();
      if (this.peekText() === ",") this.next();
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private peekText(): string | undefined {
    const token = this.peek();
    return token?.kind === "punct" ? token.text : undefined;
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new HclError("unexpected end of policy");
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.kind !== "punct" || token.text !== text) {
      throw new HclError(`expected "${text}" on line ${token.line}, found ${quote(token.text)}`);
    }
  }
}
