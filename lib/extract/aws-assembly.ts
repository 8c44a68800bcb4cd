import type {
  MarkedResource,
  AwsGroup,
  AwsPolicy,
  AwsRole,
  AwsUser,
  GraphNote,
  GraphUnknown,
  OidcProvider,
  StaticCredential,
} from "../model/graph";
import type { MaybeDocument } from "../model/iam-policy";
import { type Maybe, hasInterpolation, isUnknown, unknown } from "../model/unknown";
import { blockPaths, numberAt, stringAt, stringListAt, stringMapAt } from "./attribute-values";
import { shorten } from "./document-reading";
import { NameIndex } from "./name-index";
import { policyAt } from "./policy-values";
import { type AttributePath, type ResourceView, indexSuffix, parseAddress } from "./resource-view";
import { lookupTable } from "../model/lookup-table";
import { marksSecretMaterial } from "../model/secret-material";
import { quote } from "../model/unsafe-text";

/**
 * One path per top-level attribute read, made once: views read a path and never keep or change
 * it, and a path written at each read is one more object per read of every resource.
 */
export function topLevelPaths<const K extends string>(
  names: readonly K[],
): Readonly<Record<K, AttributePath>> {
  const paths = {} as Record<K, AttributePath>;
  for (const name of names) paths[name] = [name];
  return paths;
}

const AT = topLevelPaths([
  "arn",
  "name",
  "url",
  "client_id_list",
  "policy_arn",
  "users",
  "group",
  "user",
  "groups",
  "grantee_principal",
  "operations",
  "assume_role_policy",
  "path",
  "max_session_duration",
  "permissions_boundary",
  "inline_policy",
  "name_prefix",
  "policy",
  "managed_policy_arns",
  "pgp_key",
  "status",
  "tags",
  "tags_all",
]);

export const AWS_MANAGED_DOCUMENT_REASON = "AWS-managed policy; content not in the input";
const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\//;
const CUSTOMER_POLICY_ARN = /^arn:aws[a-z-]*:iam::[^:]*:policy\/(?:.*\/)?([^/]+)$/;

/** Resource types whose policy governs access to a resource (reviewed as "resource-policy"). */
const RESOURCE_POLICY_ATTRIBUTE = lookupTable<string>({
  aws_elasticsearch_domain_policy: "access_policies",
  aws_opensearch_domain_policy: "access_policies",
  aws_elasticsearch_domain: "access_policies",
  aws_opensearch_domain: "access_policies",
  aws_s3_bucket_policy: "policy",
  aws_secretsmanager_secret_policy: "policy",
  aws_secretsmanager_secret: "policy",
  aws_kms_key: "policy",
  aws_kms_key_policy: "policy",
  aws_sqs_queue_policy: "policy",
  aws_sns_topic_policy: "policy",
  aws_ecr_repository_policy: "policy",
});

/** Data sources that look up a secret-bearing resource, and the attribute naming it (`name` or `arn`). */
const LOOKUP_NAME_ATTRIBUTE = lookupTable<string>({
  aws_secretsmanager_secret: "name",
  aws_ssm_parameter: "name",
});

/** Resource policies held by a separate resource, and the attribute naming the governed resource. */
const GOVERNED_BY = lookupTable<{ attribute: string; type: string }>({
  aws_secretsmanager_secret_policy: { attribute: "secret_arn", type: "aws_secretsmanager_secret" },
  aws_kms_key_policy: { attribute: "key_id", type: "aws_kms_key" },
  aws_kms_grant: { attribute: "key_id", type: "aws_kms_key" },
  aws_s3_bucket_policy: { attribute: "bucket", type: "aws_s3_bucket" },
  aws_sqs_queue_policy: { attribute: "queue_url", type: "aws_sqs_queue" },
  aws_sns_topic_policy: { attribute: "arn", type: "aws_sns_topic" },
  aws_ecr_repository_policy: { attribute: "repository", type: "aws_ecr_repository" },
  aws_elasticsearch_domain_policy: { attribute: "domain_name", type: "aws_elasticsearch_domain" },
  aws_opensearch_domain_policy: { attribute: "domain_name", type: "aws_opensearch_domain" },
});

/**
 * A resource's ARN when the input knows it (planned, or computed from its literal configuration as
 * a reference to its `arn` is read), else the canonical reference to it.
 */
function arnOrReference(view: ResourceView): string {
  const arn = stringAt(view, AT.arn);
  if (typeof arn === "string" && !hasInterpolation(arn)) return arn;
  const parts = parseAddress(view.address);
  if (parts) {
    const own = `${parts.mode === "data" ? "data." : ""}${parts.type}.${parts.name}${indexSuffix(parts.indexKey)}`;
    const computed = view.scope.resolveText(`\${${own}.arn}`, view);
    if (!hasInterpolation(computed)) return computed;
  }
  return `\${${view.address}.arn}`;
}

/** The attached-principal type of each inline policy / attachment resource. */
const INLINE_POLICY_TARGET = lookupTable<{ path: AttributePath; type: PrincipalType }>({
  aws_iam_role_policy: { path: ["role"], type: "aws_iam_role" },
  aws_iam_user_policy: { path: ["user"], type: "aws_iam_user" },
  aws_iam_group_policy: { path: ["group"], type: "aws_iam_group" },
});
const ATTACHMENT_TARGET = lookupTable<{ path: AttributePath; type: PrincipalType }>({
  aws_iam_role_policy_attachment: { path: ["role"], type: "aws_iam_role" },
  aws_iam_user_policy_attachment: { path: ["user"], type: "aws_iam_user" },
  aws_iam_group_policy_attachment: { path: ["group"], type: "aws_iam_group" },
});

type PrincipalType = "aws_iam_role" | "aws_iam_user" | "aws_iam_group";

export interface MutablePolicy extends AwsPolicy {
  attachedTo: string[];
}
interface RoleEntry extends AwsRole {
  policies: AwsPolicy[];
}
interface UserEntry extends AwsUser {
  policies: AwsPolicy[];
  groups: string[];
}
interface GroupEntry extends AwsGroup {
  policies: AwsPolicy[];
}

/** What a principal-valued attribute points to: entities in the input, and names that are not. */
interface Targets {
  readonly views: ResourceView[];
  readonly missing: string[];
  /** Why the designated principal is not known statically, when it is not. */
  readonly unresolved?: string;
  /** The attribute that designates the principals. */
  readonly path: AttributePath;
}

/**
 * Builds the AWS side of the graph. First every principal, provider and policy resource is read
 * (over all documents), then attachments and memberships are linked, by reference when the input
 * has one and by name otherwise.
 */
export class AwsAssembly {
  readonly policies: MutablePolicy[] = [];
  readonly oidcProviders: OidcProvider[] = [];
  readonly roles = new Map<ResourceView, RoleEntry>();
  readonly users = new Map<ResourceView, UserEntry>();
  readonly groups = new Map<ResourceView, GroupEntry>();
  readonly staticCredentials: StaticCredential[] = [];
  /** Data documents that some role or policy was rendered from. */
  readonly usedDocuments = new Set<ResourceView>();
  private readonly customerPolicies = new Map<ResourceView, MutablePolicy>();
  private readonly names: Record<PrincipalType | "aws_iam_policy", NameIndex<ResourceView>> = {
    aws_iam_role: new NameIndex(),
    aws_iam_user: new NameIndex(),
    aws_iam_group: new NameIndex(),
    aws_iam_policy: new NameIndex(),
  };
  private readonly externalPolicies = new Map<string, MutablePolicy>();
  private readonly attachedAddresses = new Map<MutablePolicy, Set<string>>();
  /** Secret-bearing resources by name, for data sources that look them up. */
  private readonly lookedUp = new Map<string, NameIndex<ResourceView>>();
  private readonly lookups: ResourceView[] = [];
  /** `STACK NUL data-address` -> managed address (see IdentityGraph.resourceAliases). */
  readonly resourceAliases = new Map<string, string>();
  /** Buckets tagged as holding secret material (see IdentityGraph.secretBuckets). */
  readonly secretBuckets: MarkedResource[] = [];

  constructor(
    private readonly notes: GraphNote[],
    private readonly unknowns: GraphUnknown[],
  ) {}

  /** Pass 1: entities that others attach to. */
  read(view: ResourceView): void {
    if (LOOKUP_NAME_ATTRIBUTE.get(view.type)) {
      if (view.mode === "data") this.lookups.push(view);
      else this.indexLookupName(view);
    }
    if (view.mode !== "managed") return;
    switch (view.type) {
      case "aws_iam_role":
        return this.readRole(view);
      case "aws_iam_user": {
        const name = stringAt(view, AT.name) ?? unknown("the user has no name in the input");
        this.users.set(view, { location: view.location, name, policies: [], groups: [] });
        return this.indexName(view, "aws_iam_user", name);
      }
      case "aws_iam_group": {
        const name = stringAt(view, AT.name) ?? unknown("the group has no name in the input");
        this.groups.set(view, { location: view.location, name, policies: [] });
        return this.indexName(view, "aws_iam_group", name);
      }
      case "aws_iam_policy":
        return this.readCustomerPolicy(view);
      case "aws_s3_bucket": {
        const tags = this.tags(view);
        if (!isUnknown(tags) && marksSecretMaterial(tags))
          this.secretBuckets.push({ location: view.location, resource: arnOrReference(view) });
        return;
      }
      case "aws_iam_openid_connect_provider":
        this.oidcProviders.push({
          location: view.location,
          url: stringAt(view, AT.url) ?? unknown("the provider has no url in the input"),
          clientIds: stringListAt(view, AT.client_id_list) ?? [],
        });
        return;
    }
    const resourcePolicyAttribute = RESOURCE_POLICY_ATTRIBUTE.get(view.type);
    if (resourcePolicyAttribute) this.readResourcePolicy(view, resourcePolicyAttribute);
  }

  /** Pass 2: policies, attachments, memberships and credentials that point at principals. */
  link(view: ResourceView): void {
    if (view.mode !== "managed") return;
    const inline = INLINE_POLICY_TARGET.get(view.type);
    if (inline) return this.linkInlinePolicy(view, inline.path, inline.type);
    const attachment = ATTACHMENT_TARGET.get(view.type);
    if (attachment) {
      const targets = this.targets(view, attachment.path, attachment.type);
      return this.attachManaged(view, AT.policy_arn, targets, attachment.type);
    }
    switch (view.type) {
      case "aws_iam_policy_attachment":
        for (const [attribute, type] of [
          ["roles", "aws_iam_role"],
          ["users", "aws_iam_user"],
          ["groups", "aws_iam_group"],
        ] as const) {
          const targets = this.targets(view, [attribute], type);
          if (targets.views.length > 0 || targets.missing.length > 0 || targets.unresolved) {
            this.attachManaged(view, AT.policy_arn, targets, type);
          }
        }
        return;
      case "aws_iam_group_membership":
        return this.linkMembership(
          view,
          this.targets(view, AT.users, "aws_iam_user"),
          this.targets(view, AT.group, "aws_iam_group"),
        );
      case "aws_iam_user_group_membership":
        return this.linkMembership(
          view,
          this.targets(view, AT.user, "aws_iam_user"),
          this.targets(view, AT.groups, "aws_iam_group"),
        );
      case "aws_kms_grant":
        return this.readKmsGrant(view);
      case "aws_iam_access_key":
        return this.readCredential(view, "aws-access-key", "a static access key for an IAM user");
      case "aws_iam_user_login_profile":
        return this.readCredential(view, "aws-login-profile", "a console password for an IAM user");
    }
  }

  /**
   * Pass 3: data lookups are resolved. Users keep only their own policies: what their groups add
   * is computed in one place, PrincipalDirectory.awsPoliciesOf (lib/analysis/principal-directory).
   */
  finish(): void {
    for (const view of this.lookups) {
      const attribute = LOOKUP_NAME_ATTRIBUTE.get(view.type) ?? "name";
      const referenced = view
        .referencesAt([attribute])
        .find((v) => v.type === view.type && v.mode === "managed");
      const name = stringAt(view, [attribute]);
      const found =
        referenced ??
        (typeof name === "string" ? this.lookedUp.get(view.type)?.find(view.scope, name) : undefined);
      if (found && found.scope.stack === view.scope.stack)
        this.resourceAliases.set(`${view.scope.stack ?? ""}\u0000${view.address}`, arnOrReference(found));
    }
  }

  /**
   * The attribute's string, or, when it is a reference to a resource of `type` in the input, the
   * canonical reference `${ADDRESS.arn}` (a principal or policy known only after apply is still
   * that one resource).
   */
  private referenceOr(
    view: ResourceView,
    path: AttributePath,
    ...types: string[]
  ): Maybe<string> | undefined {
    const value = stringAt(view, path);
    if (value === undefined || !isUnknown(value)) return value;
    const targets = view.referencesAt(path).filter((v) => v.mode === "managed" && types.includes(v.type));
    return targets.length === 1 && view.referenceTextsAt(path).length === 1
      ? `\${${targets[0].address}.arn}`
      : value;
  }

  private indexLookupName(view: ResourceView): void {
    const name = stringAt(view, [LOOKUP_NAME_ATTRIBUTE.get(view.type) ?? "name"]);
    if (typeof name !== "string") return;
    let index = this.lookedUp.get(view.type);
    if (!index) this.lookedUp.set(view.type, (index = new NameIndex()));
    index.add(view.scope, name, view);
  }

  /**
   * The resource a resource policy governs: the resource itself (`policy` on a secret or key), or
   * the one its `secret_arn` / `key_id` designates, as IAM names it (ARN when known, else the
   * canonical `${ADDRESS.arn}` reference).
   */
  private governedResource(view: ResourceView): { resource: string; type: string } | undefined {
    const governedBy = GOVERNED_BY.get(view.type);
    if (governedBy === undefined) return { resource: arnOrReference(view), type: view.type };
    const { attribute, type } = governedBy;
    const target = view.referencesAt([attribute]).find((v) => v.mode === "managed" && v.type === type);
    if (target) return { resource: arnOrReference(target), type };
    const written = stringAt(view, [attribute]);
    if (typeof written !== "string" || hasInterpolation(written)) return undefined;
    // A bare KMS key id names the key in whatever region/account the provider uses.
    const resource =
      type === "aws_kms_key" && !written.startsWith("arn:") ? `arn:aws:kms:*:*:key/${written}` : written;
    return { resource, type };
  }

  /**
   * A KMS grant gives its grantee the listed operations on the key, like a key-policy statement
   * (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html); it is reviewed as one.
   */
  private readKmsGrant(view: ResourceView): void {
    const grantee = this.referenceOr(view, AT.grantee_principal, "aws_iam_role", "aws_iam_user");
    const operations = stringListAt(view, AT.operations);
    const governs = this.governedResource(view);
    const document: MaybeDocument =
      typeof grantee === "string" && Array.isArray(operations) && governs
        ? {
            statements: [
              {
                effect: "Allow",
                actions: operations.map((operation) => `kms:${operation}`),
                notActions: [],
                resources: ["*"],
                notResources: [],
                principals: [{ type: "AWS", values: [grantee] }],
                notPrincipals: [],
                conditions: [],
              },
            ],
          }
        : unknownFromReferences(
            view,
            AT.grantee_principal,
            "the grantee, operations or key of the KMS grant are not known statically",
          );
    this.addPolicy({
      location: view.location,
      kind: "resource-policy",
      name: view.address,
      document,
      attachedTo: [],
      documentSources: [],
      ...(governs ? { governs } : {}),
    });
  }

  /** Indexes a principal or policy by the `name` it was read with (`stringAt(view, AT.name)`). */
  private indexName(view: ResourceView, type: PrincipalType | "aws_iam_policy", name: Maybe<string>): void {
    if (typeof name === "string") this.names[type].add(view.scope, name, view);
  }

  private readRole(view: ResourceView): void {
    const trust = policyAt(view, AT.assume_role_policy, "trust policy") ?? {
      document: unknown("the role has no trust policy in the input"),
      sources: [],
      documents: [],
    };
    this.markUsed(trust);
    const rolePath = stringAt(view, AT.path);
    // Key by key in the graph's order (optional keys only when set), without a spread per key.
    const role = {
      location: view.location,
      name: stringAt(view, AT.name) ?? unknown(this.generatedName(view)),
      arn: stringAt(view, AT.arn) ?? unknown("known only after apply"),
    } as Mutable<RoleEntry>;
    if (typeof rolePath === "string") role.path = rolePath;
    role.trust = trust.document;
    role.trustSources = trust.sources;
    put(role, "maxSessionDurationSeconds", numberAt(view, AT.max_session_duration));
    put(role, "permissionsBoundary", this.referenceOr(view, AT.permissions_boundary, "aws_iam_policy"));
    role.tags = this.tags(view);
    role.policies = [];
    this.roles.set(view, role);
    this.indexName(view, "aws_iam_role", role.name);
    for (const path of blockPaths(view, AT.inline_policy)) {
      // An empty inline_policy block (plans render it `{name = "", policy = ""}`) removes inline policies.
      const raw = view.rawAt([...path, "policy"]);
      if (typeof raw === "string" && raw.trim() === "") continue;
      const value = policyAt(view, [...path, "policy"], "inline policy");
      if (!value) continue;
      this.markUsed(value);
      const policy = this.addPolicy({
        location: view.location,
        kind: "inline",
        name: stringAt(view, [...path, "name"]) ?? unknown("the inline policy has no name"),
        document: value.document,
        attachedTo: [view.address],
        documentSources: value.sources,
      });
      role.policies.push(policy);
    }
    const inlineRaw = view.rawAt(AT.inline_policy);
    if (isUnknown(inlineRaw) && view.referenceTextsAt(AT.inline_policy).length > 0) {
      role.policies.push(
        this.addPolicy({
          location: view.location,
          kind: "inline",
          name: unknown(inlineRaw.reason),
          document: unknownFromReferences(
            view,
            AT.inline_policy,
            `the inline policies are ${inlineRaw.reason}`,
          ),
          attachedTo: [view.address],
          documentSources: [],
        }),
      );
    }
  }

  private generatedName(view: ResourceView): string {
    const prefix = stringAt(view, AT.name_prefix);
    return typeof prefix === "string"
      ? `the name is generated at apply from the prefix ${quote(prefix)}`
      : "the name is generated by Terraform at apply";
  }

  /** Resource tags; provider default tags (`tags_all`) count too, explicit tags win. */
  private tags(view: ResourceView): Maybe<Readonly<Record<string, string>>> {
    const tags = stringMapAttribute(view, AT.tags);
    const all = stringMapAttribute(view, AT.tags_all);
    if (tags !== undefined && isUnknown(tags)) return tags;
    const defaults = all && !isUnknown(all) ? all : undefined;
    // Without default tags (the common case) the tags are the map as read: the graph only reads it.
    if (defaults === undefined) return tags ?? {};
    return { ...defaults, ...(tags ?? {}) };
  }

  private readCustomerPolicy(view: ResourceView): void {
    const value = policyAt(view, AT.policy, "policy") ?? {
      document: unknown("the policy has no document in the input"),
      sources: [],
      documents: [],
    };
    this.markUsed(value);
    const policy = this.addPolicy({
      location: view.location,
      kind: "customer-managed",
      name: stringAt(view, AT.name) ?? unknown(this.generatedName(view)),
      arn: stringAt(view, AT.arn) ?? unknown("known only after apply"),
      document: value.document,
      attachedTo: [],
      documentSources: value.sources,
    });
    this.customerPolicies.set(view, policy);
    this.indexName(view, "aws_iam_policy", policy.name);
  }

  private readResourcePolicy(view: ResourceView, attribute: string): void {
    const raw = view.rawAt([attribute]);
    // Computed by the provider when not configured (e.g. a KMS key's default policy): not ours to judge.
    if (
      isUnknown(raw) &&
      view.referenceTextsAt([attribute]).length === 0 &&
      view.scope.format === "plan-json"
    )
      return;
    const value = policyAt(view, [attribute], "resource policy");
    if (!value) return;
    this.markUsed(value);
    const governs = this.governedResource(view);
    this.addPolicy({
      location: view.location,
      kind: "resource-policy",
      name: view.address,
      document: value.document,
      attachedTo: [],
      documentSources: value.sources,
      ...(governs ? { governs } : {}),
    });
  }

  private linkInlinePolicy(view: ResourceView, path: AttributePath, type: PrincipalType): void {
    const value = policyAt(view, AT.policy, "policy") ?? {
      document: unknown("the policy has no document in the input"),
      sources: [],
      documents: [],
    };
    this.markUsed(value);
    const targets = this.targets(view, path, type);
    const policy = this.addPolicy({
      location: view.location,
      kind: "inline",
      name: stringAt(view, AT.name) ?? unknown(this.generatedName(view)),
      document: value.document,
      attachedTo: targets.views.map(addressOf),
      documentSources: value.sources,
    });
    // Indexed (as in targets, markUsed): runs unoptimized per attachment, where for-of allocates.
    for (let i = 0; i < targets.views.length; i++) {
      const principal = this.principal(targets.views[i]);
      if (principal) addPolicyTo(principal, policy);
    }
    this.noteMissing(view, type, targets);
  }

  /** Attaches the managed policy named by `policy_arn` to each target. */
  private attachManaged(
    view: ResourceView,
    path: AttributePath,
    targets: Targets,
    type: PrincipalType,
  ): void {
    const policy = this.managedPolicy(view, path);
    let attached = this.attachedAddresses.get(policy);
    if (!attached) this.attachedAddresses.set(policy, (attached = new Set(policy.attachedTo)));
    for (const target of targets.views) {
      // One AWS-managed policy may be attached to thousands of roles: keep the de-duplication constant-time.
      if (!attached.has(target.address)) {
        attached.add(target.address);
        policy.attachedTo.push(target.address);
      }
      const principal = this.principal(target);
      if (principal && !principal.policies.includes(policy)) addPolicyTo(principal, policy);
    }
    this.noteMissing(view, type, targets);
  }

  /** The policy a `policy_arn` (or `managed_policy_arns` item) designates. */
  private managedPolicy(view: ResourceView, path: AttributePath): MutablePolicy {
    const referenced = view.referencesAt(path).find((v) => v.type === "aws_iam_policy");
    const known = referenced && this.customerPolicies.get(referenced);
    if (known) return known;
    const arn = stringAt(view, path);
    if (arn === undefined || isUnknown(arn)) {
      const reason = arn ? arn.reason : "the policy ARN is missing";
      return this.addPolicy({
        location: view.location,
        kind: "customer-managed",
        name: unknown(reason),
        arn: unknown(reason),
        document: unknown(`the attached policy is not known statically: ${reason}`),
        attachedTo: [],
        documentSources: [],
      });
    }
    const customerName = CUSTOMER_POLICY_ARN.exec(arn)?.[1];
    const byName =
      customerName !== undefined && !AWS_MANAGED_ARN.test(arn)
        ? this.names.aws_iam_policy.find(view.scope, customerName)
        : undefined;
    const named = byName && this.customerPolicies.get(byName);
    if (named) return named;
    return this.externalPolicy(view, arn);
  }

  /**
   * AWS-managed (or out-of-input customer) policies: one object per ARN and attachment site, located
   * at the resource that attaches it (the attachment, or the role's `managed_policy_arns`), which is
   * where a reviewer changes it.
   */
  private externalPolicy(view: ResourceView, arn: string): MutablePolicy {
    const key = `${view.scope.file}|${view.scope.stack ?? ""}|${view.address}|${arn}`;
    const existing = this.externalPolicies.get(key);
    if (existing) return existing;
    const awsManaged = AWS_MANAGED_ARN.test(arn);
    const policy = this.addPolicy({
      location: view.location,
      kind: awsManaged ? "aws-managed" : "customer-managed",
      name: arn.slice(arn.lastIndexOf("/") + 1),
      arn,
      document: unknown(
        awsManaged ? AWS_MANAGED_DOCUMENT_REASON : "customer-managed policy not in the input",
      ),
      attachedTo: [],
      documentSources: [],
    });
    this.externalPolicies.set(key, policy);
    return policy;
  }

  /** Role `managed_policy_arns` (read after all customer policies are known). */
  linkRoleManagedPolicies(view: ResourceView): void {
    const role = this.roles.get(view);
    if (!role) return;
    const raw = view.rawAt(AT.managed_policy_arns);
    if (raw === undefined) return;
    if (isUnknown(raw) || typeof raw === "string") {
      // Computed (not configured) in a plan means "whatever is attached today": nothing to add.
      if (view.referenceTextsAt(AT.managed_policy_arns).length === 0 && view.scope.format === "plan-json")
        return;
      this.attachManaged(
        view,
        AT.managed_policy_arns,
        { views: [view], missing: [], path: AT.managed_policy_arns },
        "aws_iam_role",
      );
      return;
    }
    if (!Array.isArray(raw)) return;
    raw.forEach((_, i) =>
      this.attachManaged(
        view,
        ["managed_policy_arns", i],
        { views: [view], missing: [], path: ["managed_policy_arns", i] },
        "aws_iam_role",
      ),
    );
  }

  private linkMembership(view: ResourceView, users: Targets, groups: Targets): void {
    for (const user of users.views) {
      const entry = this.users.get(user);
      if (!entry) continue;
      for (const group of groups.views) {
        if (!entry.groups.includes(group.address)) entry.groups.push(group.address);
      }
      for (const name of groups.missing) if (!entry.groups.includes(name)) entry.groups.push(name);
    }
    this.noteMissing(view, "aws_iam_user", users);
    this.noteMissing(view, "aws_iam_group", groups);
  }

  private readCredential(
    view: ResourceView,
    kind: "aws-access-key" | "aws-login-profile",
    what: string,
  ): void {
    const targets = this.targets(view, AT.user, "aws_iam_user");
    const pgp = stringAt(view, AT.pgp_key);
    const protection =
      pgp === undefined
        ? "secret stored unencrypted in state (no pgp_key)"
        : isUnknown(pgp)
          ? "pgp_key is not known statically"
          : "secret encrypted with pgp_key in state";
    const status =
      kind === "aws-access-key" && stringAt(view, AT.status) === "Inactive" ? "; status Inactive" : "";
    this.staticCredentials.push({
      location: view.location,
      kind,
      ...(targets.views.length > 0 ? { principal: targets.views[0].address } : {}),
      detail: `${what}; ${protection}${status}`,
    });
  }

  /**
   * The principals an attribute designates: referenced resources of `type`, else the names it
   * holds, looked up among the principals read in pass 1.
   */
  private targets(view: ResourceView, path: AttributePath, type: PrincipalType): Targets {
    const referencedViews = view.referencesAt(path);
    // Nearly always every referenced view is a target: then a copy of exactly their number (a list
    // pushed to from empty reserves room for 17).
    const views: ResourceView[] = allTargets(referencedViews, type)
      ? referencedViews.slice()
      : referencedViews.filter((v) => isTarget(v, type));
    const missing: string[] = [];
    const raw = view.rawAt(path);
    const names = Array.isArray(raw) ? stringListAt(view, path) : stringAt(view, path);
    const list = names === undefined || isUnknown(names) ? [] : Array.isArray(names) ? names : [names];
    const referenced = views.length;
    for (let i = 0; i < list.length; i++) {
      const name = list[i];
      const found = this.names[type].find(view.scope, name);
      if (found) {
        if (!views.includes(found)) views.push(found);
      } else if (list.length > referenced) missing.push(name); // not merely a referenced principal whose name is unknown
    }
    if (views.length === 0 && names !== undefined && isUnknown(names))
      return { views, missing, unresolved: names.reason, path };
    return { views, missing, path };
  }

  private principal(view: ResourceView): { policies: AwsPolicy[] } | undefined {
    return this.roles.get(view) ?? this.users.get(view) ?? this.groups.get(view);
  }

  private noteMissing(view: ResourceView, type: PrincipalType, targets: Targets): void {
    if (targets.missing.length === 0 && !targets.unresolved) return; // nearly every attachment
    const what = type.replace("aws_iam_", "IAM ");
    for (const name of targets.missing) {
      this.notes.push({
        location: view.location,
        message: `refers to ${what} ${quote(shorten(name, 80))}, which is not in the input`,
      });
    }
    if (targets.unresolved) {
      // Which principal holds the policy decides reach and sharing: not knowing it fails closed.
      const references = view.referenceTextsAt(targets.path);
      this.unknowns.push({
        location: view.location,
        expression: shorten(references.length > 0 ? references.join(", ") : targets.path.join("."), 160),
        reason:
          `names the ${what} this is attached to, and cannot be resolved` +
          (references.length > 0 ? "" : ` (${targets.unresolved})`) +
          `: whichever ${what} it is gains this access, so its reach and what it shares are not known`,
      });
    }
  }

  private addPolicy(policy: MutablePolicy): MutablePolicy {
    this.policies.push(policy);
    return policy;
  }

  private markUsed(value: { readonly documents: readonly ResourceView[] }): void {
    const documents = value.documents;
    for (let i = 0; i < documents.length; i++) this.usedDocuments.add(documents[i]);
  }
}

/**
 * What `stringMapAt` reads for a top-level attribute, without reading it key by key when it is a
 * Terraform JSON map of literal strings (the common case for tags: text without a brace resolves
 * to itself, so the map as written is the answer).
 */
function stringMapAttribute(
  view: ResourceView,
  /** The path of one top-level attribute (from {@link AT}: no path built per read). */
  path: AttributePath,
): Maybe<Readonly<Record<string, string>>> | undefined {
  if (view.scope.format !== "terraform-json") return stringMapAt(view, path);
  const raw = view.rawAt(path);
  if (raw === undefined) return undefined;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || isUnknown(raw))
    return stringMapAt(view, path);
  const record = raw as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (typeof value !== "string" || value.includes("{")) return stringMapAt(view, path);
  }
  return record as Readonly<Record<string, string>>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Sets an optional key when its value is set. */
function put<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/**
 * Adds a policy to a principal's list. The list a principal is read with is empty and nothing
 * else holds it yet: the first policy replaces it by a list of one (pushing to an empty list
 * reserves room for 17, and the graph keeps it; most principals hold a policy or two).
 */
function addPolicyTo(principal: { policies: AwsPolicy[] }, policy: AwsPolicy): void {
  if (principal.policies.length === 0) principal.policies = [policy];
  else principal.policies.push(policy);
}

function isTarget(view: ResourceView, type: PrincipalType): boolean {
  return view.type === type && view.mode === "managed";
}

function allTargets(views: readonly ResourceView[], type: PrincipalType): boolean {
  for (let i = 0; i < views.length; i++) if (!isTarget(views[i], type)) return false;
  return true;
}

/** For `map`: one function for every call, not a closure per call. */
function addressOf(view: ResourceView): string {
  return view.address;
}

function unknownFromReferences(view: ResourceView, path: AttributePath, base: string): MaybeDocument {
  const references = view.referenceTextsAt(path);
  return unknown(
    references.length > 0 ? `${base} (depends on ${shorten(references.join(", "), 160)})` : base,
  );
}
