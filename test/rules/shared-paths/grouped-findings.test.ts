/**
 * Shared-path rules report one finding per shared thing: N identities reaching one secret, one
 * Vault path or accepting one token are one finding naming all N (capped in the message, complete
 * in identityIds and related locations), and two identities keep the fingerprint pair findings had.
 */
import { evaluate } from "../../../lib/engine/evaluate";
import { buildGraph } from "../../../lib/extract/build-graph";
import { fingerprint } from "../../../lib/engine/fingerprint";
import type { Identity } from "../../../lib/model/graph";
import type { IdentityRecord } from "../../../lib/model/record";
import { WI301_SHARED_VAULT_PATH } from "../../../lib/rules/shared-paths/wi301-shared-vault-path";
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { WI303_SAME_TOKEN } from "../../../lib/rules/shared-paths/wi303-same-token";
import { WI305_ROLE_CHAINING } from "../../../lib/rules/shared-paths/wi305-role-chaining";
import { WI308_AWS_ROLE_TAKEOVER } from "../../../lib/rules/shared-paths/wi308-aws-role-takeover";
import {
  awsPolicy,
  awsRole,
  doc,
  graph,
  identity,
  loc,
  policy,
  statement,
  vaultPolicy,
  vaultRole,
} from "../../support/graph-builder";
import { GITHUB, eq, webIdentityRoleIdentity } from "../trust/trust-fixtures";
import { run } from "../harness";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:shared-db-AbCdEf";
const AUD = eq(`${GITHUB}:aud`, "sts.amazonaws.com");
const SUB = `${GITHUB}:sub`;
const id = (i: number) => `id-${String(i).padStart(3, "0")}`;

function secretReader(name: string, resource = SECRET, extra: Partial<Identity> = {}): Identity {
  const policy = awsPolicy(
    `aws_iam_role_policy.${name}`,
    doc(statement({ actions: ["secretsmanager:GetSecretValue"], resources: [resource] })),
  );
  return identity(name, {
    awsRoles: [awsRole(`aws_iam_role.${name}`, { policies: [policy] })],
    ...extra,
  });
}

function vaultReader(name: string, path: string): Identity {
  const held = vaultPolicy(`vault_policy.${name}`, [{ path, capabilities: ["read"] }]);
  return identity(name, {
    vaultRoles: [
      vaultRole(`vault_jwt_auth_backend_role.${name}`, {
        tokenPolicies: [String(held.name)],
        policies: [held],
      }),
    ],
  });
}

/** Identities in a scrambled order: the finding must not show the order they came in. */
function scrambled<T>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, k: (i * 7919) % items.length }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.item);
}

describe("grouped shared-path findings", () => {
  test("WI302: 50 roles reading one secret are one finding naming all 50", () => {
    const readers = Array.from({ length: 50 }, (_, i) => secretReader(id(i)));
    const results = run(WI302_SHARED_AWS_SECRET, graph({ identities: scrambled(readers) }));
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result.identityIds).toEqual(readers.map((r) => r.id));
    expect(result.location.address).toBe("aws_iam_role_policy.id-000");
    expect(result.related?.map((l) => l.address)).toEqual(
      readers.slice(1).map((r) => `aws_iam_role_policy.${r.id}`),
    );
    expect(result.message).toBe(
      `50 identities reach a secret-bearing resource (via "secretsmanager:GetSecretValue"): ` +
        `Secrets Manager secret "${SECRET}". Identities: ` +
        `${readers
          .slice(0, 10)
          .map((r) => `"${r.id}"`)
          .join(", ")} and 40 more.`,
    );
  });

  test("WI302: a reader of another secret stays out of the group", () => {
    const readers = [
      secretReader("a"),
      secretReader("b"),
      secretReader("c"),
      secretReader("d", `${SECRET}-other`),
    ];
    expect(run(WI302_SHARED_AWS_SECRET, graph({ identities: readers })).map((r) => r.identityIds)).toEqual([
      ["a", "b", "c"],
    ]);
  });

  test("WI301: 30 Vault roles reaching one path are one finding; a reader elsewhere is not in it", () => {
    const readers = Array.from({ length: 30 }, (_, i) => vaultReader(id(i), "secret/data/shared"));
    const g = graph({ identities: scrambled([...readers, vaultReader("other", "secret/data/other")]) });
    const results = run(WI301_SHARED_VAULT_PATH, g);
    expect(results.map((r) => r.identityIds)).toEqual([readers.map((r) => r.id)]);
    expect(results[0].message).toMatch(
      /^30 identities reach Vault path "secret\/data\/shared": "id-000", .* and 20 more\.$/,
    );
    expect(results[0].related).toHaveLength(29);
  });

  test("WI301: a glob covering the shared path joins the identities of both paths in one finding", () => {
    const g = graph({
      identities: [
        vaultReader("a", "secret/data/shared"),
        vaultReader("b", "secret/data/shared"),
        vaultReader("c", "secret/data/*"),
      ],
    });
    expect(
      run(WI301_SHARED_VAULT_PATH, g)
        .map((r) => `${r.identityIds?.join("+")} ${r.key}`)
        .sort(),
    ).toEqual([
      `a+b ${JSON.stringify(["secret/data/shared", "secret/data/shared"])}`,
      `a+b+c ${JSON.stringify(["secret/data/shared", "secret/data/*"])}`,
    ]);
  });

  test("WI303: 20 roles trusting one subject are one finding", () => {
    const roles = Array.from({ length: 20 }, (_, i) =>
      webIdentityRoleIdentity(id(i), [AUD, eq(SUB, "repo:acme/app:ref:refs/heads/main")]),
    );
    const results = run(WI303_SAME_TOKEN, graph({ identities: scrambled(roles) }));
    expect(results.map((r) => r.identityIds)).toEqual([roles.map((r) => r.id).sort()]);
    expect(results[0].message).toMatch(/^20 identities accept the same token from issuer .* and 10 more\.$/);
    expect(results[0].key).toBe("repo:acme/app:ref:refs/heads/main");
  });

  test("two identities keep the fingerprint their pair finding had", () => {
    const vault = run(
      WI301_SHARED_VAULT_PATH,
      graph({ identities: [vaultReader("b", "s/x"), vaultReader("a", "s/x")] }),
    );
    expect(fingerprint("WI301", vault[0])).toBe(
      fingerprint("WI301", {
        message: "",
        location: loc("vault_policy.a"),
        related: [loc("vault_policy.b")],
        identityIds: ["a", "b"],
        key: JSON.stringify(["s/x", "s/x"]),
      }),
    );
    const aws = run(WI302_SHARED_AWS_SECRET, graph({ identities: [secretReader("b"), secretReader("a")] }));
    expect(fingerprint("WI302", aws[0])).toBe(
      fingerprint("WI302", {
        message: "",
        location: loc("aws_iam_role_policy.a"),
        related: [loc("aws_iam_role_policy.b")],
        identityIds: ["a", "b"],
        key: JSON.stringify(["a", "b"]),
      }),
    );
  });

  test("a group is suppressed only when every identity in it has accepted the rule", () => {
    const suppressed = (name: string) =>
      secretReader(name, SECRET, {
        record: {
          owner: { team: "payments", contact: "p@example.com" },
          suppressions: [
            {
              ruleId: "WI302",
              reason: "one shared database secret, migration planned",
              approver: "security",
              expiresOn: "2099-01-01",
            },
          ],
        } as unknown as IdentityRecord,
      });
    const all = evaluate(
      graph({ identities: [suppressed("a"), suppressed("b"), suppressed("c")] }),
      policy(),
      [WI302_SHARED_AWS_SECRET],
    );
    expect(all.findings.map((f) => [f.identityIds.join("+"), f.suppressedBy !== undefined])).toEqual([
      ["a+b+c", true],
    ]);
    const one = evaluate(
      graph({ identities: [suppressed("a"), suppressed("b"), secretReader("c")] }),
      policy(),
      [WI302_SHARED_AWS_SECRET],
    );
    expect(one.findings.map((f) => [f.identityIds.join("+"), f.suppressedBy !== undefined])).toEqual([
      ["a+b+c", false],
    ]);
  });
});

describe("WI305: grants are grouped, not their N(N-1) edges", () => {
  const accountTrust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::111122223333:root" } },
    ],
  });
  function roles(count: number, resource: (i: number) => string) {
    const aws_iam_role: Record<string, unknown> = {};
    const aws_iam_role_policy: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      aws_iam_role[`r${i}`] = { name: `role-${i}`, assume_role_policy: accountTrust };
      aws_iam_role_policy[`p${i}`] = {
        role: `\${aws_iam_role.r${i}.name}`,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: resource(i) }],
        }),
      };
    }
    return buildGraph([
      {
        file: "main.tf.json",
        format: "terraform-json",
        json: { resource: { aws_iam_role, aws_iam_role_policy } },
      },
    ]);
  }

  test("30 roles that may all assume each other's roles are one finding naming the 30", () => {
    const results = run(
      WI305_ROLE_CHAINING,
      roles(30, () => "arn:aws:iam::111122223333:role/*"),
    );
    expect(results).toHaveLength(1);
    expect(results[0].identityIds).toEqual(Array.from({ length: 30 }, (_, i) => `aws_iam_role.r${i}`).sort());
    expect(results[0].message).toMatch(
      /^30 identities can each assume every other's role among 30 identities through "sts:AssumeRole" on "arn:aws:iam::111122223333:role\/\*": .* and 20 more\.$/,
    );
  });

  test("one grant reaching several roles is one finding; a grant reaching one role reads as before", () => {
    // r0 may assume every role; r1 only r2's.
    const g = roles(3, (i) =>
      i === 0
        ? "arn:aws:iam::111122223333:role/*"
        : i === 1
          ? "arn:aws:iam::111122223333:role/role-2"
          : "arn:aws:iam::111122223333:role/none",
    );
    expect(
      run(WI305_ROLE_CHAINING, g)
        .map((r) => `${r.identityIds?.join(">")} ${r.key}`)
        .sort(),
    ).toEqual([
      `aws_iam_role.r0>aws_iam_role.r1>aws_iam_role.r2 ${JSON.stringify(["arn:aws:iam::111122223333:role/*", "group"])}`,
      `aws_iam_role.r1>aws_iam_role.r2 ${JSON.stringify(["arn:aws:iam::111122223333:role/role-2", "", "aws_iam_role.r2"])}`,
    ]);
  });
});

describe("WI308: grants changing roles are grouped, not their edges", () => {
  const serviceTrust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } },
    ],
  });
  function admins(count: number, resource: (i: number) => string) {
    const aws_iam_role: Record<string, unknown> = {};
    const aws_iam_role_policy: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      aws_iam_role[`r${i}`] = { name: `role-${i}`, assume_role_policy: serviceTrust };
      aws_iam_role_policy[`p${i}`] = {
        role: `\${aws_iam_role.r${i}.name}`,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: resource(i) }],
        }),
      };
    }
    return buildGraph([
      {
        file: "main.tf.json",
        format: "terraform-json",
        json: { resource: { aws_iam_role, aws_iam_role_policy } },
      },
    ]);
  }

  test("20 roles that may all rewrite each other's roles are one finding naming the 20", () => {
    const results = run(
      WI308_AWS_ROLE_TAKEOVER,
      admins(20, () => "arn:aws:iam::111122223333:role/*"),
    );
    expect(results.map((r) => r.identityIds)).toEqual([
      Array.from({ length: 20 }, (_, i) => `aws_iam_role.r${i}`).sort(),
    ]);
    expect(results[0].message).toMatch(
      /^20 identities can each change the roles of the others among 20 identities/,
    );
  });

  test("one grant changing two roles is one finding on the grant; one changing a single role reads as before", () => {
    const g = admins(3, (i) =>
      i === 0
        ? "arn:aws:iam::111122223333:role/*"
        : i === 1
          ? "arn:aws:iam::111122223333:role/role-2"
          : "arn:aws:iam::111122223333:role/none",
    );
    expect(
      run(WI308_AWS_ROLE_TAKEOVER, g)
        .map((r) => `${r.location.address} ${r.identityIds?.join(">")}`)
        .sort(),
    ).toEqual([
      "aws_iam_role_policy.p0 aws_iam_role.r0>aws_iam_role.r1>aws_iam_role.r2",
      "aws_iam_role_policy.p1 aws_iam_role.r1>aws_iam_role.r2",
    ]);
  });
});
