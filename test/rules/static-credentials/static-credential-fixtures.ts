import type { StaticCredentialKind } from "../../../lib/model/graph";
import { awsUser, graph, identity, staticCredential } from "../../support/graph-builder";

/** A graph with one static credential of every kind, plus the IAM user owning the access key. */
export function everyKindGraph() {
  const kinds: StaticCredentialKind[] = [
    "aws-access-key",
    "aws-login-profile",
    "vault-token",
    "vault-approle-secret-id",
    "hard-coded-aws-key",
    "provider-static-key",
  ];
  return graph({
    identities: [identity("aws_iam_user.ci", { kind: "user", awsUsers: [awsUser("aws_iam_user.ci")] })],
    staticCredentials: kinds.map((kind) =>
      staticCredential(
        `${kind}.x`,
        kind,
        kind === "aws-access-key"
          ? { principal: "aws_iam_user.ci", detail: "secret stored unencrypted in state (no pgp_key)" }
          : {},
      ),
    ),
  });
}
