import { Construct } from "constructs";
import { constructId } from "./construct-id";
import type { OwnerProps } from "../declaration/accountability-props";
import { ISSUER_KINDS, ISSUER_RECORD_KEY } from "../model/issuer";
import { validateIssuer } from "../declaration/validate-issuer";
import type { IssuerFacts } from "../declaration/validate-identity";
import { OidcIssuerValidationError } from "../errors/validation-errors";
import { TAG_PREFIX, toTagValue } from "../model/accountability-tags";
import type { IssuerKind, IssuerRecord } from "../model/record";
import { escapeTerraformTemplate } from "../render/terraform-string";
import { plannedOidcProviderArn } from "./stack-account";
import { removalOnFailure } from "./removal-on-failure";
import { emitBlock } from "./terraform-bindings";
import type { ITerraformBlock } from "./terraform-block";
import { terraformCore } from "./terraform-core";
import { withTokensNamed } from "./token-names";
import { ownReference } from "./token-traces";
import { Provenance } from "../declaration/provenance";

/** The OidcIssuers this copy made (the brand alone can be forged). */
export const OIDC_ISSUERS = new Provenance(Symbol.for("cdktf-workload-identity.OidcIssuer"));
/** Factories pass the issuer kind through the props under this key (not part of the public props). */
const KIND_KEY = Symbol("cdktf-workload-identity.issuerKind");

/** The AWS side of an issuer. */
export interface OidcIssuerAwsOptions {
  /**
   * ARN of an existing IAM OIDC provider for this issuer URL.
   * @default a new `aws_iam_openid_connect_provider` is created
   */
  readonly providerArn?: string;
}

/** The Vault side of an issuer. */
export interface OidcIssuerVaultOptions {
  /** Mount path of the JWT auth backend, e.g. `jwt-github`. */
  readonly mountPath: string;
  /**
   * True when the backend is already mounted at `mountPath` (managed elsewhere).
   * @default false (a `vault_jwt_auth_backend` is created)
   */
  readonly existingMount?: boolean;
}

/** Props shared by every issuer factory. */
export interface OidcIssuerCommonProps {
  /** The platform team that owns the issuance path. */
  readonly owner: OwnerProps;
  /**
   * AWS side: `{}` creates the IAM OIDC provider, `{ providerArn }` reuses one.
   * @default no AWS side
   */
  readonly aws?: OidcIssuerAwsOptions;
  /**
   * Vault side: a JWT auth backend, created or existing.
   * @default no Vault side
   */
  readonly vault?: OidcIssuerVaultOptions;
  /**
   * Audience accepted on the AWS side (the provider's client id list and the `aud` condition).
   * @default "sts.amazonaws.com", or "aws.workload.identity" for HCP Terraform
   */
  readonly awsAudience?: string;
  /**
   * Audience bound on the Vault side (`bound_audiences`).
   * @default "vault.workload.identity"
   */
  readonly vaultAudience?: string;
}

/** The generic issuer: any OIDC issuer URL. */
export interface OidcIssuerProps extends OidcIssuerCommonProps {
  /** Issuer URL, equal to the tokens' `iss` claim, e.g. `https://issuer.example.com`. */
  readonly url: string;
}

export interface GitHubActionsIssuerProps extends OidcIssuerCommonProps {
  /**
   * Issuer URL (GitHub Enterprise Cloud with a custom issuer: `https://token.actions.githubusercontent.com/ENTERPRISE`).
   * @default "https://token.actions.githubusercontent.com"
   */
  readonly url?: string;
}

export interface GitLabIssuerProps extends OidcIssuerCommonProps {
  /**
   * Issuer URL of a self-managed GitLab instance.
   * @default "https://gitlab.com"
   */
  readonly url?: string;
}

export interface KubernetesIssuerProps extends OidcIssuerCommonProps {
  /** The cluster's service account issuer URL, e.g. EKS `https://oidc.eks.REGION.amazonaws.com/id/ID`. */
  readonly url: string;
}

export interface TerraformCloudIssuerProps extends OidcIssuerCommonProps {
  /**
   * Issuer URL of a Terraform Enterprise host.
   * @default "https://app.terraform.io"
   */
  readonly url?: string;
}

export interface SpiffeIssuerProps extends OidcIssuerCommonProps {
  /** The SPIRE OIDC discovery provider URL (the JWT-SVID `iss`). */
  readonly url: string;
  /** The SPIFFE trust domain, e.g. `prod.acme.internal`; every subject must belong to it. */
  readonly trustDomain: string;
}

/**
 * A token issuer workloads authenticate with, owned by a platform team. Creates (or reuses) the
 * AWS IAM OIDC provider and the Vault JWT auth backend, once per issuer. Validation problems are
 * thrown together as an {@link OidcIssuerValidationError} before any resource is created.
 */
export class OidcIssuer extends Construct {
  /** GitHub Actions (`https://token.actions.githubusercontent.com`). */
  public static githubActions(scope: Construct, id: string, props: GitHubActionsIssuerProps): OidcIssuer {
    return OidcIssuer.ofKind(scope, id, "github-actions", props);
  }

  /** GitLab CI id_tokens (`https://gitlab.com` or a self-managed URL). */
  public static gitlab(scope: Construct, id: string, props: GitLabIssuerProps): OidcIssuer {
    return OidcIssuer.ofKind(scope, id, "gitlab", props);
  }

  /** A Kubernetes cluster's service account issuer (EKS or any cluster issuer URL). */
  public static kubernetes(scope: Construct, id: string, props: KubernetesIssuerProps): OidcIssuer {
    return OidcIssuer.ofKind(scope, id, "kubernetes", props);
  }

  /** HCP Terraform / Terraform Enterprise workload identity (`https://app.terraform.io`). */
  public static terraformCloud(scope: Construct, id: string, props: TerraformCloudIssuerProps): OidcIssuer {
    return OidcIssuer.ofKind(scope, id, "terraform-cloud", props);
  }

  /** A SPIRE server's OIDC discovery provider (JWT-SVIDs of one trust domain). */
  public static spiffe(scope: Construct, id: string, props: SpiffeIssuerProps): OidcIssuer {
    return OidcIssuer.ofKind(scope, id, "spiffe", props);
  }

  /**
   * True for a OidcIssuer this copy of the library created. An object that only carries the brand
   * (another copy or version of the package, a Proxy, a forgery) is not one: it is rejected with
   * an error saying so.
   */
  public static isOidcIssuer(value: unknown): value is OidcIssuer {
    return OIDC_ISSUERS.madeHere(value);
  }

  private static ofKind(
    scope: Construct,
    id: string,
    kind: IssuerKind,
    props: OidcIssuerCommonProps & { url?: string },
  ) {
    const input = (props ?? {}) as OidcIssuerProps;
    const url = input.url ?? ISSUER_KINDS[kind].url;
    return new OidcIssuer(scope, id, { ...input, url, [KIND_KEY]: kind } as OidcIssuerProps);
  }

  /** `github-actions`, `gitlab`, `kubernetes`, `terraform-cloud`, `spiffe` or `generic`. */
  public readonly kind: string;
  public readonly url: string;
  /**
   * The issuer's record (kind, URL, construct path, owner), embedded in every identity record.
   * TypeScript only (an engine type); other languages read it from the synthesized JSON.
   * @jsii ignore
   */
  public readonly record: IssuerRecord;
  /**
   * ARN of the IAM OIDC provider. When created here it is built from the stack's
   * `aws_caller_identity` and `aws_partition` data sources and the issuer host+path, so it is known
   * at plan time (the provider's own `arn` attribute is known only after apply); anything using it
   * must depend on {@link oidcProvider}. @default undefined (no AWS side)
   */
  public readonly providerArn?: string;
  /**
   * The `aws_iam_openid_connect_provider` resource, when created here.
   * @default undefined (reused or no AWS side)
   */
  public readonly oidcProvider?: ITerraformBlock;
  /** Audience for the AWS side. */
  public readonly awsAudience: string;
  /** Audience for the Vault side. */
  public readonly vaultAudience: string;
  /** Mount path of the JWT auth backend (a reference when created here). @default undefined (no Vault side) */
  public readonly vaultMountPath?: string;
  /** The created `vault_jwt_auth_backend`. @default undefined (an existing mount, or no Vault side) */
  public readonly vaultBackend?: ITerraformBlock;
  /**
   * The configured mount path of a backend created here (not a reference), so identities in other
   * stacks can name it. @default undefined
   */
  public readonly vaultBackendMountPath?: string;
  /** SPIFFE issuers only. @default undefined */
  public readonly trustDomain?: string;
  private readonly facts: IssuerFacts;

  constructor(scope: Construct, id: string, props: OidcIssuerProps) {
    super(scope, constructId(id));
    // Whatever throws (a validation problem, a props getter) leaves nothing behind in the tree.
    const undo = removalOnFailure(this);
    try {
      const input = (props ?? {}) as OidcIssuerProps & { [KIND_KEY]?: IssuerKind; trustDomain?: unknown };
      const kind: IssuerKind = input[KIND_KEY] ?? "generic";
      const { problems, issuer } = validateIssuer(
        {
          url: input.url,
          owner: input.owner,
          aws: input.aws,
          vault: input.vault,
          awsAudience: input.awsAudience,
          vaultAudience: input.vaultAudience,
          trustDomain: input.trustDomain,
          requiresTrustDomain: kind === "spiffe",
        },
        (value) => terraformCore().Token.isUnresolved(value),
      );
      if (problems.length > 0 || issuer === undefined) {
        throw new OidcIssuerValidationError(this.node.path, withTokensNamed(scope, problems));
      }
      OIDC_ISSUERS.mark(this);

      const defaults = ISSUER_KINDS[kind];
      this.kind = kind;
      this.url = issuer.url;
      this.awsAudience = issuer.awsAudience ?? defaults.awsAudience;
      this.vaultAudience = issuer.vaultAudience ?? defaults.vaultAudience;
      this.trustDomain = issuer.trustDomain;
      this.record = { kind, url: issuer.url, constructPath: this.node.path, owner: { ...issuer.owner } };

      let createdClientIds: string[] | undefined;
      if (issuer.aws !== undefined) {
        if (issuer.aws.providerArn !== undefined) {
          this.providerArn = issuer.aws.providerArn;
        } else {
          createdClientIds = [this.awsAudience];
          const plannedArn = plannedOidcProviderArn(this, issuer.url);
          const provider = emitBlock("oidcProvider", this, "aws-oidc-provider", {
            url: escapeTerraformTemplate(issuer.url),
            clientIdList: createdClientIds.map(escapeTerraformTemplate),
            tags: {
              [`${TAG_PREFIX}issuer`]: toTagValue(this.node.path),
              [`${TAG_PREFIX}issuer-owner`]: toTagValue(issuer.owner.team),
              [`${TAG_PREFIX}issuer-owner-contact`]: toTagValue(issuer.owner.contact),
            },
          });
          provider.addOverride(`//.${ISSUER_RECORD_KEY}`, this.record);
          this.oidcProvider = provider;
          this.providerArn = plannedArn;
        }
      }

      if (issuer.vault !== undefined) {
        if (issuer.vault.existingMount) {
          this.vaultMountPath = issuer.vault.mountPath;
        } else {
          const backend = emitBlock("jwtBackend", this, "vault-jwt-backend", {
            type: "jwt",
            path: issuer.vault.mountPath,
            oidcDiscoveryUrl: escapeTerraformTemplate(issuer.url),
            boundIssuer: escapeTerraformTemplate(issuer.url),
            description: escapeTerraformTemplate(
              `Workload identity issuer ${this.node.path} (${kind}), owned by ${issuer.owner.team}`,
            ),
          });
          backend.addOverride(`//.${ISSUER_RECORD_KEY}`, this.record);
          this.vaultMountPath = ownReference(backend, "path");
          this.vaultBackend = backend;
          this.vaultBackendMountPath = issuer.vault.mountPath;
        }
      }

      this.facts = {
        kind,
        url: issuer.url,
        constructPath: this.node.path,
        owner: issuer.owner,
        hasAwsSide: issuer.aws !== undefined,
        hasVaultSide: issuer.vault !== undefined,
        awsAudience: this.awsAudience,
        vaultAudience: this.vaultAudience,
        awsClientIds: createdClientIds,
        trustDomain: issuer.trustDomain,
      };
    } catch (error) {
      undo();
      throw error;
    }
  }

  /**
   * What identities validate against (kind, sides, audiences). TypeScript only (an engine type).
   * @jsii ignore
   */
  public issuerFacts(): IssuerFacts {
    return this.facts;
  }
}
