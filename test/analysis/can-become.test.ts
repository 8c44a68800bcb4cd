/**
 * canBecome (who can become whom, to any depth) computed over strongly connected components equals
 * a breadth-first search from every identity, on random assume graphs with cycles and chains.
 */
import { assumeGraph, canBecome } from "../../lib/analysis/aws-role-reach";
import { buildGraph } from "../../lib/extract/build-graph";
import type { Identity, IdentityGraph } from "../../lib/model/graph";
import { seeded } from "../support/seeded-random";

function randomGraph(seed: number, size: number): IdentityGraph {
  const random = seeded(seed);
  const roles: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) {
    // Each role's trust names a few others (same account: naming alone lets them assume it).
    const callers = Array.from({ length: size }, (_, j) => j).filter((j) => j !== i && random() < 0.15);
    roles[`r${i}`] = {
      name: `r${i}`,
      assume_role_policy: JSON.stringify({
        Version: "2012-10-17",
        Statement:
          callers.length > 0
            ? [
                {
                  Effect: "Allow",
                  Action: "sts:AssumeRole",
                  Principal: { AWS: callers.map((j) => `\${aws_iam_role.r${j}.arn}`) },
                },
              ]
            : [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
      }),
    };
  }
  return buildGraph([
    { file: "main.tf.json", format: "terraform-json", json: { resource: { aws_iam_role: roles } } },
  ]);
}

function breadthFirst(graph: IdentityGraph): Map<string, string[]> {
  const next = new Map<Identity, Set<Identity>>();
  for (const edge of assumeGraph(graph).edges) {
    const set = next.get(edge.from) ?? new Set<Identity>();
    set.add(edge.target.identity);
    next.set(edge.from, set);
  }
  const closure = new Map<string, string[]>();
  for (const start of next.keys()) {
    const seen = new Set<Identity>();
    const pending = [start];
    while (pending.length > 0) {
      for (const following of next.get(pending.pop() as Identity) ?? []) {
        if (following === start || seen.has(following)) continue;
        seen.add(following);
        pending.push(following);
      }
    }
    closure.set(start.id, [...seen].map((i) => i.id).sort());
  }
  return closure;
}

test.each([1, 2, 3, 4, 5, 6, 7, 8])(
  "random assume graph %i: components give the breadth-first closure",
  (seed) => {
    const graph = randomGraph(seed, 14);
    const expected = breadthFirst(graph);
    const actual = new Map(
      [...canBecome(graph)].map(([from, reached]) => [from.id, [...reached].map((i) => i.id).sort()]),
    );
    expect(new Map([...actual].sort())).toEqual(new Map([...expected].sort()));
    expect([...expected.values()].some((reached) => reached.length > 3)).toBe(true); // chains and cycles exercised
  },
);
