import { normalisePolicy, parsePolicyJson } from "../../lib/extract/iam-policy-json";
import type { PolicyDocument } from "../../lib/model/iam-policy";
import { isUnknown } from "../../lib/model/unknown";

function known(text: string): PolicyDocument {
  const document = parsePolicyJson(text);
  if (isUnknown(document)) throw new Error(`expected a document, got unknown: ${document.reason}`);
  return document;
}

describe("parsePolicyJson", () => {
  test("GIVEN single values WHEN normalised THEN every list field is a list of strings", () => {
    const document = known(
      JSON.stringify({
        Statement: { Sid: "One", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
      }),
    );
    expect(document).toEqual({
      statements: [
        {
          sid: "One",
          effect: "Allow",
          actions: ["s3:GetObject"],
          notActions: [],
          resources: ["arn:aws:s3:::b/*"],
          notResources: [],
          principals: [],
          notPrincipals: [],
          conditions: [],
        },
      ],
    });
  });

  test("GIVEN Principal * and NotAction/NotResource WHEN normalised THEN kept as written", () => {
    const [statement] = known(
      JSON.stringify({
        Statement: [
          {
            Effect: "Deny",
            NotAction: ["iam:*"],
            NotResource: "*",
            Principal: "*",
            NotPrincipal: { AWS: ["a", "b"] },
          },
        ],
      }),
    ).statements;
    expect(statement.principals).toEqual([{ type: "*", values: ["*"] }]);
    expect(statement.notPrincipals).toEqual([{ type: "AWS", values: ["a", "b"] }]);
    expect(statement.notActions).toEqual(["iam:*"]);
    expect(statement.notResources).toEqual(["*"]);
    expect(statement.effect).toBe("Deny");
  });

  test("GIVEN conditions with strings, lists, numbers and booleans WHEN normalised THEN one entry per operator and key, values as strings", () => {
    const [statement] = known(
      JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" },
            Condition: {
              StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
              "ForAnyValue:StringLike": {
                "token.actions.githubusercontent.com:sub": ["repo:a/b:*", "repo:a/c:*"],
              },
              NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
              Bool: { "aws:SecureTransport": true },
            },
          },
        ],
      }),
    ).statements;
    expect(statement.conditions).toEqual([
      {
        operator: "StringEquals",
        key: "token.actions.githubusercontent.com:aud",
        values: ["sts.amazonaws.com"],
      },
      {
        operator: "ForAnyValue:StringLike",
        key: "token.actions.githubusercontent.com:sub",
        values: ["repo:a/b:*", "repo:a/c:*"],
      },
      { operator: "NumericLessThan", key: "aws:MultiFactorAuthAge", values: ["3600"] },
      { operator: "Bool", key: "aws:SecureTransport", values: ["true"] },
    ]);
  });

  test("GIVEN CRLF line endings WHEN parsed THEN the document is read", () => {
    const text =
      '{\r\n  "Statement": [\r\n    {"Effect": "Allow", "Action": ["s3:Get*", "iam:*"], "Resource": "*"}\r\n  ]\r\n}\r\n';
    expect(known(text).statements[0].actions).toEqual(["s3:Get*", "iam:*"]);
  });

  test.each([
    ["not json", /^policy is not valid JSON/],
    ['"a string"', /^policy is not a JSON object/],
    ["{}", /^policy has no Statement$/],
    ['{"Statement":[{"Effect":"Maybe","Action":"*"}]}', /^Statement 1: Effect must be "Allow" or "Deny"/],
    [
      '{"Statement":[{"Effect":"Allow","Action":{"a":1}}]}',
      /^Statement 1: Action must be a string or a list of strings$/,
    ],
    [
      '{"Statement":[{"Effect":"Allow","Principal":{"Weird":"x"}}]}',
      /^Statement 1: Principal has an unsupported type "Weird"$/,
    ],
    [
      '{"Statement":[{"Effect":"Allow","Principal":["x"]}]}',
      /^Statement 1: Principal must be "\*" or an object/,
    ],
    [
      '{"Statement":[{"Effect":"Allow","Condition":{"StringEquals":"x"}}]}',
      /^Statement 1: Condition StringEquals must map/,
    ],
  ])("GIVEN malformed policy %s WHEN parsed THEN Unknown with the reason", (text, reason) => {
    const document = parsePolicyJson(text);
    expect(isUnknown(document)).toBe(true);
    expect(isUnknown(document) && document.reason).toMatch(reason);
  });

  test("GIVEN unresolved Terraform expression WHEN not JSON THEN the reason says so", () => {
    const document = normalisePolicy(undefined);
    expect(isUnknown(document)).toBe(true);
    const expression = parsePolicyJson("${jsonencode(local.policy)}");
    expect(isUnknown(expression) && expression.reason).toMatch(
      /contains Terraform expressions that could not be resolved/,
    );
  });
});
