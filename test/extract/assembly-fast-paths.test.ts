import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadInputs } from "../../lib/cli/load-inputs";
import { buildGraph } from "../../lib/extract/build-graph";
import { parsePolicyJson, resolveDocumentStringsInPlace } from "../../lib/extract/iam-policy-json";
import type { InputDocument } from "../../lib/extract/input-document";
import type { AwsRole, IdentityGraph } from "../../lib/model/graph";
import type { PolicyDocument } from "../../lib/model/iam-policy";
import { MAX_PATTERN_LENGTH, oversizedStatementValue } from "../../lib/model/pattern-limits";
import { isUnknown } from "../../lib/model/unknown";

function terraformJson(json: unknown): IdentityGraph {
  const document: InputDocument = { file: "main.tf.json", format: "terraform-json", json };
  return buildGraph([document]);
}

function roleAt(graph: IdentityGraph, address: string): AwsRole {
  const role = graph.identities.flatMap((i) => i.awsRoles).find((r) => r.location.address === address);
  if (!role) throw new Error(`no role ${address}`);
  return role;
}

const TRUST = JSON.stringify({
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }],
});

describe("resolveDocumentStringsInPlace", () => {
  test("GIVEN a document with braces in some strings WHEN resolved THEN exactly those strings change, everywhere they occur", () => {
    const document = parsePolicyJson(
      JSON.stringify({
        Statement: {
          Effect: "Allow",
          Action: ["s3:GetObject", "${var.action}"],
          NotResource: "${var.resource}",
          Principal: { AWS: ["plain", "${var.principal}"] },
          NotPrincipal: { Federated: "${var.federated}" },
          Condition: { StringEquals: { "${var.key}:sub": ["a", "${var.value}"], plain: "b" } },
        },
      }),
    ) as PolicyDocument;
    const seen: string[] = [];
    resolveDocumentStringsInPlace(document, (value) => {
      seen.push(value);
      return value.toUpperCase();
    });
    expect(seen.sort()).toEqual(
      [
        "${var.action}",
        "${var.resource}",
        "${var.principal}",
        "${var.federated}",
        "${var.key}:sub",
        "${var.value}",
      ].sort(),
    );
    const [statement] = document.statements;
    expect(statement.actions).toEqual(["s3:GetObject", "${VAR.ACTION}"]);
    expect(statement.notResources).toEqual(["${VAR.RESOURCE}"]);
    expect(statement.principals).toEqual([{ type: "AWS", values: ["plain", "${VAR.PRINCIPAL}"] }]);
    expect(statement.notPrincipals).toEqual([{ type: "Federated", values: ["${VAR.FEDERATED}"] }]);
    expect(statement.conditions).toEqual([
      { operator: "StringEquals", key: "${VAR.KEY}:SUB", values: ["a", "${VAR.VALUE}"] },
      { operator: "StringEquals", key: "plain", values: ["b"] },
    ]);
  });
});

describe("oversizedStatementValue", () => {
  const long = "a".repeat(MAX_PATTERN_LENGTH + 1);
  const base = {
    effect: "Allow" as const,
    actions: ["s3:GetObject"],
    notActions: [],
    resources: ["*"],
    notResources: [],
    principals: [],
    notPrincipals: [],
    conditions: [],
  };
  test.each([
    ["Action", { actions: ["s3:GetObject", long] }],
    ["NotAction", { notActions: [long] }],
    ["Resource", { resources: ["*", long] }],
    ["NotResource", { notResources: [long] }],
    [
      "Principal",
      {
        principals: [
          { type: "AWS" as const, values: ["a"] },
          { type: "AWS" as const, values: [long] },
        ],
      },
    ],
    ["NotPrincipal", { notPrincipals: [{ type: "Service" as const, values: [long] }] }],
    ["Condition", { conditions: [{ operator: "StringEquals", key: long, values: ["x"] }] }],
    ["Condition", { conditions: [{ operator: "StringEquals", key: "k", values: ["x", long] }] }],
  ])("GIVEN a too long %s value WHEN checked THEN it is named with its length", (field, change) => {
    expect(oversizedStatementValue({ ...base, ...change })).toBe(
      `${field} has a value of ${long.length} characters, above the ${MAX_PATTERN_LENGTH}-character limit`,
    );
  });

  test("GIVEN values at the limit WHEN checked THEN nothing is reported", () => {
    const atLimit = "a".repeat(MAX_PATTERN_LENGTH);
    expect(
      oversizedStatementValue({
        ...base,
        actions: [atLimit],
        principals: [{ type: "AWS", values: [atLimit] }],
        conditions: [{ operator: "StringEquals", key: atLimit, values: [atLimit] }],
      }),
    ).toBeUndefined();
  });
});

describe("role tags", () => {
  test("GIVEN literal tags and default tags WHEN read THEN explicit tags win and keep the input's keys", () => {
    const graph = terraformJson({
      resource: {
        aws_iam_role: {
          r: {
            name: "r",
            assume_role_policy: TRUST,
            // Parsed, as input is: a `__proto__` key is then an ordinary key.
            tags: JSON.parse('{"team": "payments", "__proto__": "literal"}') as unknown,
            tags_all: { team: "default", region: "eu" },
          },
        },
      },
    });
    const tags = roleAt(graph, "aws_iam_role.r").tags;
    expect(isUnknown(tags)).toBe(false);
    expect(Object.entries(tags)).toEqual([
      ["team", "payments"],
      ["region", "eu"],
      ["__proto__", "literal"],
    ]);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
  });

  test("GIVEN tags with numbers, nulls and resolvable references WHEN read THEN each is read as an attribute value", () => {
    const graph = terraformJson({
      variable: { team: { default: "payments" } },
      resource: {
        aws_iam_role: {
          r: {
            name: "r",
            assume_role_policy: TRUST,
            tags: { team: "${var.team}", ttl: 3600, gone: null, escaped: "$${aws:username}" },
          },
        },
      },
    });
    expect(roleAt(graph, "aws_iam_role.r").tags).toEqual({
      team: "payments",
      ttl: "3600",
      escaped: "${aws:username}",
    });
  });

  test("GIVEN a tag that cannot be resolved WHEN read THEN the tags are unknown", () => {
    const graph = terraformJson({
      resource: {
        aws_iam_role: {
          r: { name: "r", assume_role_policy: TRUST, tags: { team: "${aws_s3_bucket.b.id}" } },
        },
      },
    });
    expect(isUnknown(roleAt(graph, "aws_iam_role.r").tags)).toBe(true);
  });
});

describe("policy document sources", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-sources-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(relative: string, json: unknown): void {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
  }

  test("GIVEN a trust policy that is a module output of a policy document WHEN read THEN the document is its source", () => {
    write("main.tf.json", {
      module: { docs: { source: "./docs" } },
      resource: { aws_iam_role: { r: { name: "r", assume_role_policy: "${module.docs.trust}" } } },
    });
    write("docs/main.tf.json", {
      data: {
        aws_iam_policy_document: {
          t: {
            statement: [
              {
                actions: ["sts:AssumeRole"],
                principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
              },
            ],
          },
        },
      },
      output: { trust: { value: "${data.aws_iam_policy_document.t.json}" } },
    });
    const graph = buildGraph(loadInputs([dir]));
    const role = roleAt(graph, "aws_iam_role.r");
    expect(role.trustSources).toEqual(["module.docs.data.aws_iam_policy_document.t"]);
    expect(graph.notes.map((n) => n.message)).toEqual([]);
  });

  test("GIVEN a policy naming the account's data sources only WHEN read THEN it has no document source", () => {
    write("main.tf.json", {
      data: { aws_caller_identity: { me: {} }, aws_iam_policy_document: { unused: {} } },
      resource: {
        aws_iam_role: {
          r: {
            name: "r",
            assume_role_policy: JSON.stringify({
              Statement: [
                {
                  Effect: "Allow",
                  Action: "sts:AssumeRole",
                  Principal: { AWS: "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root" },
                },
              ],
            }),
          },
        },
      },
    });
    const graph = buildGraph(loadInputs([dir]));
    expect(roleAt(graph, "aws_iam_role.r").trustSources).toEqual([]);
    expect(graph.notes.map((n) => n.location.address)).toEqual(["data.aws_iam_policy_document.unused"]);
  });
});
