import {
  INLINE_POLICY_MAX_CHARS,
  policySize,
  renderPermissionPolicy,
} from "../../lib/render/iam-permission-policy";
import { renderTrustPolicy } from "../../lib/render/iam-trust-policy";
import { escapeTerraformTemplate, unescapeTerraformTemplate } from "../../lib/render/terraform-string";

const input = {
  federatedPrincipal: "${aws_iam_openid_connect_provider.github.arn}",
  issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
  audience: "sts.amazonaws.com",
  subject: "system:serviceaccount:orders:api",
  subjectIsPattern: false,
};

describe("renderTrustPolicy", () => {
  test("GIVEN an exact subject THEN aud and sub are pinned with StringEquals on the issuer host+path", () => {
    expect(JSON.parse(renderTrustPolicy(input))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: "${aws_iam_openid_connect_provider.github.arn}" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
              "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:orders:api",
            },
          },
        },
      ],
    });
  });

  test("GIVEN a pattern subject THEN only sub uses StringLike", () => {
    const policy = JSON.parse(
      renderTrustPolicy({ ...input, subject: "system:serviceaccount:orders:*", subjectIsPattern: true }),
    );
    expect(policy.Statement[0].Condition).toEqual({
      StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" },
      StringLike: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:orders:*" },
    });
  });

  test("GIVEN escaping for Terraform THEN user strings are escaped and the principal reference is not", () => {
    const text = renderTrustPolicy(
      { ...input, subject: "repo:a/b:ref:refs/heads/${x}%{y}" },
      { escapeForTerraform: true },
    );
    const policy = JSON.parse(text);
    expect(policy.Statement[0].Principal.Federated).toBe("${aws_iam_openid_connect_provider.github.arn}");
    expect(policy.Statement[0].Condition.StringEquals["oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub"]).toBe(
      "repo:a/b:ref:refs/heads/$${x}%%{y}",
    );
  });
});

describe("renderPermissionPolicy", () => {
  test("one statement per grant, conditions kept, policy variables escaped for Terraform", () => {
    const grants = [
      { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/${aws:username}/*"] },
      {
        actions: ["ec2:CreateTags"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:RequestedRegion": ["eu-west-1"] } },
      },
    ];
    expect(JSON.parse(renderPermissionPolicy(grants, { escapeForTerraform: true }))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Grant0",
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: ["arn:aws:s3:::b/$${aws:username}/*"],
        },
        {
          Sid: "Grant1",
          Effect: "Allow",
          Action: ["ec2:CreateTags"],
          Resource: ["*"],
          Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1"] } },
        },
      ],
    });
  });

  test("size is counted without whitespace", () => {
    expect(policySize('{ "a" : [ 1 ] }')).toBe(9);
    expect(INLINE_POLICY_MAX_CHARS).toBe(10240);
  });
});

describe("Terraform template escaping", () => {
  test.each(["${x}", "%{if}", "$${x}", "a$b{c}", "${aws:username}/$${literal}"])("%j round-trips", (text) => {
    expect(unescapeTerraformTemplate(escapeTerraformTemplate(text))).toBe(text);
    expect(escapeTerraformTemplate(text)).not.toMatch(/(^|[^$])\$\{/);
  });
});
