import type { AwsPolicy, Identity } from "../../../lib/model/graph";
import type { PolicyStatement } from "../../../lib/model/iam-policy";
import { unknown } from "../../../lib/model/unknown";
import { arnPatternsOverlap } from "../../../lib/pattern/arn";
import {
  WI302_SHARED_AWS_SECRET,
  sharedAwsSecrets,
} from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import {
  awsPolicy,
  awsRole,
  awsUser,
  doc,
  graph,
  identity,
  loc,
  statement,
} from "../../support/graph-builder";
import { findings, flagged, run } from "../harness";
import { seeded } from "../../support/seeded-random";

const rule = WI302_SHARED_AWS_SECRET;
const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";

function allow(
  actions: string[],
  resources: string[],
  extra: Partial<PolicyStatement> = {},
): PolicyStatement {
  return statement({ actions, resources, ...extra });
}

/** An identity with one role carrying one inline policy `aws_iam_role_policy.<id>`. */
function awsIdentity(
  id: string,
  statements: PolicyStatement[] | AwsPolicy["document"],
  stack?: string,
  extra: AwsPolicy[] = [],
): Identity {
  const document = Array.isArray(statements) ? doc(...statements) : statements;
  const policy = awsPolicy(`aws_iam_role_policy.${id}`, document, {
    location: loc(`aws_iam_role_policy.${id}`, { stack }),
    attachedTo: [`aws_iam_role.${id}`],
  });
  const role = awsRole(`aws_iam_role.${id}`, {
    location: loc(`aws_iam_role.${id}`, { stack }),
    policies: [policy, ...extra],
  });
  return identity(id, { stack, awsRoles: [role] });
}

describe("WI302 shared AWS secret", () => {
  test("Noncompliance: an IAM policy variable takes any value per request, so a per-caller grant overlaps", () => {
    const g = graph({
      identities: [
        awsIdentity("a", [allow(["secretsmanager:GetSecretValue"], [`${SECRET}home-\${aws:username}-*`])]),
        awsIdentity("b", [allow(["secretsmanager:GetSecretValue"], [`${SECRET}home-alice-db`])]),
        awsIdentity("c", [allow(["secretsmanager:GetSecretValue"], [`${SECRET}work-alice-db`])]),
      ],
    });
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.a error"]);
    expect(run(rule, g)[0].identityIds).toEqual(["a", "b"]);
  });

  test("Compliance: per-workload secret prefixes, Deny statements, S3 objects, and secret actions on non-secret ARNs", () => {
    const g = graph({
      identities: [
        awsIdentity("a", [
          allow(["secretsmanager:GetSecretValue"], [`${SECRET}app-a/*`]),
          allow(["s3:GetObject"], ["arn:aws:s3:::shared/*"]),
        ]),
        awsIdentity("b", [
          allow(["secretsmanager:GetSecretValue"], [`${SECRET}app-b/*`]),
          allow(["s3:GetObject"], ["arn:aws:s3:::shared/*"]),
          allow(["secretsmanager:GetSecretValue"], ["*"], { effect: "Deny" }),
        ]),
        awsIdentity("c", [
          allow(["secretsmanager:GetSecretValue", "s3:GetObject"], ["arn:aws:s3:::shared/*"]),
        ]),
      ],
    });
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Noncompliance 1: overlapping Secrets Manager globs name both identities", () => {
    const g = graph({
      identities: [
        awsIdentity("a", [allow(["secretsmanager:GetSecretValue"], [`${SECRET}app-*`])], "one"),
        awsIdentity("b", [allow(["secretsmanager:getsecretvalue"], [`${SECRET}app-b-??????`])], "two"),
      ],
    });
    expect(flagged(rule, g)).toEqual(["one:aws_iam_role_policy.a error"]);
    const [result] = run(rule, g);
    expect(result.identityIds).toEqual(["a", "b"]);
    expect(result.related?.map((l) => l.address)).toEqual(["aws_iam_role_policy.b"]);
    expect(result.message).toMatch(/"a".*"b"/);
  });

  test("Noncompliance 2: action wildcards, `*` resources, SSM, KMS and NotAction count", () => {
    const key = "arn:aws:kms:us-east-1:111122223333:key/1234";
    const g = graph({
      identities: [
        awsIdentity("admin", [allow(["*"], ["*"])]),
        awsIdentity("ssm", [
          allow(["ssm:GetParameter*"], ["arn:aws:ssm:us-east-1:111122223333:parameter/app/db"]),
        ]),
        awsIdentity("kms", [allow(["kms:Decrypt"], [key])]),
        awsIdentity("kms2", [allow(["kms:*"], [key])]),
        awsIdentity("notaction", [statement({ notActions: ["iam:*"], resources: [`${SECRET}x`] })]),
      ],
    });
    // admin meets each of the others: ssm, notaction (secret x), and the key kms and kms2 share,
    // which is one finding for the three of them besides kms and kms2's own.
    expect(flagged(rule, g)).toEqual([
      "aws_iam_role_policy.admin error",
      "aws_iam_role_policy.admin error",
      "aws_iam_role_policy.admin error",
      "aws_iam_role_policy.kms error",
    ]);
    expect(
      run(rule, g)
        .map((r) => r.identityIds?.join("+"))
        .sort(),
    ).toEqual(["admin+kms+kms2", "admin+notaction", "admin+ssm", "kms+kms2"]);
  });

  test("one result per identity pair: two `*` on `*` principals meet on all four kinds once", () => {
    const g = graph({
      identities: [awsIdentity("one", [allow(["*"], ["*"])]), awsIdentity("two", [allow(["*"], ["*"])])],
    });
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.one error"]);
    const [result] = run(rule, g);
    expect(result.message).toBe(
      'Identities "one" and "two" both reach 4 secret-bearing resources (via "*"): Secrets Manager secret "*"; ' +
        'SSM parameter "*"; KMS key (decrypt) "*"; and 1 more.',
    );
    expect(result.key).toBe(JSON.stringify(["one", "two"]));
    expect(result.identityIds).toEqual(["one", "two"]);
    expect(result.related?.map((l) => l.address)).toEqual(["aws_iam_role_policy.two"]);
  });

  test("one result per identity pair lists the first three overlaps, counts the rest, relates every policy", () => {
    const names = ["a", "b", "c", "d", "e"];
    const extra = awsPolicy(
      "aws_iam_role_policy.left-extra",
      doc(allow(["secretsmanager:GetSecretValue"], [`${SECRET}e`])),
    );
    const g = graph({
      identities: [
        awsIdentity(
          "left",
          [
            allow(
              ["secretsmanager:GetSecretValue"],
              names.slice(0, 4).map((n) => SECRET + n),
            ),
          ],
          undefined,
          [extra],
        ),
        awsIdentity("right", [
          allow(
            ["secretsmanager:PutSecretValue"],
            names.map((n) => SECRET + n),
          ),
        ]),
        awsIdentity("other", [allow(["secretsmanager:GetSecretValue"], [`${SECRET}z`])]),
      ],
    });
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.left error"]);
    const [result] = run(rule, g);
    expect(result.message).toBe(
      `Identities "left" and "right" both reach 5 secret-bearing resources ` +
        `(via "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"): ` +
        `Secrets Manager secret "${SECRET}a"; Secrets Manager secret "${SECRET}b"; ` +
        `Secrets Manager secret "${SECRET}c"; and 2 more.`,
    );
    expect(result.related?.map((l) => l.address)).toEqual([
      "aws_iam_role_policy.left-extra",
      "aws_iam_role_policy.right",
    ]);
    expect(findings(rule, g)).toHaveLength(1);
  });

  test("Terraform references: the same reference in one stack is shared, different ones are not, `*` reaches both", () => {
    const ref = "${aws_secretsmanager_secret.db.arn}";
    const g = graph({
      identities: [
        awsIdentity("a", [allow(["secretsmanager:GetSecretValue"], [ref])], "s"),
        awsIdentity("b", [allow(["secretsmanager:GetSecretValue"], [ref])], "s"),
        awsIdentity(
          "c",
          [allow(["secretsmanager:GetSecretValue"], ["${aws_secretsmanager_secret.other.arn}"])],
          "s",
        ),
        awsIdentity("d", [allow(["secretsmanager:GetSecretValue"], [ref])], "elsewhere"),
        awsIdentity("e", [allow(["secretsmanager:GetSecretValue"], ["${aws_s3_bucket.b.arn}"])], "s"),
      ],
    });
    expect(flagged(rule, g)).toEqual(["s:aws_iam_role_policy.a error"]);
    const withStar = graph({
      identities: [...g.identities, awsIdentity("z", [allow(["secretsmanager:*"], ["*"])], "s")],
    });
    expect(flagged(rule, withStar)).toEqual([
      "elsewhere:aws_iam_role_policy.d error",
      "s:aws_iam_role_policy.a error",
      "s:aws_iam_role_policy.a error",
      "s:aws_iam_role_policy.c error",
    ]);
    // a and b share the reference; z's `*` reaches it too: one finding for the three.
    expect(
      run(rule, withStar)
        .map((r) => r.identityIds?.join("+"))
        .sort(),
    ).toEqual(["a+b", "a+b+z", "c+z", "d+z"]);
  });

  test("Unknown: a reference against a partial literal pattern, and an unknown policy, are one warning per identity", () => {
    const g = graph({
      identities: [
        awsIdentity("ref", [
          allow(
            ["secretsmanager:GetSecretValue"],
            ["${aws_secretsmanager_secret.x.arn}", "${aws_secretsmanager_secret.y.arn}"],
          ),
        ]),
        awsIdentity("lit", [allow(["secretsmanager:GetSecretValue"], [`${SECRET}payments/*`])]),
        awsIdentity("lit2", [allow(["secretsmanager:GetSecretValue"], [`${SECRET}billing/*`])]),
        awsIdentity("opaque", unknown("known only after apply")),
        awsIdentity("region", [
          allow(["ssm:GetParameter"], ["arn:aws:ssm:${var.region}:111122223333:parameter/app/*"]),
        ]),
        awsIdentity("region2", [
          allow(["ssm:GetParameter"], ["arn:aws:ssm:us-east-1:111122223333:parameter/app/db"]),
        ]),
        awsIdentity("region3", [
          allow(["ssm:GetParameter"], ["arn:aws:ssm:us-east-1:111122223333:parameter/other"]),
        ]),
      ],
    });
    expect(flagged(rule, g)).toEqual([
      "aws_iam_role.opaque warning unknown",
      "aws_iam_role.ref warning unknown",
      "aws_iam_role.region warning unknown",
    ]);
  });

  test("AWS-managed policies: known-broad names reach secrets, others are not evaluated", () => {
    const admin = awsPolicy("aws_iam_role_policy_attachment.admin", unknown("AWS-managed"), {
      kind: "aws-managed",
      arn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
    const worker = awsPolicy("aws_iam_role_policy_attachment.worker", unknown("AWS-managed"), {
      kind: "aws-managed",
      arn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    });
    const g = graph({
      identities: [
        awsIdentity("irsa", [], undefined, [admin]),
        awsIdentity("node", [], undefined, [worker]),
        awsIdentity("app", [
          allow(["ssm:GetParameters"], ["arn:aws:ssm:us-east-1:111122223333:parameter/app"]),
        ]),
      ],
    });
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.app error"]);
    expect(run(rule, g)[0].related?.map((l) => l.address)).toEqual(["aws_iam_role_policy_attachment.admin"]);
  });

  test("group policies reach the users in the group", () => {
    const groupPolicy = awsPolicy(
      "aws_iam_group_policy.ops",
      doc(allow(["secretsmanager:GetSecretValue"], [`${SECRET}ops`])),
    );
    const g = graph({
      identities: [
        identity("user", { awsUsers: [awsUser("aws_iam_user.u", { groups: ["ops"] })] }),
        awsIdentity("b", [allow(["secretsmanager:GetSecretValue"], [`${SECRET}ops`])]),
      ],
      awsGroups: [{ location: loc("aws_iam_group.ops"), name: "ops", policies: [groupPolicy] }],
    });
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.b error"]);
  });

  test("indexed pairs equal the naive all-pairs result on 200 random identities", () => {
    const random = seeded(302);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const randomArn = () => {
      if (random() < 0.01) return "*";
      const region = random() < 0.1 ? "*" : pick(["us-east-1", "eu-west-1"]);
      const account = random() < 0.1 ? "*" : pick(["111122223333", "444455556666"]);
      const name = pick(["app", "app-a", "ap?-b", "pay", "pay/db", "a*", "p*", "app-*"]);
      return `arn:aws:secretsmanager:${region}:${account}:secret:${name}${pick(["", "-AbCdEf", "*"])}`;
    };
    const identities = Array.from({ length: 200 }, (_, i) =>
      awsIdentity(`id-${String(i).padStart(3, "0")}`, [
        allow(["secretsmanager:GetSecretValue"], [randomArn(), randomArn()]),
      ]),
    );
    const g = graph({ identities });
    // Every share stands for the pairs of its identities; expanded, they are the all-pairs result.
    const indexed = new Set<string>();
    for (const { sides } of sharedAwsSecrets(g).shares) {
      const [left, right] = sides.length === 1 ? [sides[0], sides[0]] : sides;
      for (const a of left) {
        for (const b of right) {
          if (a.owner < b.owner) indexed.add(`${a.owner}|${b.owner}|${a.resource}|${b.resource}`);
          else if (b.owner < a.owner) indexed.add(`${b.owner}|${a.owner}|${b.resource}|${a.resource}`);
        }
      }
    }
    const resources = identities.map((i) => {
      const document = i.awsRoles[0].policies[0].document;
      return {
        id: i.id,
        arns: [...new Set("statements" in document ? document.statements[0].resources : [])],
      };
    });
    const naive: string[] = [];
    for (let i = 0; i < resources.length; i++) {
      for (let j = i + 1; j < resources.length; j++) {
        for (const a of resources[i].arns) {
          for (const b of resources[j].arns) {
            if (arnPatternsOverlap(a, b)) naive.push(`${resources[i].id}|${resources[j].id}|${a}|${b}`);
          }
        }
      }
    }
    expect(naive.length).toBeGreaterThan(100);
    expect([...indexed].sort()).toEqual([...new Set(naive)].sort());
  });
});
