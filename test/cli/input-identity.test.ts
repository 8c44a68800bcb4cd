import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "./support/run-cli";
import { githubTrust, tempInputs } from "./support/temp-inputs";

const inputs = tempInputs();

/** Two roles trusting the same subject: one WI304-style pair whose sides depend on input order. */
function roleStack(name: string): unknown {
  return {
    resource: {
      aws_iam_role: {
        [name]: { name: "deploy", assume_role_policy: githubTrust("repo:o/a:ref:refs/heads/main") },
      },
    },
  };
}

function report(argv: string[]): { code: number; findings: { ruleId: string; fingerprint: string }[] } {
  const run = runCli(argv);
  expect(run.stderr).toBe("");
  return { code: run.code, findings: (JSON.parse(run.stdout) as { findings: never[] }).findings };
}

describe("plan format_version", () => {
  test.each([["2.0"], ["banana"], [null], [2], ["10.1"]])(
    "format_version %p is refused naming the file",
    (version) => {
      const file = inputs.write("plan.json", {
        format_version: version,
        planned_values: { root_module: {} },
      });
      const run = runCli(["check", file]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(`${file}: has format_version`);
      expect(run.stderr).toContain("only major versions 0 and 1");
    },
  );

  test.each([["1.2"], ["0.1"], ["1.0"]])("format_version %p is read", (version) => {
    const file = inputs.write("plan.json", { format_version: version, planned_values: { root_module: {} } });
    expect(runCli(["check", file]).code).toBe(0);
  });
});

describe("one file under several names is read once", () => {
  test.each(["symlink", "hard link", "symlinked directory"])(
    "through a %s: no finding against itself",
    (kind) => {
      const file = inputs.write("dir/stack.tf.json", roleStack("deploy"));
      const alias = path.join(inputs.dir, "alias");
      if (kind === "symlink") fs.symlinkSync(file, alias);
      if (kind === "hard link") fs.linkSync(file, alias);
      if (kind === "symlinked directory") fs.symlinkSync(path.dirname(file), alias);
      const given = kind === "symlinked directory" ? path.dirname(file) : file;
      const once = report(["check", given, "--format", "json"]);
      const twice = report(["check", given, alias, "--format", "json"]);
      expect(twice).toEqual(once);
      expect(twice.findings.map((f) => f.ruleId)).not.toContain("WI304");
    },
  );
});

describe("argument order and file names change nothing", () => {
  test("a pair finding keeps its fingerprints when the files are given in the other order or renamed", () => {
    const a = inputs.write("a.tf.json", roleStack("first"));
    const b = inputs.write("b.tf.json", roleStack("second"));
    const forward = report(["check", a, b, "--format", "json"]);
    const backward = report(["check", b, a, "--format", "json"]);
    expect(forward.findings.map((f) => f.ruleId)).toContain("WI304");
    const prints = (r: typeof forward) => r.findings.map((f) => `${f.ruleId} ${f.fingerprint}`).sort();
    expect(prints(backward)).toEqual(prints(forward));
    const renamedA = inputs.write("zz-renamed.tf.json", roleStack("first"));
    expect(prints(report(["check", b, renamedA, "--format", "json"]))).toEqual(prints(forward));
  });
});

describe("one address in two inputs", () => {
  test("both identities get their file in the id, whichever file is given first", () => {
    const a = inputs.write("a.tf.json", roleStack("deploy"));
    const b = inputs.write("b.tf.json", roleStack("deploy"));
    const ids = (argv: string[]) => {
      const run = runCli(["inventory", ...argv, "--format", "json"]);
      expect(run.stderr).toBe("");
      return (JSON.parse(run.stdout) as { identities: { id: string }[] }).identities.map((i) => i.id).sort();
    };
    expect(ids([a, b])).toEqual([`${a}:aws_iam_role.deploy`, `${b}:aws_iam_role.deploy`]);
    expect(ids([b, a])).toEqual(ids([a, b]));
  });
});

describe("two inputs defining the same addresses are separate address spaces", () => {
  /** A role reading one secret through a policy attached by reference, and (optionally) a user with a key. */
  function planLike(name: string, sub: string, secret: string, withKey: boolean): unknown {
    return {
      resource: {
        aws_iam_role: { deploy: { name, assume_role_policy: githubTrust(sub) } },
        aws_iam_role_policy: {
          read: {
            role: "${aws_iam_role.deploy.name}",
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret }],
            }),
          },
        },
        ...(withKey
          ? {
              aws_iam_user: { ci: { name: "ci" } },
              aws_iam_access_key: { ci: { user: "${aws_iam_user.ci.name}" } },
            }
          : {}),
      },
    };
  }
  const SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf";

  test("principals, attachments and trust stay with their input, whichever is given first", () => {
    const a = inputs.write("a.tf.json", planLike("deploy-a", "repo:o/a:ref:refs/heads/main", SECRET, true));
    const b = inputs.write("b.tf.json", planLike("deploy-b", "repo:o/b:*", `${SECRET}-other`, false));
    const lines = (argv: string[]) => {
      const run = runCli(["check", ...argv, "--format", "json"]);
      expect(run.stderr).toBe("");
      const findings = (
        JSON.parse(run.stdout) as {
          findings: { ruleId: string; location: { file: string; address: string }; fingerprint: string }[];
        }
      ).findings;
      return findings
        .map((f) => `${f.ruleId} ${path.basename(f.location.file)} ${f.location.address} ${f.fingerprint}`)
        .sort();
    };
    const forward = lines([a, b]);
    expect(lines([b, a])).toEqual(forward);
    // Each input's role is judged on its own trust: only b's `*` (literal under StringEquals) is
    // reported, the key is a's alone, and the two roles reading different secrets share nothing.
    expect(
      forward.map((line) => line.split(" ").slice(0, 3).join(" ")).filter((l) => !l.startsWith("WI1")),
    ).toEqual([
      "WI203 b.tf.json aws_iam_role.deploy",
      "WI204 b.tf.json aws_iam_role.deploy",
      "WI401 a.tf.json aws_iam_access_key.ci",
    ]);
  });
});

describe("--output", () => {
  test.each(["the same path", "a symlink to it"])("refuses to overwrite an input given as %s", (how) => {
    const file = inputs.write("stack.tf.json", roleStack("deploy"));
    const before = fs.readFileSync(file, "utf8");
    let output = file;
    if (how === "a symlink to it") fs.symlinkSync(file, (output = path.join(inputs.dir, "report.json")));
    const run = runCli(["check", file, "--output", output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${output}: is the input ${file}; refusing to overwrite it`);
    expect(run.files.size).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });
});
