import { diffReview, isQuietReview } from "../../lib/review/review-diff";
import { doc, statement } from "../support/graph-builder";
import { GITHUB, deployIdentity, evaluation, finding } from "./review-fixtures";

const kinds = (diff: ReturnType<typeof diffReview>) =>
  Object.fromEntries(diff.identities.changed.map((i) => [i.id, i.changes.map((c) => c.kind)]));

describe("diffReview: identities", () => {
  test("added, removed and changed are exact; an untouched identity is in none of them", () => {
    const base = evaluation([deployIdentity("api"), deployIdentity("old"), deployIdentity("same")]);
    const head = evaluation([
      deployIdentity("api", { ttl: 7200 }),
      deployIdentity("new"),
      deployIdentity("same"),
    ]);
    const diff = diffReview(base, head);
    expect(diff.identities.added.map((i) => i.id)).toEqual(["new"]);
    expect(diff.identities.removed.map((i) => i.id)).toEqual(["old"]);
    expect(kinds(diff)).toEqual({ api: ["ttl-raised"] });
    expect(diff.identities.changed[0].changes[0]).toMatchObject({ before: "30m", after: "2h" });
    expect(diff.accountability.map((r) => [r.id, r.status])).toEqual([
      ["api", "changed"],
      ["new", "added"],
      ["same", "unchanged"],
    ]);
  });

  test("each kind of change is detected on its own", () => {
    const base = evaluation([
      deployIdentity("ttl-down"),
      deployIdentity("scope"),
      deployIdentity("vault-cap"),
      deployIdentity("pattern"),
      deployIdentity("subject"),
      deployIdentity("owner"),
      deployIdentity("approver"),
      deployIdentity("narrow", { actions: ["s3:PutObject", "s3:DeleteObject"] }),
    ]);
    const head = evaluation([
      deployIdentity("ttl-down", { ttl: 900 }),
      deployIdentity("scope", { actions: ["s3:PutObject", "s3:DeleteObject"] }),
      deployIdentity("vault-cap", { vaultCapabilities: ["read", "update"] }),
      deployIdentity("pattern", { sub: "repo:acme/*", operator: "StringLike" }),
      deployIdentity("subject", { sub: "repo:acme/api:ref:refs/heads/main" }),
      deployIdentity("owner", { owner: "platform" }),
      deployIdentity("approver", { approver: "someone-else" }),
      deployIdentity("narrow"),
    ]);
    const diff = diffReview(base, head);
    expect(kinds(diff)).toEqual({
      "ttl-down": ["ttl-lowered"],
      scope: ["scope-widened"],
      "vault-cap": ["scope-widened"],
      pattern: ["trust-widened"],
      subject: ["trust-widened"],
      owner: ["owner-changed"],
      approver: ["approver-changed"],
      narrow: ["scope-narrowed"],
    });
    const byId = Object.fromEntries(diff.identities.changed.map((i) => [i.id, i.changes[0]]));
    expect(byId.scope.added).toEqual(["AWS allow s3:DeleteObject on arn:aws:s3:::acme-artifacts/api/*"]);
    expect(byId["vault-cap"].added).toEqual(["Vault update secret/data/payments/api"]);
    expect(byId.pattern.summary).toBe("Trust widened: wildcard pattern introduced");
    expect(byId.pattern.added).toEqual([`AWS role requires StringLike ${GITHUB}:sub = repo:acme/*`]);
    expect(byId.subject.removed).toEqual([
      `AWS role requires StringEquals ${GITHUB}:sub = repo:acme/api:environment:production`,
    ]);
    expect(byId.owner).toMatchObject({
      before: "payments (payments@example.com)",
      after: "platform (payments@example.com)",
    });
  });

  test("a condition on a new key only changes trust; removing it widens trust", () => {
    const trust = (extra: boolean) =>
      doc(
        statement({
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", values: [`arn:aws:iam::111122223333:oidc-provider/${GITHUB}`] }],
          conditions: [
            {
              operator: "StringEquals",
              key: `${GITHUB}:sub`,
              values: ["repo:acme/api:environment:production"],
            },
            ...(extra
              ? [
                  {
                    operator: "StringEquals",
                    key: `${GITHUB}:job_workflow_ref`,
                    values: ["acme/api/.github/workflows/deploy.yml@refs/heads/main"],
                  },
                ]
              : []),
          ],
        }),
      );
    const diff = diffReview(
      evaluation([deployIdentity("x", { trust: trust(false) })]),
      evaluation([deployIdentity("x", { trust: trust(true) })]),
    );
    expect(kinds(diff)).toEqual({ x: ["trust-changed"] });

    const back = diffReview(
      evaluation([deployIdentity("x", { trust: trust(true) })]),
      evaluation([deployIdentity("x", { trust: trust(false) })]),
    );
    expect(kinds(back)).toEqual({ x: ["trust-widened"] });
  });

  test("an approval expiring soon is not a change (WI105 reports it): only the approver change counts", () => {
    const base = evaluation([deployIdentity("soon"), deployIdentity("later"), deployIdentity("past")]);
    const head = evaluation([
      deployIdentity("soon", { approvalExpires: "2026-12-07" }),
      deployIdentity("later", { approvalExpires: "2027-01-30" }),
      deployIdentity("past", { approvalExpires: "2026-11-01" }),
    ]);
    const diff = diffReview(base, head);
    expect(kinds(diff)).toEqual({
      soon: ["approver-changed"],
      later: ["approver-changed"],
      past: ["approver-changed"],
    });
    const same = diffReview(head, head);
    expect(same.identities).toEqual({ added: [], removed: [], changed: [] });
    expect(isQuietReview(same)).toBe(true);
  });
});

describe("diffReview: findings by fingerprint", () => {
  test("new, fixed and unchanged are exact; only new unsuppressed errors block", () => {
    const suppression = {
      ruleId: "WI101",
      reason: "Accepted for the migration window only",
      approver: "sec",
      expiresOn: "2027-01-01",
    };
    const base = evaluation([], [finding("WI101", "kept"), finding("WI201", "gone")]);
    const head = evaluation(
      [],
      [
        finding("WI101", "kept", { message: "reworded message, same fingerprint" }),
        finding("WI203", "fresh-error"),
        finding("WI501", "fresh-warning", { severity: "warning" }),
        finding("WI101", "fresh-suppressed", { suppressedBy: suppression }),
      ],
    );
    const diff = diffReview(base, head);
    expect(diff.findings.new.map((f) => f.fingerprint)).toEqual([
      "fresh-error",
      "fresh-warning",
      "fresh-suppressed",
    ]);
    expect(diff.findings.fixed.map((f) => f.fingerprint)).toEqual(["gone"]);
    expect(diff.findings.unchanged.map((f) => [f.fingerprint, f.message])).toEqual([
      ["kept", "reworded message, same fingerprint"],
    ]);
    expect(diff.blocking.map((f) => f.fingerprint)).toEqual(["fresh-error"]);
  });

  test("a pre-existing blocking finding does not block the review", () => {
    const same = [finding("WI201", "old")];
    const diff = diffReview(evaluation([deployIdentity("a")], same), evaluation([deployIdentity("a")], same));
    expect(diff.blocking).toEqual([]);
    expect(isQuietReview(diff)).toBe(true);
  });
});
