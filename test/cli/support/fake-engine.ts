/**
 * Stand-ins for the graph builder and the rule catalog (written concurrently by others), so the
 * CLI tests pin the CLI's own behaviour: each fixture lists its identities under
 * `"//".testIdentities`; ids containing "bad" break rule WI901 (error), "warn" WI902 (warning),
 * and a document listing "explode" makes the builder fail like an internal bug.
 */
import type { InputDocument } from "../../../lib/extract/input-document";
import type { IdentityGraph } from "../../../lib/model/graph";
import type { Rule } from "../../../lib/rules/rule";
import { graph, identity, loc } from "../../support/graph-builder";

export function buildGraph(documents: readonly InputDocument[]): IdentityGraph {
  const identities = documents.flatMap((doc) => {
    const ids = ((doc.json as { "//"?: { testIdentities?: string[] } })["//"]?.testIdentities ??
      []) as string[];
    if (ids.includes("explode"))
      throw new TypeError(
        "Cannot read properties of undefined (reading 'x')\n    at secret/stack/trace.ts:1",
      );
    return ids.map((id) =>
      identity(id, {
        stack: doc.stack,
        location: loc(`aws_iam_role.${id.replace(/\W/g, "_")}`, {
          file: doc.file,
          stack: doc.stack,
          line: 3,
        }),
        accountability: {
          source: "record",
          owner: { team: "payments", contact: "pay@example.com" },
          approver: { name: "sec", reference: "SEC-1" },
          ttlSeconds: 1800,
        },
      }),
    );
  });
  return graph({
    identities,
    sources: documents.map((d) => ({ file: d.file, stack: d.stack, format: d.format })),
  });
}

function nameRule(id: string, severity: Rule["severity"], marker: string): Rule {
  return {
    id,
    title: `Identity marked ${marker}`,
    severity,
    rationale: `Identities marked ${marker} are for tests.`,
    fix: `Remove the ${marker} marker.`,
    owasp: ["NHI5"],
    check: ({ graph: g }) =>
      g.identities
        .filter((i) => i.id.includes(marker))
        .map((i) => ({
          message: `Identity ${i.name} is marked ${marker}`,
          location: i.location,
          identityIds: [i.id],
        })),
  };
}

export const RULE_CATALOG: readonly Rule[] = [
  nameRule("WI901", "error", "bad"),
  nameRule("WI902", "warning", "warn"),
];

export function findRule(id: string): Rule | undefined {
  return RULE_CATALOG.find((rule) => rule.id === id);
}
