import { csvField } from "../../lib/formats/escape-csv";
import { escapeMarkdown } from "../../lib/formats/escape-markdown";
import { escapeText } from "../../lib/formats/escape-text";
import { sarifText } from "../../lib/formats/sarif-format";
import { HOSTILE } from "./hostile";

/** Markdown characters that are still active: not preceded by an escaping backslash. */
function unescaped(markdown: string, chars: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < markdown.length; i++) {
    if (markdown[i] === "\\") {
      i++;
      continue;
    }
    if (chars.includes(markdown[i])) found.push(markdown[i]);
  }
  return found;
}

describe("escapeText", () => {
  test.each(HOSTILE)("%j has no control, ANSI or bidi characters left", (value) => {
    // eslint-disable-next-line no-control-regex
    expect(escapeText(value)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test("escapes are visible", () => {
    expect(escapeText("a\u001b[31mb\nc\u202ed")).toBe("a\\x1b[31mb\\nc\\u202ed");
    expect(escapeText("plain text: ok")).toBe("plain text: ok");
  });
});

describe("escapeMarkdown", () => {
  test.each(HOSTILE)("%j cannot open HTML, links, code, emphasis, cells or lines", (value) => {
    const out = escapeMarkdown(value);
    expect(unescaped(out, "<>[]()`*_|~$!&#")).toEqual([]);
    expect(out).not.toMatch(/[\r\n]/);
    expect(out).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]/);
    expect(out).not.toMatch(/:\\?\/\\?\//);
    expect(out).not.toMatch(/www\\?\./i);
  });

  test("ordinary names stay readable", () => {
    expect(escapeMarkdown("payments/deploy-api")).toBe("payments/deploy\\-api");
  });

  test("an e-mail address keeps no zero-width space (copyable); a mention is still broken", () => {
    expect(escapeMarkdown("payments-oncall@example.com")).toBe("payments\\-oncall@example\\.com");
    expect(escapeMarkdown("@acme/security")).toBe("@\u200bacme/security");
    expect(escapeMarkdown("ping @acme")).toBe("ping @\u200bacme");
  });
});

describe("csvField", () => {
  test.each(['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"])(
    "%j is neutralised",
    (value) => {
      const field = csvField(value);
      expect(field.startsWith(`"'`)).toBe(true);
      expect(field.endsWith('"')).toBe(true);
    },
  );

  test("quotes are doubled and every field is quoted", () => {
    expect(csvField('"quoted", with comma')).toBe('"""quoted"", with comma"');
    expect(csvField("plain")).toBe('"plain"');
    expect(csvField(undefined)).toBe('""');
  });

  test("line breaks cannot start a new row", () => {
    expect(csvField("a\r\nb")).toBe('"a\\r\\nb"');
  });
});

describe("sarifText", () => {
  test("brackets cannot form an embedded link", () => {
    expect(sarifText("[x](0) \\")).toBe("\\[x\\](0) \\\\");
  });
});
