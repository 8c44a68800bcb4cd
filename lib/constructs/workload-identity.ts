import { Construct } from "constructs";
import { constructId } from "./construct-id";
import type { ApprovalProps, OwnerProps, SuppressionProps } from "../declaration/accountability-props";
import type { Duration } from "../declaration/duration";
import { buildIdentityRecord } from "../declaration/identity-record";
import type { IdentityScopeProps } from "../declaration/identity-scope-props";
import type { Subject } from "../declaration/subject";
import {
  AWS_ROLE_MIN_SESSION_SECONDS,
  MAX_TTL_SECONDS,
  notOurs,
  validateIdentity,
  type ValidIdentity,
} from "../declaration/validate-identity";
import { appPolicy, enableEnforcement } from "../enforcement/enforcement";
import {
  ttlBelowRoleMinimumWarning,
  WorkloadIdentityValidationError,
  type ValidationProblem,
} from "../errors/validation-errors";
import { accountabilityTags } from "../model/accountability-tags";
import type { IdentityRecord } from "../model/record";
import { renderPermissionPolicy } from "../render/iam-permission-policy";
import { renderTrustPolicy } from "../render/iam-trust-policy";
import { iamRoleNameFor, vaultNameFor } from "../render/resource-names";
import { escapeTerraformTemplate } from "../render/terraform-string";
import { renderVaultPolicy } from "../render/vault-policy-hcl";
import { OIDC_ISSUERS, OidcIssuer } from "./oidc-issuer";
import { carryRecord } from "./record-carrier";
import { removalOnFailure } from "./removal-on-failure";
import { declaringSource } from "./declaring-source";
import { withTokensNamed } from "./token-names";
import { plannedOidcProviderArn } from "./stack-account";
import { emitBlock } from "./terraform-bindings";
import type { ITerraformBlock } from "./terraform-block";
import { terraformCore } from "./terraform-core";
import { ownReference, withoutTokenTraces } from "./token-traces";
import { withoutOptimizingCompilerInDeclarationRun } from "../model/run-once-compilation";
import { Provenance } from "../declaration/provenance";

/** The WorkloadIdentitys this copy made (the brand alone can be forged). */
export const WORKLOAD_IDENTITIES = new Provenance(Symbol.for("cdktf-workload-identity.WorkloadIdentity"));

export interface WorkloadIdentityProps {
  /** The issuer whose tokens the workload presents. */
  readonly issuer: OidcIssuer;
  /** The exact `sub` claim trusted (wildcards only through `Subject.pattern`). */
  readonly subject: Subject;
  /** The team accountable for the identity's intent and scope. */
  readonly owner: OwnerProps;
  /** The governance approval of the identity (never the owner team). */
  readonly approver: ApprovalProps;
  /** Credential lifetime: at most 12 h; at least 15 min with AWS grants (below 1 h AWS cannot enforce it, a warning says so). */
  readonly ttl: Duration;
  /** What the identity may reach, and why. */
  readonly scope: IdentityScopeProps;
  /**
   * The separate approval for the secrets the scope reaches; required when there is any Vault
   * grant or an AWS action that reads secret material (secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt, ...).
   * @default none (an error when the scope reaches secrets)
   */
  readonly secretsApprover?: ApprovalProps;
  /**
   * Permissions boundary policy ARN for the IAM role.
   * @default no permissions boundary
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * Audience the workload's token carries, for every side of this identity.
   * @default the issuer's `awsAudience` / `vaultAudience`
   */
  readonly audience?: string;
  /**
   * Name of the IAM role and (lowercased) of the Vault role and policy.
   * @default derived from the construct path (sanitized; long or rewritten names end in a short hash)
   */
  readonly name?: string;
  /**
   * Audited exceptions to rules of the catalog, recorded with the identity.
   * @default none
   */
  readonly suppressions?: SuppressionProps[];
}

/**
 * One accountable workload identity: owner, approver(s), TTL, scope and the one runtime (issuer +
 * subject) that may assume it. Synthesizes the IAM role, trust and inline policy and/or the Vault
 * policy and JWT role; the IAM role (else the Vault role) carries the identity record under `"//"`.
 *
 * Every problem of the declaration is thrown together as a {@link WorkloadIdentityValidationError}
 * before any resource is created (the construct removes itself from the tree first).
 */
export class WorkloadIdentity extends Construct {
  /**
   * True for a WorkloadIdentity this copy of the library created. An object that only carries the brand
   * (another copy or version of the package, a Proxy, a forgery) is not one: it is rejected with
   * an error saying so.
   */
  public static isWorkloadIdentity(value: unknown): value is WorkloadIdentity {
    return WORKLOAD_IDENTITIES.madeHere(value);
  }

  /**
   * The normalized identity record (also embedded in the synthesized JSON). TypeScript only (an
   * engine type); other languages read it from the synthesized JSON.
   * @jsii ignore
   */
  public readonly record: IdentityRecord;
  /** ARN of the IAM role (a reference). @default undefined (no AWS side) */
  public get roleArn(): string | undefined {
    // A reference costs cdktf a token and a stack trace: made only when asked for.
    return this.roleBlock?.getStringAttribute("arn");
  }
  /** Name of the IAM role. @default undefined (no AWS side) */
  public readonly roleName?: string;
  private readonly roleBlock?: ITerraformBlock;
  /** Name of the Vault JWT role. @default undefined (no Vault side) */
  public readonly vaultRoleName?: string;
  /** Name of the Vault policy. @default undefined (no Vault side) */
  public readonly vaultPolicyName?: string;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, constructId(id));
    // Whatever throws (a validation problem, a props getter, an issuer that fails while its
    // resources are made) leaves nothing behind in the tree.
    const undo = removalOnFailure(this);
    const declaredAt = declaringSource();
    try {
      const made = withoutOptimizingCompilerInDeclarationRun(() => this.declare(scope, props, declaredAt));
      this.record = made.record;
      if (made.aws !== undefined) {
        this.roleBlock = made.aws.role;
        this.roleName = made.aws.roleName;
      }
      if (made.vault !== undefined) {
        this.vaultPolicyName = made.vault.name;
        this.vaultRoleName = made.vault.name;
      }
      enableEnforcement(this);
    } catch (error) {
      undo();
      throw error;
    }
  }

  /**
   * Validates the declaration and makes its resources. Run without V8's optimizing compiler, as the
   * synth-time check is (lib/model/run-once-compilation.ts): an app runs it once per identity, a
   * few thousand times at most, and compiling it cost more CPU than the compiled code saved. The
   * compiler stays off until the app's run of declarations ends.
   */
  private declare(scope: Construct, props: WorkloadIdentityProps, declaredAt: string | undefined) {
    const { identity, issuer } = this.validate(scope, props);
    WORKLOAD_IDENTITIES.mark(this);
    const built = buildIdentityRecord(this.node.path, identity, issuer.record);
    const record: IdentityRecord = declaredAt === undefined ? built : { ...built, declaredAt };
    // Every token of the sides is the construct's own (see withoutTokenTraces); one call for both,
    // since each call swaps Error.stackTraceLimit twice.
    const { aws, vault } = withoutTokenTraces(() => ({
      aws: this.awsSide(issuer, identity, record),
      vault: this.vaultSide(issuer, identity, record),
    }));
    // The one resource that carries the record: the IAM role, else the Vault role. The reader
    // joins the identity's other resources by their construct paths under the record's id
    // (lib/extract/record-claims.ts), so the record is written once, not once per resource.
    const carrier = aws?.role ?? vault?.role;
    if (carrier !== undefined) carryRecord(carrier, record);
    return { record, aws, vault };
  }

  /** The declaration validated, or every problem of it thrown together. */
  private validate(
    scope: Construct,
    props: WorkloadIdentityProps,
  ): { identity: ValidIdentity; issuer: OidcIssuer } {
    const input = (props ?? {}) as Partial<WorkloadIdentityProps>;
    const problems: ValidationProblem[] = [];
    const issuer = OidcIssuer.isOidcIssuer(input.issuer) ? input.issuer : undefined;
    if (issuer === undefined) {
      problems.push(
        notOurs(
          "issuer",
          input.issuer,
          OIDC_ISSUERS,
          "OidcIssuer",
          "OidcIssuer.githubActions(stack, id, { owner, aws: {} })",
        ),
      );
    }
    const today = appPolicy(this).today;
    const validation = validateIdentity(
      {
        owner: input.owner,
        approver: input.approver,
        secretsApprover: input.secretsApprover,
        ttl: input.ttl,
        subject: input.subject,
        scope: input.scope,
        suppressions: input.suppressions,
        permissionsBoundaryArn: input.permissionsBoundaryArn,
        audience: input.audience,
        name: input.name,
      },
      {
        today,
        issuer: issuer?.issuerFacts(),
        isUnresolved: (value) => terraformCore().Token.isUnresolved(value),
      },
    );
    problems.push(...validation.problems);
    const identity: ValidIdentity | undefined = validation.identity;
    if (problems.length > 0 || identity === undefined || issuer === undefined) {
      throw new WorkloadIdentityValidationError(this.node.path, withTokensNamed(scope, problems));
    }
    return { identity, issuer };
  }

  /** The IAM role, its trust and inline policy, when the identity has AWS grants and the issuer an AWS side. */
  private awsSide(
    issuer: OidcIssuer,
    identity: ValidIdentity,
    record: IdentityRecord,
  ): { role: ITerraformBlock; roleName: string } | undefined {
    if (
      identity.awsGrants.length === 0 ||
      issuer.providerArn === undefined ||
      identity.awsAudience === undefined
    )
      return undefined;
    const path = this.node.path;
    const roleName = identity.name ?? iamRoleNameFor(path);
    const role = emitBlock("role", this, "role", {
      name: roleName,
      assumeRolePolicy: renderTrustPolicy(
        {
          federatedPrincipal: this.federatedPrincipal(issuer, issuer.providerArn),
          issuerUrl: issuer.url,
          audience: identity.awsAudience,
          subject: identity.subject.value,
          subjectIsPattern: identity.subject.isPattern,
        },
        { escapeForTerraform: true },
      ),
      maxSessionDuration: Math.min(
        MAX_TTL_SECONDS,
        Math.max(AWS_ROLE_MIN_SESSION_SECONDS, identity.ttlSeconds),
      ),
      permissionsBoundary: identity.permissionsBoundaryArn,
      tags: escapeValues(accountabilityTags(record)),
    });
    // The trust names the provider by an ARN built from data sources, which carries no
    // dependency on it: IAM may reject a trust naming a provider that does not exist yet.
    if (
      issuer.oidcProvider !== undefined &&
      terraformCore().TerraformStack.of(issuer.oidcProvider) === terraformCore().TerraformStack.of(this)
    )
      role.dependsOn = dependencyOn(issuer.oidcProvider);
    emitBlock("rolePolicy", this, "role-policy", {
      name: roleName,
      role: ownReference(role, "name"),
      policy: renderPermissionPolicy(record.scope.aws, { escapeForTerraform: true }),
    });
    if (identity.ttlSeconds < AWS_ROLE_MIN_SESSION_SECONDS) {
      terraformCore().Annotations.of(this).addWarning(ttlBelowRoleMinimumWarning(path, identity.ttlSeconds));
    }
    return { role, roleName };
  }

  /** The Vault policy and JWT role, when the identity has Vault grants and the issuer a Vault side. */
  private vaultSide(
    issuer: OidcIssuer,
    identity: ValidIdentity,
    record: IdentityRecord,
  ): { role: ITerraformBlock; name: string } | undefined {
    if (
      identity.vaultGrants.length === 0 ||
      issuer.vaultMountPath === undefined ||
      identity.vaultAudience === undefined
    )
      return undefined;
    const name = identity.name?.toLowerCase() ?? vaultNameFor(this.node.path);
    const policy = emitBlock("vaultPolicy", this, "vault-policy", {
      name,
      policy: escapeTerraformTemplate(renderVaultPolicy(record)),
    });
    const subject = escapeTerraformTemplate(identity.subject.value);
    const role = emitBlock("jwtRole", this, "vault-role", {
      backend: this.vaultBackendPath(issuer, issuer.vaultMountPath),
      roleName: name,
      roleType: "jwt",
      boundAudiences: [escapeTerraformTemplate(identity.vaultAudience)],
      // Exact subjects are bound with bound_subject; a pattern with glob bound claims, with
      // comma parsing disabled so a ',' in the pattern cannot add alternatives.
      ...(identity.subject.isPattern
        ? { boundClaims: { sub: subject }, boundClaimsType: "glob", disableBoundClaimsParsing: true }
        : { boundSubject: subject }),
      userClaim: "sub",
      tokenTtl: identity.ttlSeconds,
      tokenMaxTtl: identity.ttlSeconds,
      tokenExplicitMaxTtl: identity.ttlSeconds,
      tokenPolicies: [ownReference(policy, "name")],
      tokenNoDefaultPolicy: true,
    });
    return { role, name };
  }

  /**
   * How the role's trust names the issuer's OIDC provider. A provider created in another stack is
   * named by an ARN built in this stack (its own account and partition data sources) rather than
   * through a cross-stack reference: the trust stays known at plan time and to the synth-time
   * review (so identities in different stacks are compared), and an IAM trust can only name a
   * provider of the role's own account anyway. The stack then deploys after the issuer's.
   */
  private federatedPrincipal(issuer: OidcIssuer, providerArn: string): string {
    const provider = issuer.oidcProvider;
    if (provider === undefined) return providerArn;
    const ownStack = terraformCore().TerraformStack.of(this);
    const providerStack = terraformCore().TerraformStack.of(provider);
    if (providerStack !== ownStack) ownStack.addDependency(providerStack);
    // The issuer's own `providerArn` when it is in this stack, written without tokens.
    return plannedOidcProviderArn(this, issuer.url, true);
  }

  /**
   * The mount path the Vault role is created on. A backend created in another stack is named by its
   * configured path rather than through a cross-stack reference, so the role's backend (and with it
   * the issuer the synth-time review compares tokens by) stays known; the stack then deploys after
   * the issuer's.
   */
  private vaultBackendPath(issuer: OidcIssuer, mountPath: string): string {
    const backend = issuer.vaultBackend;
    const ownStack = terraformCore().TerraformStack.of(this);
    const configuredPath = issuer.vaultBackendMountPath;
    if (
      backend === undefined ||
      terraformCore().TerraformStack.of(backend) === ownStack ||
      configuredPath === undefined
    )
      return mountPath;
    ownStack.addDependency(terraformCore().TerraformStack.of(backend));
    return escapeTerraformTemplate(configuredPath);
  }
}

const DEPENDENCIES = new WeakMap<ITerraformBlock, string>();

/**
 * `depends_on` naming `block`, with one token per block: cdktf makes a token (with a stack trace)
 * for each dependency it is given, and every role of an issuer depends on the same provider.
 */
function dependencyOn(block: ITerraformBlock): string[] {
  let dependency = DEPENDENCIES.get(block);
  if (dependency === undefined)
    DEPENDENCIES.set(block, (dependency = withoutTokenTraces(() => terraformCore().dependable(block))));
  return [dependency];
}

/** Escapes each value for a Terraform attribute, in place (the tags object is the caller's own). */
function escapeValues(values: Record<string, string>): Record<string, string> {
  for (const key of Object.keys(values)) values[key] = escapeTerraformTemplate(values[key]);
  return values;
}
