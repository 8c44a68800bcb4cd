import type { DataAwsCallerIdentityConfig } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { DataAwsPartitionConfig } from "@cdktf/provider-aws/lib/data-aws-partition";
import type { IamOpenidConnectProviderConfig } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import type { IamRoleConfig } from "@cdktf/provider-aws/lib/iam-role";
import type { IamRolePolicyConfig } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { JwtAuthBackendConfig } from "@cdktf/provider-vault/lib/jwt-auth-backend";
import type { JwtAuthBackendRoleConfig } from "@cdktf/provider-vault/lib/jwt-auth-backend-role";
import type { PolicyConfig } from "@cdktf/provider-vault/lib/policy";
import type { Construct, IConstruct } from "constructs";
import { emptyRecord } from "../model/lookup-table";
import { withholdLiterals } from "./literal-attributes";
import type { ITerraformBlock } from "./terraform-block";
import { withoutTokenTraces } from "./token-traces";
import { isMissingPackage, terraformCore, terraformCoreName, type CoreName } from "./terraform-core";

/**
 * The one place that knows which provider bindings the constructs emit through, and loads them.
 *
 * Every provider package is an optional peer, loaded only when a construct emits a block of its
 * side: an app with only the AWS provider (or only the Vault one) synthesizes identities of that
 * side. The typed classes are used where installed, of the core's own family first
 * (`@cdktn/provider-*` under cdktn, `@cdktf/provider-*` under cdktf). A cdktn app without typed
 * bindings for a side (there is no `@cdktn/provider-vault` on npm) gets the block through the core's
 * generic `TerraformResource` / `TerraformDataSource` with the provider schema's names: the same
 * JSON, byte for byte. A cdktf app without its side's provider gets an error naming the package.
 * Types come from the providers only through `import type` here, which no published declaration
 * reaches.
 */

/** A provider side the constructs can emit. */
export type ProviderSide = "aws" | "vault";

interface ProviderPackage {
  readonly name: string;
  /** The versions to install, for the error message. */
  readonly range: string;
}

/** Where each family keeps a side's typed classes (`<name>/lib/<module>`). */
const PROVIDER_PACKAGES: Readonly<Record<CoreName, Readonly<Record<ProviderSide, ProviderPackage>>>> = {
  cdktf: {
    aws: { name: "@cdktf/provider-aws", range: "^21" },
    vault: { name: "@cdktf/provider-vault", range: "^15" },
  },
  cdktn: {
    aws: { name: "@cdktn/provider-aws", range: ">=25" },
    vault: { name: "@cdktn/provider-vault", range: "*" },
  },
};

/** Families tried under each core, in order; cdktn keeps cdktf's runtime markers, so both fit it. */
const FAMILIES_FOR_CORE: Readonly<Record<CoreName, readonly CoreName[]>> = {
  cdktn: ["cdktn", "cdktf"],
  cdktf: ["cdktf"],
};

/** The blocks the constructs emit, with the schema type and where each provider keeps its class. */
interface BlockBinding {
  readonly side: ProviderSide;
  /** Terraform type name (the provider schema's). */
  readonly terraformType: string;
  /** Module of the typed class, under `<package>/lib/`. */
  readonly module: string;
  readonly className: string;
  /** A data source (`data.<type>`), not a managed resource. */
  readonly dataSource?: boolean;
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
    dataSource: true,
  },
  partition: {
    side: "aws",
    terraformType: "aws_partition",
    module: "data-aws-partition",
    className: "DataAwsPartition",
    dataSource: true,
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
 * Creates a block of `kind` under `scope`. `requester` is the construct named when the provider is
 * missing (the scope, unless a shared block is placed elsewhere, e.g. a stack's data sources).
 */
export function emitBlock<K extends BlockKind>(
  kind: K,
  scope: Construct,
  id: string,
  config: BlockConfigs[K],
  requester: IConstruct = scope,
): ITerraformBlock {
  let BlockClass = loadedClasses.get(kind);
  if (BlockClass === undefined) {
    BlockClass = typedClass(kind, terraformCoreName(), requester) ?? genericClass(BLOCKS[kind]);
    loadedClasses.set(kind, BlockClass);
  }
  const Block = BlockClass;
  const block = withoutTokenTraces(() => new Block(scope, id, config));
  if (!(BLOCKS[kind] as BlockBinding).dataSource) withholdLiterals(block);
  return block;
}

/** True when `value` is a block of this Terraform type, from any copy of any core. */
export function isBlockOf(kind: BlockKind, value: unknown): value is ITerraformBlock {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Partial<ITerraformBlock>).terraformResourceType === BLOCKS[kind].terraformType
  );
}

/**
 * The typed class of the first installed family for `core`; undefined when none is installed and
 * the core can emit the block generically (cdktn); an error naming the package otherwise (cdktf).
 */
function typedClass(kind: BlockKind, core: CoreName, requester: IConstruct): BlockClass | undefined {
  const binding: BlockBinding = BLOCKS[kind];
  for (const family of FAMILIES_FOR_CORE[core]) {
    const providerPackage = PROVIDER_PACKAGES[family][binding.side];
    const modulePath = `${providerPackage.name}/lib/${binding.module}`;
    let loaded: Record<string, unknown>;
    try {
      // Deep path, loaded on first use: the root of a provider package loads every resource it has.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(modulePath) as Record<string, unknown>;
    } catch (error) {
      // A family's provider installed without its own core (@cdktf/provider-* needs cdktf) is absent too.
      if (isMissingPackage(error, providerPackage.name) || isMissingPackage(error, family)) continue;
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
  if (core === "cdktn") return undefined;
  throw missingProvider(binding, PROVIDER_PACKAGES[core][binding.side], requester);
}

/** Meta-arguments every core handles itself; everything else in a config is a schema attribute. */
const META_ARGUMENTS = [
  "dependsOn",
  "count",
  "provider",
  "lifecycle",
  "forEach",
  "provisioners",
  "connection",
];

/**
 * The block through the core's generic resource / data source class, rendering exactly what the
 * typed class renders: the provider schema's snake_case names, in the schema's (alphabetical)
 * order, and the same HCL attribute shapes.
 */
function genericClass(binding: BlockBinding): BlockClass {
  const core = terraformCore();
  // Both base classes take the same construction config; the resource's type describes both.
  const Base = (
    binding.dataSource ? core.TerraformDataSource : core.TerraformResource
  ) as typeof core.TerraformResource;
  class GenericBlock extends Base {
    private readonly schemaAttributes: Record<string, unknown>;

    constructor(scope: Construct, id: string, config: object) {
      const meta = emptyRecord<unknown>();
      const attributes = emptyRecord<unknown>();
      for (const [key, value] of Object.entries(config)) {
        if (META_ARGUMENTS.includes(key)) meta[key] = value;
        else if (value !== undefined) attributes[schemaName(key)] = value;
      }
      super(scope, id, {
        ...meta,
        terraformResourceType: binding.terraformType,
        terraformGeneratorMetadata: { providerName: binding.side },
      });
      this.schemaAttributes = Object.fromEntries(
        Object.keys(attributes)
          .sort()
          .map((name) => [name, attributes[name]]),
      );
    }

    protected synthesizeAttributes(): Record<string, unknown> {
      return { ...this.schemaAttributes };
    }

    protected synthesizeHclAttributes(): Record<string, unknown> {
      return Object.fromEntries(
        Object.entries(this.schemaAttributes).map(([name, value]) => [name, hclAttribute(value)]),
      );
    }
  }
  return GenericBlock as unknown as BlockClass;
}

/** `oidcDiscoveryUrl` -> `oidc_discovery_url`: how cdktf's generator derives config keys from the schema. */
function schemaName(configKey: string): string {
  return configKey.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The attribute shapes of our configs (strings, numbers, booleans, string lists, string maps). */
function hclAttribute(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return { value, isBlock: false, type: "list", storageClassType: "stringList" };
  if (typeof value === "object" && value !== null)
    return { value, isBlock: false, type: "map", storageClassType: "stringMap" };
  const storageClassType =
    typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "string";
  return { value, isBlock: false, type: "simple", storageClassType };
}

function missingProvider(
  binding: BlockBinding,
  providerPackage: ProviderPackage,
  requester: IConstruct,
): Error {
  const side = binding.side === "aws" ? "AWS" : "Vault";
  return new Error(
    `cdktf-workload-identity: ${requester.node.path} uses the ${side} side (${binding.terraformType}), ` +
      `which needs the package ${providerPackage.name}, and it is not installed. ` +
      `Install it (npm install ${providerPackage.name}@${providerPackage.range}), or declare no ${side} side.`,
  );
}
