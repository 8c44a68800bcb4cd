import { hasInterpolation } from "../../lib/model/unknown";

describe("hasInterpolation", () => {
  test.each([
    ["${aws_iam_role.x.arn}", true],
    ["arn:aws:s3:::b/${var.prefix}/*", true],
    ["${data.aws_iam_policy_document.x.json}", true],
    ["${var.a ? 1 : 2}", true],
    ["plain text", false],
    ["$${aws_iam_role.x.arn}", false],
    ["arn:aws:s3:::b/${aws:username}/*", false],
    ["${token.actions.githubusercontent.com:sub}", false],
    ["${*}", false],
    ["$$${var.x}", true],
    ["a ${aws:username} b ${var.x}", true],
    ["${jsonencode({Statement = []})}", true],
  ])("%s -> %s", (value, expected) => {
    expect(hasInterpolation(value)).toBe(expected);
  });
});
