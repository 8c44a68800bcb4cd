import { ACCOUNTABILITY_RULES } from "../../../lib/rules/accountability";
import { WI101_NO_OWNER as rule } from "../../../lib/rules/accountability/wi101-no-owner";
import { graph, vaultRole } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared, handWritten, serviceRole } from "./accountability-fixtures";

describe("WI101 identity has no owner", () => {
  it("Compliance: declared owner, owner tags, and service roles (never judged)", () => {
    const g = graph({
      identities: [
        declared("app/ok"),
        handWritten("tagged", { source: "tags", owner: { team: "payments", contact: "p@example.com" } }),
        serviceRole("lambda_exec"),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: a record missing its owner contact is an error", () => {
    const g = graph({
      identities: [declared("app/no-contact", { owner: { team: "payments", contact: "" } })],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(["aws_iam_role.app_no_contact error"]);
    expect(results[0]).toMatchObject({
      message: 'Identity "app/no-contact" has no owner contact.',
      identityIds: ["app/no-contact"],
    });
  });

  it("Noncompliance 2: hand-written workload roles without owner are warnings", () => {
    const g = graph({
      identities: [
        handWritten("untagged"),
        handWritten("team-only", { source: "tags", owner: { team: "payments" } }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.team-only warning",
      "aws_iam_role.untagged warning",
    ]);
    expect(results.map((r) => r.message)).toEqual([
      'Identity "aws_iam_role.untagged" has no accountability record: no owner, approver, TTL or description.',
      'Identity "aws_iam_role.team-only" has no owner contact.',
    ]);
  });

  it("Noncompliance 3: a Vault role whose policy header gives only a TTL is a partial record, reported field by field", () => {
    const g = graph({
      identities: [handWritten("header-ttl", { source: "vault-policy-header", ttlSeconds: 900 })],
    });
    expect(run(rule, g).map((r) => r.message)).toEqual([
      'Identity "aws_iam_role.header-ttl" has no owner team or contact.',
    ]);
  });

  it("an identity with no accountability at all yields exactly one accountability finding: WI101", () => {
    const g = graph({
      identities: [
        handWritten("untagged"),
        handWritten(
          "vault-reader",
          { source: "none" },
          { awsRoles: [], vaultRoles: [vaultRole("vault_jwt_auth_backend_role.reader")] },
        ),
      ],
    });
    const all = ACCOUNTABILITY_RULES.flatMap((r) =>
      run(r, g).map((result) => `${r.id} ${result.location.address} ${result.severity ?? r.severity}`),
    );
    expect(all.sort()).toEqual([
      "WI101 aws_iam_role.untagged warning",
      "WI101 vault_jwt_auth_backend_role.reader warning",
    ]);
  });
});
