import { ViewIndex, referenceTarget } from "../../lib/extract/resource-view";
import type { ResourceView } from "../../lib/extract/resource-view";

describe("reference targets", () => {
  test.each([
    ["aws_iam_role.r", { base: "aws_iam_role.r" }],
    ["aws_iam_role.r.arn", { base: "aws_iam_role.r" }],
    ["data.aws_iam_policy_document.d.json", { base: "data.aws_iam_policy_document.d" }],
    ["aws_iam_role.r[0].arn", { base: "aws_iam_role.r", indexKey: 0 }],
    ['aws_iam_role.r["k.x"].arn', { base: "aws_iam_role.r", indexKey: "k.x" }],
    ["a..b", { base: "a." }],
    ["data.x", undefined],
    ["data", undefined],
    ["data.", undefined],
    ["aws_iam_role", undefined],
    ["var.x.y", undefined],
    ["local.x", undefined],
    ["module.m.out", undefined],
    ["Aws.r", undefined],
    ["a].b.c", undefined],
  ])("GIVEN %s THEN the target is as Terraform reads it", (reference, expected) => {
    expect(referenceTarget(reference)).toEqual(expected);
  });

  test("GIVEN a reference resolved again, in another module or after more views exist THEN each answer is current", () => {
    const view = (address: string, baseAddress: string, indexKey?: number) =>
      ({ address, baseAddress, ...(indexKey !== undefined ? { indexKey } : {}) }) as unknown as ResourceView;
    const index = new ViewIndex();
    const root = view("aws_iam_role.r", "aws_iam_role.r");
    const inModule = view("module.m.aws_iam_role.r", "module.m.aws_iam_role.r");
    index.add(root);
    index.add(inModule);
    expect(index.resolve("aws_iam_role.r.arn", "")).toBe(root);
    expect(index.resolve("aws_iam_role.r.arn", "module.m")).toBe(inModule);
    expect(index.resolve("aws_iam_role.q.arn", "")).toBeUndefined();
    const first = view("aws_iam_role.q[0]", "aws_iam_role.q", 0);
    index.add(first);
    expect(index.resolve("aws_iam_role.q.arn", "")).toBe(first);
    const second = view("aws_iam_role.q[1]", "aws_iam_role.q", 1);
    index.add(second);
    expect(index.resolve("aws_iam_role.q.arn", "")).toBeUndefined();
    expect(index.resolve("aws_iam_role.q.arn", "", { indexKey: 1 })).toBe(second);
    expect(index.resolve("aws_iam_role.q[0].arn", "")).toBe(first);
  });

  test("GIVEN two views at one address (a name written with a key, and a keyed instance) THEN the one added first is found, in either order", () => {
    const view = (address: string, baseAddress: string) =>
      ({ address, baseAddress }) as unknown as ResourceView;
    const unkeyedFirst = new ViewIndex();
    const named = view('aws_iam_role.r["k"]', 'aws_iam_role.r["k"]');
    const instance = view('aws_iam_role.r["k"]', "aws_iam_role.r");
    unkeyedFirst.add(named);
    unkeyedFirst.add(instance);
    expect(unkeyedFirst.get('aws_iam_role.r["k"]')).toBe(named);
    const keyedFirst = new ViewIndex();
    keyedFirst.add(instance);
    keyedFirst.add(named);
    expect(keyedFirst.get('aws_iam_role.r["k"]')).toBe(instance);
    expect(keyedFirst.resolve('aws_iam_role.r["k"].arn', "")).toBe(instance);
    expect(keyedFirst.get("aws_iam_role.r")).toBeUndefined();
  });
});
