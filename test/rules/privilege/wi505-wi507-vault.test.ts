import { WI505_VAULT_SUDO } from "../../../lib/rules/privilege/wi505-vault-sudo";
import fc from "fast-check";
import {
  MINT,
  SYS,
  WI506_VAULT_SYSTEM_PATH,
  systemReachOf,
} from "../../../lib/rules/privilege/wi506-vault-system-path";
import { vaultPathsOverlap } from "../../../lib/pattern/vault-path";
import {
  WI507_VAULT_BROAD_PATH,
  isVeryBroadVaultPath,
} from "../../../lib/rules/privilege/wi507-vault-broad-path";
import { flagged, run } from "../harness";
import { vaultGraph } from "./privilege-fixtures";

describe("WI505 Vault sudo", () => {
  test("Compliance / Noncompliance 1: only sudo (not overridden by deny) is flagged, with the role as context", () => {
    const g = vaultGraph(
      [
        "ok",
        [
          ["secret/data/a/*", ["read"]],
          ["sys/mounts", ["sudo", "deny"]],
        ],
      ],
      [
        "bad",
        [
          ["sys/audit", ["sudo", "update"]],
          ["secret/data/b", ["read"]],
        ],
      ],
    );
    expect(flagged(WI505_VAULT_SUDO, g)).toEqual(["vault_policy.bad error"]);
    const [result] = run(WI505_VAULT_SUDO, g);
    expect(result.identityIds).toEqual(["bad"]);
    expect(result.related?.map((l) => l.address)).toEqual(["vault_jwt_auth_backend_role.bad"]);
  });
});

describe("WI506 Vault system paths and token minting", () => {
  test("Compliance: self-service sys endpoints, reads of sys, token self-lookup", () => {
    const g = vaultGraph([
      "ok",
      [
        ["sys/leases/renew", ["update"]],
        ["sys/capabilities-self", ["update"]],
        ["sys/mounts", ["read"]],
        ["auth/token/lookup-self", ["read"]],
        ["auth/token/renew-self", ["update"]],
      ],
    ]);
    expect(flagged(WI506_VAULT_SYSTEM_PATH, g)).toEqual([]);
  });

  test("Noncompliance 3: sys/* write, token creation, and `*` with update", () => {
    const g = vaultGraph(
      ["sys", [["sys/*", ["create", "update"]]]],
      ["mint", [["auth/token/create-orphan", ["update"]]]],
      ["star", [["*", ["update"]]]],
    );
    expect(flagged(WI506_VAULT_SYSTEM_PATH, g)).toEqual([
      "vault_policy.mint error",
      "vault_policy.star error",
      "vault_policy.star error",
      "vault_policy.sys error",
    ]);
  });
});

describe("WI506 system reach of a path", () => {
  test("is the overlap with sys/* (self-service endpoints aside) and auth/token/create*, for any path", () => {
    const part = fc.constantFrom(
      "s",
      "y",
      "sys",
      "/",
      "+",
      "*",
      "auth",
      "token",
      "create",
      "-orphan",
      "leases/renew",
      "a+b",
    );
    const path = fc.array(part, { maxLength: 6 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(path, (raw) => {
        const normalized = raw.replace(/^\/+/, "");
        const selfService = ["sys/leases/renew", "sys/tools/hash/*"].includes(normalized);
        const sys = !selfService && vaultPathsOverlap(normalized, "sys/*");
        const mint = vaultPathsOverlap(normalized, "auth/token/create*");
        const reach = systemReachOf(raw);
        expect([raw, (reach & SYS) !== 0, (reach & MINT) !== 0]).toEqual([raw, sys, mint]);
      }),
      { numRuns: 3000, seed: 506 },
    );
  });
});

describe("WI507 very broad Vault paths", () => {
  test("isVeryBroadVaultPath counts segments as splitting the path does", () => {
    const bySplitting = (pattern: string) => {
      const path = pattern.replace(/^\/+/, "");
      if (!path.endsWith("*")) return false;
      const base = path.slice(0, -1);
      if (base !== "" && !base.endsWith("/")) return false;
      const segments = base.split("/").filter((segment) => segment !== "");
      if (segments.length <= 1) return true;
      return segments.length === 2 && ["data", "metadata", "+"].includes(segments[1]);
    };
    const part = fc.constantFrom("/", "//", "secret", "data", "metadata", "+", "*", "a");
    const path = fc.array(part, { maxLength: 7 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(path, (p) => expect([p, isVeryBroadVaultPath(p)]).toEqual([p, bySplitting(p)])),
      { numRuns: 3000, seed: 507 },
    );
  });

  test("isVeryBroadVaultPath", () => {
    for (const path of [
      "*",
      "+/*",
      "secret/*",
      "secret/data/*",
      "secret/metadata/*",
      "/kv/*",
      "secret/+/*",
    ]) {
      expect([path, isVeryBroadVaultPath(path)]).toEqual([path, true]);
    }
    for (const path of [
      "secret/data/a/*",
      "secret/zip-*",
      "secret/data/a",
      "secret/data/+/db",
      "secret/data/team/+/*",
    ]) {
      expect([path, isVeryBroadVaultPath(path)]).toEqual([path, false]);
    }
  });

  test("Compliance / Noncompliance 2: list-only and deny rules are not reach", () => {
    const g = vaultGraph(
      [
        "ui",
        [
          ["secret/metadata/*", ["list"]],
          ["secret/data/*", ["deny"]],
        ],
      ],
      [
        "wide",
        [
          ["secret/data/*", ["read"]],
          ["secret/data/wide/*", ["read"]],
        ],
      ],
      ["all", [["+/*", ["read"]]]],
    );
    expect(flagged(WI507_VAULT_BROAD_PATH, g)).toEqual([
      "vault_policy.all warning",
      "vault_policy.wide warning",
    ]);
  });
});
