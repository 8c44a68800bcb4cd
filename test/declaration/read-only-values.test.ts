/**
 * jsii has no read-only array type, so the value classes type their lists as plain arrays; they are
 * frozen copies at run time instead, so neither the caller's array nor a later push changes a grant.
 */
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Duration } from "../../lib/declaration/duration";
import { Subject } from "../../lib/declaration/subject";
import { VaultGrant } from "../../lib/declaration/vault-grant";

test("an AwsGrant keeps its own frozen copies of actions, resources and conditions", () => {
  const actions = ["s3:GetObject"];
  const resources = ["arn:aws:s3:::bucket/*"];
  const values = ["vpc-1"];
  const grant = AwsGrant.allow(actions, resources, { StringEquals: { "aws:SourceVpc": values } });
  actions.push("s3:PutObject");
  resources.push("*");
  values.push("vpc-2");
  expect(grant.actions).toEqual(["s3:GetObject"]);
  expect(grant.resources).toEqual(["arn:aws:s3:::bucket/*"]);
  expect(grant.conditions).toEqual({ StringEquals: { "aws:SourceVpc": ["vpc-1"] } });
  expect(() => grant.actions.push("iam:PassRole")).toThrow(TypeError);
  expect(() => grant.resources.push("*")).toThrow(TypeError);
  expect(() => grant.conditions!.StringEquals["aws:SourceVpc"].push("vpc-3")).toThrow(TypeError);
  expect(() => {
    grant.conditions!.StringLike = {};
  }).toThrow(TypeError);
  expect(() => grant.problems.push(grant.problems[0])).toThrow(TypeError);
  expect(grant.toRecord()).toEqual({
    actions: ["s3:GetObject"],
    resources: ["arn:aws:s3:::bucket/*"],
    conditions: { StringEquals: { "aws:SourceVpc": ["vpc-1"] } },
  });
});

test("a VaultGrant's capabilities and problems are frozen", () => {
  const capabilities = ["read"];
  const grant = VaultGrant.of("secret/data/app", capabilities);
  capabilities.push("sudo");
  expect(grant.capabilities).toEqual(["read"]);
  expect(() => grant.capabilities.push("sudo")).toThrow(TypeError);
  expect(Object.isFrozen(VaultGrant.of("secret/data/app", ["bogus"]).problems)).toBe(true);
});

test("the problems of a Duration and a Subject are frozen", () => {
  const duration = Duration.seconds(1.5);
  expect(duration.problems.map((p) => p.field)).toEqual([""]);
  expect(() => duration.problems.pop()).toThrow(TypeError);
  const subject = Subject.githubBranch("not a repo", "main");
  expect(subject.problems.length).toBeGreaterThan(0);
  expect(() => subject.problems.splice(0)).toThrow(TypeError);
});
