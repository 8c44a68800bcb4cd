import type {
  AwsRole,
  GraphNote,
  GraphSource,
  GraphUnknown,
  IdentityGraph,
  RecordIssue,
  StaticCredential,
} from "../model/graph";
import { AppDocuments } from "./app-documents";
import { AwsAssembly } from "./aws-assembly";
import type { DocumentReading } from "./document-reading";
import { type Principal, assembleIdentities } from "./identity-assembly";
import type { InputDocument } from "./input-document";
import { readPlanJson } from "./plan-json-reader";
import { completeReadings, readTerraformJson } from "./terraform-json-reader";
import { resolveRecordClaims } from "./record-claims";
import { recordScopeIssues } from "./record-scope";
import type { ResourceView } from "./resource-view";
import { VaultAssembly } from "./vault-assembly";
import { appendAll } from "../model/append-all";
import { ENFORCEMENT_SKIPPED, RECORD_KEY } from "../model/record";
import { isObject } from "./iam-policy-json";

/**
 * Addresses are local to the module or plan they come from, and every lookup of the engine keys
 * them by stack. Inputs that share a stack (several plans or Terraform JSON files without a stack
 * name, or two cdktf.out directories with a stack of the same name) and define a same address are
 * separate address spaces: each of them is read again with a stack of its own, named after its
 * file, so two inputs never merge principals and results do not depend on the order they were
 * given in. Inputs whose addresses do not meet keep their stack, and their fingerprints stay free
 * of file names.
 */
function separateAddressSpaces(documents: readonly InputDocument[]): InputDocument[] {
  const sharing = new Map<string | undefined, number[]>();
  documents.forEach((input, position) => {
    const list = sharing.get(input.stack) ?? [];
    list.push(position);
    sharing.set(input.stack, list);
  });
  const colliding = new Set<number>();
  for (const positions of sharing.values()) {
    if (positions.length < 2) continue;
    // A first reading (without the app's cross-stack registry) only to learn the addresses.
    const owners = new Map<string, number>();
    for (const position of positions) {
      const input = documents[position];
      const reading = input.format === "plan-json" ? readPlanJson(input) : readTerraformJson(input);
      for (const view of reading.scope.resources) {
        const owner = owners.get(view.address);
        if (owner === undefined) owners.set(view.address, position);
        else if (owner !== position) colliding.add(owner).add(position);
      }
    }
  }
  return documents.map((input, position) =>
    colliding.has(position)
      ? { ...input, stack: input.stack === undefined ? input.file : `${input.stack} (${input.file})` }
      : input,
  );
}

/**
 * Extracts one identity graph from any number of documents (all stacks of an app are one graph).
 * Linear in the number of resources: every lookup goes through a map by address or name.
 */
export function buildGraph(given: readonly InputDocument[]): IdentityGraph {
  const documents = separateAddressSpaces(given);
  const notes: GraphNote[] = [];
  const unknowns: GraphUnknown[] = [];
  const recordIssues: RecordIssue[] = [];
  const staticCredentials: StaticCredential[] = [];
  const sources: GraphSource[] = [];
  const readings: DocumentReading[] = [];
  const app = new AppDocuments();
  for (const input of documents) {
    const reading = input.format === "plan-json" ? readPlanJson(input) : readTerraformJson(input, app);
    readings.push(reading);
    sources.push({
      file: input.file,
      ...(input.stack !== undefined ? { stack: input.stack } : {}),
      format: input.format,
      ...(synthSkippedEnforcement(input) ? { enforcementSkipped: true } : {}),
    });
  }

  completeReadings(readings);
  const aws = new AwsAssembly(notes, unknowns);
  const vault = new VaultAssembly();
  // Indexed loops: buildGraph runs once, unoptimised, where each iterator step allocates.
  for (const reading of readings) {
    const views = reading.scope.resources;
    for (let i = 0; i < views.length; i++) {
      aws.read(views[i]);
      vault.read(views[i]);
    }
  }
  for (const reading of readings) {
    const views = reading.scope.resources;
    for (let i = 0; i < views.length; i++) {
      aws.link(views[i]);
      aws.linkRoleManagedPolicies(views[i]);
      vault.link(views[i]);
    }
  }
  aws.finish();
  vault.finish();

  const principals: Principal[] = [];
  const carriers: ResourceView[] = [];
  for (const reading of readings) {
    appendAll(notes, reading.notes);
    appendAll(unknowns, reading.unknowns);
    appendAll(recordIssues, reading.recordIssues);
    appendAll(staticCredentials, reading.staticCredentials);
    const views = reading.scope.resources;
    for (let i = 0; i < views.length; i++) {
      const view = views[i];
      if (view.record) carriers.push(view);
      const role = aws.roles.get(view);
      if (role) {
        principals.push({ kind: "aws-role", view, role });
      }
      const user = aws.users.get(view);
      if (user) principals.push({ kind: "aws-user", view, user });
      const vaultRole = vault.roles.get(view);
      if (vaultRole) principals.push({ kind: "vault-role", view, role: vaultRole });
      if (view.mode === "data" && view.type === "aws_iam_policy_document" && !aws.usedDocuments.has(view)) {
        notes.push({
          location: view.location,
          message:
            "policy document not used by any IAM role or policy in the input; its statements are not evaluated",
        });
      }
    }
  }
  appendAll(staticCredentials, aws.staticCredentials);
  appendAll(staticCredentials, vault.staticCredentials);

  const claims = resolveRecordClaims(carriers, principals);
  const identities = assembleIdentities(principals, claims.recordOf);
  appendAll(recordIssues, claims.issues);
  // Roles' views are indexed only when a record declares a text to resolve: a text without a
  // brace resolves to itself in every scope, and records mostly declare literal ARNs.
  let roleViews: Map<AwsRole, ResourceView> | undefined;
  appendAll(
    recordIssues,
    recordScopeIssues(identities, (text, role) => {
      if (!text.includes("{")) return text;
      roleViews ??= viewsOfRoles(principals);
      const view = roleViews.get(role);
      return view ? view.scope.resolveText(text, view) : text;
    }),
  );
  return {
    identities,
    awsPolicies: aws.policies,
    oidcProviders: aws.oidcProviders,
    vaultAuthBackends: vault.backends,
    vaultPolicies: vault.policies,
    awsGroups: [...aws.groups.values()],
    staticCredentials,
    notes,
    unknowns,
    recordIssues,
    sources,
    ...(aws.resourceAliases.size > 0 ? { resourceAliases: aws.resourceAliases } : {}),
    ...(aws.secretBuckets.length > 0 ? { secretBuckets: aws.secretBuckets } : {}),
  };
}

function viewsOfRoles(principals: readonly Principal[]): Map<AwsRole, ResourceView> {
  const views = new Map<AwsRole, ResourceView>();
  for (let i = 0; i < principals.length; i++) {
    const principal = principals[i];
    if (principal.kind === "aws-role") views.set(principal.role, principal.view);
  }
  return views;
}

/** True when the document (or a file of its module) carries the stack-level "checks skipped" record. */
function synthSkippedEnforcement(input: InputDocument): boolean {
  const jsons = [input.json, ...(input.module?.files.map((file) => file.json) ?? [])];
  return jsons.some((json) => {
    const comment = isObject(json) ? json["//"] : undefined;
    const record = isObject(comment) ? comment[RECORD_KEY] : undefined;
    return isObject(record) && record.enforcement === ENFORCEMENT_SKIPPED;
  });
}
