import { formatSeconds } from "../lib/model/duration-text";
import { WorkloadIdentity } from "../lib/constructs/workload-identity";
import { buildExampleApp } from "./app";

/** Record values are user text: control characters are shown escaped, never sent to the terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** Synthesizes the example app into cdktf.out and prints who owns, approved and can use what. */
function main(): void {
  const app = buildExampleApp("cdktf.out");
  app.synth();
  const identities = app.node.findAll().filter(WorkloadIdentity.isWorkloadIdentity);
  const rows = identities.map(({ record }) =>
    [
      record.id,
      `${record.owner.team} <${record.owner.contact}>`,
      [record.approver, record.secretsApprover]
        .filter((a) => a !== undefined)
        .map((a) => `${a.name} ${a.reference}${a.expiresOn ? ` until ${a.expiresOn}` : ""}`)
        .join("; "),
      formatSeconds(record.ttlSeconds),
      `${record.issuer.url} sub=${record.subject.value}`,
      [
        ...record.scope.aws.map((g) => `aws ${g.actions.join(",")} on ${g.resources.join(",")}`),
        ...record.scope.vault.map((g) => `vault ${g.capabilities.join(",")} on ${g.path}`),
      ].join("; "),
    ].map(printable),
  );
  const header = ["IDENTITY", "OWNER", "APPROVER", "TTL", "TRUST", "SCOPE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

main();
