import {
  invalidAudience,
  invalidIssuerUrl,
  invalidMountPath,
  invalidOidcProviderArn,
  invalidTrustDomain,
  issuerWithoutSide,
  oidcProviderForOtherIssuer,
  wrongType,
  type ValidationProblem,
} from "../errors/validation-errors";
import type { OwnerRecord } from "../model/record";
import { conditionKeyPrefix, parseOidcProviderArn } from "../model/issuer";
import { isSpiffeTrustDomain } from "../model/subject-grammar";
import { hasWildcard, requireText } from "./text-checks";

/** Issuer props as received (untyped: JavaScript callers bypass the types). */
export interface IssuerDeclaration {
  readonly url: unknown;
  readonly owner: unknown;
  readonly aws: unknown;
  readonly vault: unknown;
  readonly awsAudience: unknown;
  readonly vaultAudience: unknown;
  /** Only for SPIFFE issuers. */
  readonly trustDomain?: unknown;
  readonly requiresTrustDomain: boolean;
}

export interface ValidIssuer {
  readonly url: string;
  readonly owner: OwnerRecord;
  /** undefined: no AWS side. */
  readonly aws?: { readonly providerArn?: string };
  /** undefined: no Vault side. */
  readonly vault?: { readonly mountPath: string; readonly existingMount: boolean };
  readonly awsAudience?: string;
  readonly vaultAudience?: string;
  readonly trustDomain?: string;
}

const MOUNT_PATH = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why an issuer URL is unusable, or undefined. It must equal the tokens' `iss` claim exactly. */
export function issuerUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "it is not a URL";
  }
  if (parsed.protocol !== "https:") return "it must use https";
  if (parsed.username !== "" || parsed.password !== "") return "it must not contain credentials";
  if (parsed.search !== "" || parsed.hash !== "" || url.includes("?") || url.includes("#")) {
    return "it must not have a query or fragment";
  }
  if (url.endsWith("/")) return "it must not end with /";
  const canonical = parsed.href.replace(/\/$/, "");
  if (canonical !== url) return "it is not in canonical form (lowercase host, no escapes, no default port)";
  return undefined;
}

function audienceField(problems: ValidationProblem[], field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = requireText(problems, field, value, "an audience string", "pass the audience");
  if (text !== undefined && hasWildcard(text)) {
    problems.push(invalidAudience(field, value));
    return undefined;
  }
  return text;
}

/** Validates an issuer declaration, collecting every problem. */
export function validateIssuer(
  declaration: IssuerDeclaration,
  isUnresolved: (value: string) => boolean = () => false,
): { problems: ValidationProblem[]; issuer?: ValidIssuer } {
  const problems: ValidationProblem[] = [];
  const url = requireText(problems, "url", declaration.url, "the issuer URL", "pass the issuer URL");
  if (url !== undefined) {
    const reason = issuerUrlProblem(url);
    if (reason !== undefined) problems.push(invalidIssuerUrl("url", url, reason));
  }

  let owner: OwnerRecord | undefined;
  if (!isRecord(declaration.owner)) {
    problems.push(
      wrongType(
        "owner",
        declaration.owner,
        "{ team, contact }",
        "name the platform team that owns the issuance path",
      ),
    );
  } else {
    const team = requireText(
      problems,
      "owner.team",
      declaration.owner.team,
      "the platform team's name",
      "set owner.team",
    );
    const contact = requireText(
      problems,
      "owner.contact",
      declaration.owner.contact,
      "an on-call address, channel or queue",
      "set owner.contact",
    );
    if (team !== undefined && contact !== undefined) owner = { team, contact };
  }

  let aws: ValidIssuer["aws"];
  if (declaration.aws !== undefined) {
    if (!isRecord(declaration.aws)) {
      problems.push(
        wrongType(
          "aws",
          declaration.aws,
          "{} or { providerArn }",
          "pass aws: {} to create the OIDC provider",
        ),
      );
    } else if (declaration.aws.providerArn === undefined) {
      aws = {};
    } else {
      const arn = declaration.aws.providerArn;
      const parsed = typeof arn === "string" ? parseOidcProviderArn(arn) : undefined;
      const inAccount = parsed !== undefined && /^\d{12}$/.test(parsed.account);
      if (typeof arn !== "string" || (!isUnresolved(arn) && !inAccount)) {
        problems.push(invalidOidcProviderArn("aws.providerArn", arn));
      } else {
        const host = parsed?.hostPath;
        if (host !== undefined && url !== undefined && host !== conditionKeyPrefix(url)) {
          problems.push(oidcProviderForOtherIssuer("aws.providerArn", arn, conditionKeyPrefix(url)));
        }
        aws = { providerArn: arn };
      }
    }
  }

  let vault: ValidIssuer["vault"];
  if (declaration.vault !== undefined) {
    if (!isRecord(declaration.vault)) {
      problems.push(
        wrongType(
          "vault",
          declaration.vault,
          "{ mountPath, existingMount? }",
          'pass vault: { mountPath: "jwt" }',
        ),
      );
    } else {
      const mountPath = declaration.vault.mountPath;
      const existing = declaration.vault.existingMount;
      if (typeof mountPath !== "string" || !MOUNT_PATH.test(mountPath)) {
        problems.push(invalidMountPath("vault.mountPath", mountPath));
      }
      if (existing !== undefined && typeof existing !== "boolean") {
        problems.push(
          wrongType("vault.existingMount", existing, "true or false", "pass true to reuse a mounted backend"),
        );
      }
      if (typeof mountPath === "string" && MOUNT_PATH.test(mountPath)) {
        vault = { mountPath, existingMount: existing === true };
      }
    }
  }

  if (declaration.aws === undefined && declaration.vault === undefined) {
    problems.push(issuerWithoutSide("aws/vault", undefined));
  }

  const awsAudience = audienceField(problems, "awsAudience", declaration.awsAudience);
  const vaultAudience = audienceField(problems, "vaultAudience", declaration.vaultAudience);

  let trustDomain: string | undefined;
  if (declaration.requiresTrustDomain) {
    if (typeof declaration.trustDomain !== "string" || !isSpiffeTrustDomain(declaration.trustDomain)) {
      problems.push(invalidTrustDomain("trustDomain", declaration.trustDomain));
    } else trustDomain = declaration.trustDomain;
  }

  if (problems.length > 0 || url === undefined || owner === undefined) return { problems };
  return { problems, issuer: { url, owner, aws, vault, awsAudience, vaultAudience, trustDomain } };
}
