import type { DataAwsCallerIdentityConfig } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { DataAwsPartitionConfig } from "@cdktf/provider-aws/lib/data-aws-partition";
import type { IamOpenidConnectProviderConfig } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import type { IamRoleConfig } from "@cdktf/provider-aws/lib/iam-role";
import type { IamRolePolicyConfig } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { JwtAuthBackendConfig } from "@cdktf/provider-vault/lib/jwt-auth-backend";
import type { JwtAuthBackendRoleConfig } from "@cdktf/provider-vault/lib/jwt-auth-backend-role";
import type { PolicyConfig } from "@cdktf/provider-vault/lib/policy";
import type { Construct, IConstruct } from "constructs";
import type { ITerraformBlock } from "./terraform-block";

/**
 * The one place that knows which provider bindings the constructs emit through, and loads them.
 *
 * Both provider packages are optional peers: a binding is required only when a construct emits a
 * block of its side, so an app with only `@cdktf/provider-aws` (or only `@cdktf/provider-vault`)
 * loads this library and synthesizes identities of that side. Types come from the providers only
 * through `import type` here, which never reaches the published declarations of the constructs.
 */

/** A provider side the constructs can emit: each is one optional peer package. */
export type ProviderSide = "aws" | "vault";

/** What an app installs to emit a side, and what a user reads in the error when it is missing. */
const PROVIDER_PACKAGES: Readonly<Record<ProviderSide, { readonly name: string; readonly range: string }>> = {
  aws: { name: "@cdktf/provider-aws", range: "^21" },
  vault: { name: "@cdktf/provider-vault", range: "^15" },
};

/** The blocks the constructs emit, with the schema type and where each provider keeps its class. */
interface BlockBinding {
  readonly side: ProviderSide;
  /** Terraform type name (the provider schema's). */
  readonly terraformType: string;
  /** Module of the typed class, under `<package>/lib/`. */
  readonly module: string;
  readonly className: string;
}

const BLOCKS = {
  oidcProvider: {
    side: "aws",
    terraformType: "aws_iam_openid_connect_provider",
    module: "iam-openid-connect-provider",
    className: "IamOpenidConnectProvider",
  },
  role: { side: "aws", terraformType: "aws_iam_role", module: "iam-role", className: "IamRole" },
  rolePolicy: {
    side: "aws",
    terraformType: "aws_iam_role_policy",
    module: "iam-role-policy",
    className: "IamRolePolicy",
  },
  callerIdentity: {
    side: "aws",
    terraformType: "aws_caller_identity",
    module: "data-aws-caller-identity",
    className: "DataAwsCallerIdentity",
  },
  partition: {
    side: "aws",
    terraformType: "aws_partition",
    module: "data-aws-partition",
    className: "DataAwsPartition",
  },
  vaultPolicy: { side: "vault", terraformType: "vault_policy", module: "policy", className: "Policy" },
  jwtBackend: {
    side: "vault",
    terraformType: "vault_jwt_auth_backend",
    module: "jwt-auth-backend",
    className: "JwtAuthBackend",
  },
  jwtRole: {
    side: "vault",
    terraformType: "vault_jwt_auth_backend_role",
    module: "jwt-auth-backend-role",
    className: "JwtAuthBackendRole",
  },
} as const satisfies Record<string, BlockBinding>;

/** The configuration each block takes (the typed provider classes' own config types). */
interface BlockConfigs {
  oidcProvider: IamOpenidConnectProviderConfig;
  role: IamRoleConfig;
  rolePolicy: IamRolePolicyConfig;
  callerIdentity: DataAwsCallerIdentityConfig;
  partition: DataAwsPartitionConfig;
  vaultPolicy: PolicyConfig;
  jwtBackend: JwtAuthBackendConfig;
  jwtRole: JwtAuthBackendRoleConfig;
}

export type BlockKind = keyof typeof BLOCKS;

type BlockClass = new (scope: Construct, id: string, config: object) => ITerraformBlock;
const loadedClasses = new Map<BlockKind, BlockClass>();

/**
 * Creates a block of `kind` under `scope` through the installed provider's typed class. `requester`
 * is the construct named when the provider is missing (the scope, unless a shared block is placed
 * elsewhere, e.g. a stack's data sources).
 */
export function emitBlock<K extends BlockKind>(
  kind: K,
  scope: Construct,
  id: string,
  config: BlockConfigs[K],
  requester: IConstruct = scope,
): ITerraformBlock {
  const BlockClass = loadedClasses.get(kind) ?? loadClass(kind, requester);
  loadedClasses.set(kind, BlockClass);
  return new BlockClass(scope, id, config);
}

/** True when `value` is a block of this Terraform type, from any copy of any core. */
export function isBlockOf(kind: BlockKind, value: unknown): value is ITerraformBlock {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Partial<ITerraformBlock>).terraformResourceType === BLOCKS[kind].terraformType
  );
}

function loadClass(kind: BlockKind, requester: IConstruct): BlockClass {
  const binding: BlockBinding = BLOCKS[kind];
  const providerPackage = PROVIDER_PACKAGES[binding.side];
  const modulePath = `${providerPackage.name}/lib/${binding.module}`;
  let loaded: Record<string, unknown>;
  try {
    // Deep path, loaded on first use: the root of a provider package loads every resource it has.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(modulePath) as Record<string, unknown>;
  } catch (error) {
    if (isMissingModule(error, providerPackage.name)) throw missingProvider(binding, requester);
    throw error;
  }
  const BlockClass = loaded[binding.className];
  if (typeof BlockClass !== "function") {
    throw new Error(
      `cdktf-workload-identity: ${modulePath} has no class ${binding.className}; install ${providerPackage.name}@${providerPackage.range}`,
    );
  }
  return BlockClass as BlockClass;
}

/** Node's "Cannot find module" for the package itself (not for a broken dependency inside it). */
function isMissingModule(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === "MODULE_NOT_FOUND" &&
    typeof message === "string" &&
    message.startsWith(`Cannot find module '${packageName}/`)
  );
}

function missingProvider(binding: BlockBinding, requester: IConstruct): Error {
  const providerPackage = PROVIDER_PACKAGES[binding.side];
  const side = binding.side === "aws" ? "AWS" : "Vault";
  return new Error(
    `cdktf-workload-identity: ${requester.node.path} uses the ${side} side (${binding.terraformType}), ` +
      `which needs the package ${providerPackage.name}, and it is not installed. ` +
      `Install it (npm install ${providerPackage.name}@${providerPackage.range}), or declare no ${side} side.`,
  );
}
