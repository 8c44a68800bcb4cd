import { VAULT_HEADER_PREFIX, accountabilityFromVaultPolicy } from "../../lib/model/vault-policy-header";

const header = (payload: string, rest = '\npath "a" { capabilities = ["read"] }\n') =>
  `${VAULT_HEADER_PREFIX}${payload}${rest}`;

describe("accountabilityFromVaultPolicy", () => {
  test("GIVEN string fields WHEN read THEN each person keeps its keys, as plain objects", () => {
    const accountability = accountabilityFromVaultPolicy(
      header('{"owner":{"team":"a","contact":"a@x","__proto__":"p"},"ttlSeconds":60,"description":"d"}'),
    );
    expect(Object.entries(accountability?.owner ?? {})).toEqual([
      ["team", "a"],
      ["contact", "a@x"],
      ["__proto__", "p"],
    ]);
    expect(Object.getPrototypeOf(accountability?.owner)).toBe(Object.prototype);
    expect(accountability?.ttlSeconds).toBe(60);
    expect(accountability?.description).toBe("d");
  });

  test("GIVEN empty or non-text values WHEN read THEN those keys are undefined", () => {
    const accountability = accountabilityFromVaultPolicy(
      header('{"owner":{"team":"","contact":3},"approver":{"name":"n","reference":null}}'),
    );
    expect(Object.entries(accountability?.owner ?? {})).toEqual([
      ["team", undefined],
      ["contact", undefined],
    ]);
    expect(Object.entries(accountability?.approver ?? {})).toEqual([
      ["name", "n"],
      ["reference", undefined],
    ]);
  });

  test.each([
    ["CRLF", "\r\n"],
    ["LF", "\n"],
    ["nothing", ""],
  ])("GIVEN the header line ended by %s WHEN read THEN the header is read", (_what, end) => {
    expect(accountabilityFromVaultPolicy(header('{"description":"d"}', end))?.description).toBe("d");
  });

  test("GIVEN a CR that does not end the line WHEN read THEN it is part of the JSON line (invalid)", () => {
    expect(accountabilityFromVaultPolicy(header('{"description":"d"}\r{', "\n"))).toBeUndefined();
  });

  test("GIVEN no header on the first line WHEN read THEN undefined", () => {
    expect(accountabilityFromVaultPolicy(`\n${header('{"description":"d"}')}`)).toBeUndefined();
    expect(accountabilityFromVaultPolicy('path "a" {}')).toBeUndefined();
  });
});
