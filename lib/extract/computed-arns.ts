import { lookupTable } from "../model/lookup-table";
import { UNKNOWN_ACCOUNT } from "../model/unknown";

/** Where a resource is created: what its provider configuration says, `*` for a region it does not fix. */
export interface AwsPlacement {
  readonly partition: string;
  readonly region: string;
}

/** Reads a literal attribute of the resource (undefined when unset or not known statically). */
export type LiteralAttribute = (name: string) => string | undefined;

/**
 * ARN formats from the service authorization reference ("Resource types defined by ...", e.g.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html):
 * the ARN AWS gives a resource the app creates, computed from its literal configuration. The
 * account is the one the app deploys to ({@link UNKNOWN_ACCOUNT}); the same holds for the caller
 * identity data source, so both name one account.
 */
const ARN_FORMATS = lookupTable<(attribute: LiteralAttribute, at: AwsPlacement) => string | undefined>({
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html: no region, no account.
  aws_s3_bucket: (attribute, at) =>
    withName(attribute("bucket"), (name) => `arn:${at.partition}:s3:::${name}`),
  // Secrets Manager appends a hyphen and six random characters to the name in the ARN
  // (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources).
  aws_secretsmanager_secret: (attribute, at) => {
    const name = attribute("name");
    const prefix = attribute("name_prefix");
    const head = `arn:${at.partition}:secretsmanager:${at.region}:${UNKNOWN_ACCOUNT}:secret:`;
    if (name !== undefined && name !== "") return `${head}${name}-??????`;
    if (prefix !== undefined && prefix !== "") return `${head}${prefix}*`;
    return undefined;
  },
  aws_dynamodb_table: (attribute, at) =>
    withName(
      attribute("name"),
      (name) => `arn:${at.partition}:dynamodb:${at.region}:${UNKNOWN_ACCOUNT}:table/${name}`,
    ),
  // A hierarchical name starts with "/", which the ARN does not repeat after `parameter`.
  aws_ssm_parameter: (attribute, at) =>
    withName(
      attribute("name"),
      (name) =>
        `arn:${at.partition}:ssm:${at.region}:${UNKNOWN_ACCOUNT}:parameter/${name.replace(/^\//, "")}`,
    ),
  aws_sqs_queue: (attribute, at) =>
    withName(attribute("name"), (name) => `arn:${at.partition}:sqs:${at.region}:${UNKNOWN_ACCOUNT}:${name}`),
  aws_sns_topic: (attribute, at) =>
    withName(attribute("name"), (name) => `arn:${at.partition}:sns:${at.region}:${UNKNOWN_ACCOUNT}:${name}`),
  // The alias name includes its `alias/` prefix.
  aws_kms_alias: (attribute, at) =>
    withName(attribute("name"), (name) => `arn:${at.partition}:kms:${at.region}:${UNKNOWN_ACCOUNT}:${name}`),
});

/** Attributes whose value is the ARN: `arn`, and `id` where the provider sets the id to the ARN. */
const ID_IS_ARN: ReadonlySet<string> = new Set(["aws_secretsmanager_secret", "aws_sns_topic"]);

function withName(name: string | undefined, arn: (name: string) => string): string | undefined {
  return name === undefined || name === "" ? undefined : arn(name);
}

/** The ARN a reference `TYPE.NAME.ATTRIBUTE` reads, when its configuration determines it. */
export function computedArn(
  type: string,
  attributeName: string,
  attribute: LiteralAttribute,
  at: AwsPlacement,
): string | undefined {
  const format = ARN_FORMATS.get(type);
  if (format === undefined) return undefined;
  if (attributeName !== "arn" && !(attributeName === "id" && ID_IS_ARN.has(type))) return undefined;
  return format(attribute, at);
}

/**
 * The partition of a region (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html);
 * `aws` when the region is not known statically, as for the planned OIDC provider ARN.
 */
export function partitionOfRegion(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}
