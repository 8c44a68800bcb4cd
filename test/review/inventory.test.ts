import { inventoryRows } from "../../lib/review/inventory";
import { UNKNOWN_TEXT } from "../../lib/review/identity-profile";
import { awsRole, graph, identity, vaultRole, webIdentityTrust } from "../support/graph-builder";
import { deployIdentity } from "./review-fixtures";

describe("inventoryRows", () => {
  test("a declared identity shows its recorded accountability", () => {
    const [row] = inventoryRows(
      graph({ identities: [deployIdentity("app/api", { approvalExpires: "2027-01-31" })] }),
    );
    expect(row).toMatchObject({
      id: "app/api",
      ownerTeam: "payments",
      ownerContact: "payments@example.com",
      issuerOwner: "platform",
      approver: "security-governance",
      approvalReference: "SEC-1",
      approvalExpires: "2027-01-31",
      ttl: "30m",
      ttlSeconds: 1800,
      subjects: ["repo:acme/api:environment:production"],
      source: "record",
    });
  });

  test("a hand-written role has no accountability, and its issuer, subject and TTL come from the resources", () => {
    const role = awsRole("aws_iam_role.legacy", {
      trust: webIdentityTrust(
        "token.actions.githubusercontent.com",
        "repo:acme/*",
        "sts.amazonaws.com",
        "StringLike",
      ),
    });
    const [row] = inventoryRows(
      graph({ identities: [identity("main:aws_iam_role.legacy", { awsRoles: [role] })] }),
    );
    expect(row).toMatchObject({
      source: "none",
      ownerTeam: undefined,
      approver: undefined,
      issuer: "https://token.actions.githubusercontent.com",
      subjects: ["repo:acme/*"],
      ttl: "1h",
    });
  });

  test("unknown values read as unknown — needs review, never as a value", () => {
    const role = awsRole("aws_iam_role.x", {
      trust: { unknown: true, reason: "known only after apply" },
      maxSessionDurationSeconds: { unknown: true, reason: "var" },
    });
    const [row] = inventoryRows(graph({ identities: [identity("x", { awsRoles: [role] })] }));
    expect(row.ttl).toBe(UNKNOWN_TEXT);
    expect(row.subjects).toEqual([UNKNOWN_TEXT]);
  });

  test("a Vault role with a periodic token is unbounded", () => {
    const [row] = inventoryRows(
      graph({
        identities: [
          identity("v", { vaultRoles: [vaultRole("vault_jwt_auth_backend_role.v", { tokenPeriod: 3600 })] }),
        ],
      }),
    );
    expect(row.ttl).toBe("unbounded (periodic token)");
    expect(row.ttlSeconds).toBeUndefined();
  });

  test("rows are ordered by id", () => {
    const rows = inventoryRows(
      graph({ identities: [deployIdentity("b"), deployIdentity("a"), deployIdentity("C")] }),
    );
    expect(rows.map((r) => r.id)).toEqual(["C", "a", "b"]);
  });
});
