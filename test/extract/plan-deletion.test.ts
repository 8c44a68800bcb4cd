import { evaluate } from "../../lib/engine/evaluate";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { buildGraph } from "../../lib/extract/build-graph";
import type { InputDocument } from "../../lib/extract/input-document";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments-db-AbCdEf";
const trust = JSON.stringify({
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
});
const readSecret = JSON.stringify({
  Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET }],
});

function role(name: string) {
  return { name, assume_role_policy: trust, inline_policy: [{ name: "read", policy: readSecret }] };
}

function resource(name: string, values: object) {
  return { address: `aws_iam_role.${name}`, mode: "managed", type: "aws_iam_role", name, values };
}

function change(name: string, actions: string[], after: object | null) {
  return {
    address: `aws_iam_role.${name}`,
    mode: "managed",
    type: "aws_iam_role",
    name,
    change: { actions, before: role(name), after, after_unknown: {} },
  };
}

/**
 * `kept` stays; `old` is deleted (so it is absent from planned_values but still in prior_state);
 * `swapped` is replaced. https://developer.hashicorp.com/terraform/internals/json-format
 */
function plan(replaceActions: string[]): InputDocument {
  return {
    file: "plan.json",
    format: "plan-json",
    json: {
      format_version: "1.2",
      planned_values: {
        root_module: { resources: [resource("kept", role("kept")), resource("swapped", role("swapped"))] },
      },
      resource_changes: [
        change("kept", ["no-op"], role("kept")),
        change("old", ["delete"], null),
        change("swapped", replaceActions, role("swapped")),
      ],
      prior_state: {
        values: {
          root_module: {
            resources: [
              resource("kept", role("kept")),
              resource("old", role("old")),
              resource("swapped", role("swapped")),
            ],
          },
        },
      },
    },
  };
}

describe("plan JSON: what the plan deletes is gone, what is known only after apply is unknown", () => {
  test.each([[["delete", "create"]], [["create", "delete"]]])(
    "GIVEN a deleted role, a kept one and one replaced with %j WHEN extracted THEN the deleted role is no principal and the replaced one counts once",
    (actions) => {
      const graph = buildGraph([plan(actions)]);
      expect(graph.identities.map((i) => i.id).sort()).toEqual(["aws_iam_role.kept", "aws_iam_role.swapped"]);
      const shared = evaluate(graph, resolvePolicy({ today: "2026-12-01" }))
        .findings.filter((f) => f.ruleId === "WI302")
        .map((f) => [...f.identityIds].sort().join(" + "));
      expect(shared).toEqual(["aws_iam_role.kept + aws_iam_role.swapped"]);
    },
  );

  test("GIVEN a policy whose role is known only after apply (after_unknown) WHEN evaluated THEN WI306 reports the attachment as unknown and it blocks", () => {
    const graph = buildGraph([
      {
        file: "plan.json",
        format: "plan-json",
        json: {
          format_version: "1.2",
          planned_values: {
            root_module: {
              resources: [
                resource("kept", role("kept")),
                {
                  address: "aws_iam_role_policy.grant",
                  mode: "managed",
                  type: "aws_iam_role_policy",
                  name: "grant",
                  values: { name: "grant", policy: readSecret },
                },
              ],
            },
          },
          resource_changes: [
            {
              address: "aws_iam_role_policy.grant",
              mode: "managed",
              type: "aws_iam_role_policy",
              name: "grant",
              change: {
                actions: ["create"],
                before: null,
                after: { name: "grant", policy: readSecret },
                after_unknown: { role: true },
              },
            },
          ],
        },
      },
    ]);
    const findings = evaluate(graph, resolvePolicy({ today: "2026-12-01" })).findings.filter(
      (f) => f.ruleId === "WI306",
    );
    expect(findings.map((f) => [f.severity, f.location.address, f.unknown])).toEqual([
      ["error", "aws_iam_role_policy.grant", true],
    ]);
  });
});
