import { oidcProviderArn } from "../model/issuer";
import type { GraphNote, GraphUnknown, RecordIssue, StaticCredential } from "../model/graph";
import { UNKNOWN_ACCOUNT } from "../model/unknown";
import type { DocumentScope } from "./resource-view";

/** What a format reader hands to graph assembly for one input document. */
export interface DocumentReading {
  readonly scope: DocumentScope;
  /** Credentials found outside resources (provider blocks, configuration constants). */
  readonly staticCredentials: StaticCredential[];
  readonly notes: GraphNote[];
  /** Values that could change a verdict and could not be determined (see `IdentityGraph.unknowns`). */
  readonly unknowns: GraphUnknown[];
  /** Malformed identity records (the rest of the document is still read). */
  readonly recordIssues: RecordIssue[];
}

/** Short, single-line form of an expression for reasons and notes. */
export function shorten(text: string, limit = 120): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1)}…` : oneLine;
}

/**
 * The ARN of an `aws_iam_openid_connect_provider` whose URL is known: IAM names the provider after
 * the issuer host and path. The account is not in the input; rules compare the host part.
 */
export function plannedOidcProviderArn(url: string): string {
  return oidcProviderArn("aws", UNKNOWN_ACCOUNT, url);
}
