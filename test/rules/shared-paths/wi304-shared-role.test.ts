import { unknown } from "../../../lib/model/unknown";
import { WI304_SHARED_ROLE } from "../../../lib/rules/shared-paths/wi304-shared-role";
import { awsRole, graph, identity, loc, vaultRole } from "../../support/graph-builder";
import { flagged, run } from "../harness";

const rule = WI304_SHARED_ROLE;

describe("WI304 shared role", () => {
  test("Compliance: distinct IAM role names, Vault role names reused on different mounts, generated names", () => {
    const g = graph({
      identities: [
        identity("a", {
          awsRoles: [awsRole("aws_iam_role.a", { name: "deploy-a" })],
          vaultRoles: [
            vaultRole("vault_jwt_auth_backend_role.a", { roleName: "deploy", backendPath: "jwt-github" }),
          ],
        }),
        identity("b", {
          awsRoles: [awsRole("aws_iam_role.b", { name: "deploy-b" })],
          vaultRoles: [
            vaultRole("vault_jwt_auth_backend_role.b", { roleName: "deploy", backendPath: "jwt-gitlab" }),
          ],
        }),
        identity("c", { awsRoles: [awsRole("aws_iam_role.c", { name: unknown("known only after apply") })] }),
        identity("d", { awsRoles: [awsRole("aws_iam_role.d", { name: unknown("known only after apply") })] }),
      ],
    });
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Noncompliance 1: one IAM role name (case-insensitive) declared in two stacks", () => {
    const g = graph({
      identities: [
        identity("x", {
          stack: "one",
          awsRoles: [
            awsRole("aws_iam_role.deploy", {
              name: "Deploy",
              location: loc("aws_iam_role.deploy", { stack: "one" }),
            }),
          ],
        }),
        identity("y", {
          stack: "two",
          awsRoles: [
            awsRole("aws_iam_role.other", {
              name: "deploy",
              location: loc("aws_iam_role.other", { stack: "two" }),
            }),
          ],
        }),
      ],
    });
    expect(flagged(rule, g)).toEqual(["one:aws_iam_role.deploy error"]);
    const [result] = run(rule, g);
    expect(result.identityIds).toEqual(["x", "y"]);
    expect(result.related?.map((l) => `${l.stack}:${l.address}`)).toEqual(["two:aws_iam_role.other"]);
    expect(result.message).toContain('IAM role name "Deploy"');
  });

  test("Noncompliance 2: a Vault role name on one mount used three times (slashes ignored) is one result", () => {
    const g = graph({
      identities: ["a", "b", "c"].map((id) =>
        identity(id, {
          vaultRoles: [
            vaultRole(`vault_jwt_auth_backend_role.${id}`, {
              roleName: "ci",
              backendPath: id === "c" ? "/jwt/" : "jwt",
            }),
          ],
        }),
      ),
    });
    expect(flagged(rule, g)).toEqual(["vault_jwt_auth_backend_role.a error"]);
    expect(run(rule, g)[0].identityIds).toEqual(["a", "b", "c"]);
  });

  test("Compliance: the same role name with known ARNs in different accounts", () => {
    const g = graph({
      identities: [
        identity("a", {
          awsRoles: [
            awsRole("aws_iam_role.a", { name: "deploy", arn: "arn:aws:iam::111111111111:role/deploy" }),
          ],
        }),
        identity("b", {
          awsRoles: [
            awsRole("aws_iam_role.b", { name: "deploy", arn: "arn:aws:iam::222222222222:role/ci/deploy" }),
          ],
        }),
      ],
    });
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Unknown: an interpolated IAM role name or an unknown Vault role name, once per identity", () => {
    const g = graph({
      identities: [
        identity("a", { awsRoles: [awsRole("aws_iam_role.a", { name: "${var.env}-deploy" })] }),
        identity("b", {
          vaultRoles: [
            vaultRole("vault_jwt_auth_backend_role.b1", { roleName: unknown("known only after apply") }),
            vaultRole("vault_jwt_auth_backend_role.b2", { backendPath: unknown("known only after apply") }),
          ],
          location: loc("vault_jwt_auth_backend_role.b1"),
        }),
      ],
    });
    expect(flagged(rule, g)).toEqual([
      "aws_iam_role.a warning unknown",
      "vault_jwt_auth_backend_role.b1 warning unknown",
    ]);
  });
});
