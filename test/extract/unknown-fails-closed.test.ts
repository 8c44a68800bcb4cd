import { blockingFindings, evaluate } from "../../lib/engine/evaluate";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { buildGraph } from "../../lib/extract/build-graph";
import type { InputDocument } from "../../lib/extract/input-document";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments-db-AbCdEf";
const readSecret = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET }],
});
const serviceTrust = JSON.stringify({
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
});

/** Role `a` reads the secret; a second policy grants it to a role named by a variable without a value. */
const documents: InputDocument[] = [
  {
    file: "main.tf.json",
    format: "terraform-json",
    json: {
      variable: { target: { type: "string" } },
      resource: {
        aws_iam_role: {
          a: { name: "a", assume_role_policy: serviceTrust },
          b: { name: "b", assume_role_policy: serviceTrust },
        },
        aws_iam_role_policy: {
          a: { name: "a", role: "${aws_iam_role.a.name}", policy: readSecret },
          granted: { name: "granted", role: "${var.target}", policy: readSecret },
        },
      },
    },
  },
];

function flagged(policy: object): string[] {
  return evaluate(buildGraph(documents), resolvePolicy({ today: "2026-12-01", ...policy }))
    .findings.filter((f) => f.severity !== "note")
    .map((f) => `${f.ruleId} ${f.severity} ${f.location.address}${f.unknown ? " unknown" : ""}`)
    .sort();
}

describe("unknown fails closed", () => {
  test("GIVEN a policy attached to a role named by an unresolvable variable WHEN checked THEN WI306 names the expression and blocks", () => {
    expect(flagged({})).toEqual(["WI306 error aws_iam_role_policy.granted unknown"]);
    const finding = evaluate(buildGraph(documents), resolvePolicy({ today: "2026-12-01" })).findings.find(
      (f) => f.ruleId === "WI306",
    );
    expect(finding?.message).toBe(
      'Resource "aws_iam_role_policy.granted": "var.target" names the IAM role this is attached to, and cannot be resolved: ' +
        "whichever IAM role it is gains this access, so its reach and what it shares are not known — needs review.",
    );
    expect(buildGraph(documents).notes.map((n) => n.message)).toEqual([]);
  });

  test('GIVEN the org policy `unknown: "warning"` WHEN checked THEN the same finding is a warning and nothing blocks', () => {
    expect(flagged({ unknown: "warning" })).toEqual(["WI306 warning aws_iam_role_policy.granted unknown"]);
    const evaluation = evaluate(
      buildGraph(documents),
      resolvePolicy({ today: "2026-12-01", unknown: "warning" }),
    );
    expect(blockingFindings(evaluation)).toEqual([]);
  });

  test("GIVEN an invalid `unknown` value WHEN the policy is resolved THEN it is refused", () => {
    expect(() => resolvePolicy({ unknown: "off" })).toThrow(
      /unknown: expected "error" or "warning", got "off"/,
    );
  });

  test("GIVEN unknown results of a rule that never blocks WHEN evaluated THEN they keep the rule's severity", () => {
    // WI106 (TTL missing) is a warning rule: what it could not see could not have blocked.
    const severities = evaluate(buildGraph(documents), resolvePolicy({ today: "2026-12-01" }))
      .findings.filter((f) => f.unknown)
      .map((f) => `${f.ruleId} ${f.severity}`);
    expect(severities).toEqual(["WI306 error"]);
  });
});
