import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A temporary directory for generated inputs, removed after each test of the calling file. */
export function tempInputs(): { write(name: string, content: unknown): string; readonly dir: string } {
  let dir = "";
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-hostile-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    write(name: string, content: unknown): string {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
      return file;
    },
  };
}

/** A GitHub Actions OIDC trust policy for `sub`, as an IAM role's assume_role_policy. */
export function githubTrust(sub: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: {
          Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        },
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": sub,
          },
        },
      },
    ],
  });
}

/** An inline IAM policy document allowing `actions` on `resource`. */
export function allowPolicy(actions: string | string[], resource: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: actions, Resource: resource }],
  });
}
