import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadInputs } from "../../lib/cli/load-inputs";
import { evaluate } from "../../lib/engine/evaluate";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { buildGraph } from "../../lib/extract/build-graph";

/**
 * Terraform's module model for Terraform JSON input: a directory is one module, override files
 * merge, variable files apply in Terraform's precedence, local modules are read, and count/for_each
 * instances are separate principals.
 * https://developer.hashicorp.com/terraform/language/files
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-module-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(relative: string, json: unknown): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof json === "string" ? json : JSON.stringify(json, null, 2));
  return file;
}

const secret = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;
const trust = JSON.stringify({
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
});
const reads = (resource: string) =>
  JSON.stringify({
    Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: resource }],
  });

/** WI302 pairs (identity ids) and WI306 locations: the exact shared-path and unknown verdicts. */
function verdicts(paths: string[], options: { varFiles?: string[]; policy?: object } = {}): string[] {
  const evaluation = evaluate(
    buildGraph(loadInputs(paths, options)),
    resolvePolicy({ today: "2026-12-01", ...options.policy }),
  );
  return evaluation.findings
    .filter((f) => f.ruleId === "WI302" || f.ruleId === "WI306")
    .map((f) =>
      f.ruleId === "WI302"
        ? `WI302 ${f.severity} ${[...f.identityIds].sort().join(" + ")}`
        : `WI306 ${f.severity} ${f.location.address}`,
    )
    .sort();
}

describe("a directory is one module", () => {
  test("GIVEN a policy in policies.tf.json attached to a role of roles.tf.json WHEN the directory is checked THEN the shared secret is found", () => {
    write("roles.tf.json", {
      resource: {
        aws_iam_role: {
          a: {
            name: "a",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("db")) }],
          },
          b: { name: "b", assume_role_policy: trust },
        },
      },
    });
    write("policies.tf.json", {
      resource: {
        aws_iam_role_policy: {
          b: { name: "b", role: "${aws_iam_role.b.name}", policy: reads(secret("db")) },
        },
      },
    });
    expect(verdicts([dir])).toEqual(["WI302 error aws_iam_role.a + aws_iam_role.b"]);
    const graph = buildGraph(loadInputs([dir]));
    expect(graph.notes).toEqual([]);
    expect(graph.identities.map((i) => [i.id, i.location.file]).sort()).toEqual([
      ["aws_iam_role.a", path.join(dir, "roles.tf.json")],
      ["aws_iam_role.b", path.join(dir, "roles.tf.json")],
    ]);
  });

  test("GIVEN the same two files checked one by one (the old reading) WHEN checked THEN the attachment is unknown, never a pass", () => {
    write("roles.tf.json", { resource: { aws_iam_role: { b: { name: "b", assume_role_policy: trust } } } });
    const policies = write("policies.tf.json", {
      resource: {
        aws_iam_role_policy: {
          b: { name: "b", role: "${aws_iam_role.b.name}", policy: reads(secret("db")) },
        },
      },
    });
    expect(verdicts([policies])).toEqual(["WI306 error aws_iam_role_policy.b"]);
  });

  test("GIVEN an HCL file next to the JSON WHEN the directory is checked THEN it is reported as not read (unknown, blocking)", () => {
    write("main.tf.json", { resource: { aws_iam_role: { a: { name: "a", assume_role_policy: trust } } } });
    write("extra.tf", 'resource "aws_iam_role_policy" "x" {}');
    const graph = buildGraph(loadInputs([dir]));
    expect(graph.unknowns.map((u) => [u.expression, u.reason])).toEqual([
      [
        "extra.tf",
        "was not read (HCL configuration; only Terraform JSON (*.tf.json) is read): the resources, attachments or variable values it defines are not reviewed",
      ],
    ]);
    expect(verdicts([dir])).toEqual(["WI306 error extra.tf"]);
  });
});

describe("override files and variable precedence", () => {
  function module() {
    write("variables.tf.json", { variable: { shared: { type: "string", default: secret("from-default") } } });
    write("main.tf.json", {
      resource: {
        aws_iam_role: {
          a: {
            name: "a",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("tfvars")) }],
          },
          b: {
            name: "b",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("auto-b")) }],
          },
          c: {
            name: "c",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("var-file")) }],
          },
          d: {
            name: "d",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("from-default")) }],
          },
          target: {
            name: "target",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads("${var.shared}") }],
          },
        },
      },
    });
  }

  test("GIVEN only the default WHEN checked THEN the default decides", () => {
    module();
    expect(verdicts([dir])).toEqual(["WI302 error aws_iam_role.d + aws_iam_role.target"]);
  });

  test("GIVEN terraform.tfvars.json and two *.auto.tfvars.json WHEN checked THEN the lexically last auto file wins", () => {
    module();
    write("terraform.tfvars.json", { shared: secret("tfvars") });
    write("a.auto.tfvars.json", { shared: secret("auto-a") });
    write("b.auto.tfvars.json", { shared: secret("auto-b") });
    expect(verdicts([dir])).toEqual(["WI302 error aws_iam_role.b + aws_iam_role.target"]);
  });

  test("GIVEN terraform.tfvars.json only WHEN checked THEN it beats the default", () => {
    module();
    write("terraform.tfvars.json", { shared: secret("tfvars") });
    expect(verdicts([dir])).toEqual(["WI302 error aws_iam_role.a + aws_iam_role.target"]);
  });

  test("GIVEN --var-file WHEN checked THEN it beats every file of the directory", () => {
    module();
    write("terraform.tfvars.json", { shared: secret("tfvars") });
    write("b.auto.tfvars.json", { shared: secret("auto-b") });
    const varFile = path.join(dir, "..", `${path.basename(dir)}-vars.json`);
    fs.writeFileSync(varFile, JSON.stringify({ shared: secret("var-file") }));
    try {
      expect(verdicts([dir], { varFiles: [varFile] })).toEqual([
        "WI302 error aws_iam_role.c + aws_iam_role.target",
      ]);
    } finally {
      fs.rmSync(varFile);
    }
  });

  test("GIVEN an HCL terraform.tfvars WHEN checked THEN the variable is unknown, so the shared path is unknown (blocking)", () => {
    module();
    write("terraform.tfvars", `shared = "${secret("d")}"`);
    const result = verdicts([dir]);
    expect(result).toContain("WI306 error terraform.tfvars");
    expect(result.filter((line) => line.startsWith("WI302 error aws_iam_role.d"))).toEqual([]);
  });

  test("GIVEN override files WHEN checked THEN each block's arguments are replaced as Terraform merges them, later overrides last", () => {
    write("main.tf.json", {
      resource: {
        aws_iam_role: {
          a: {
            name: "a",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("one")) }],
          },
          b: {
            name: "b",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("two")) }],
          },
        },
      },
    });
    // The nested inline_policy block of b is replaced whole, so b now reads "one" (shared with a).
    write("a_override.tf.json", {
      resource: { aws_iam_role: { b: { inline_policy: [{ name: "x", policy: reads(secret("three")) }] } } },
    });
    write("override.tf.json", {
      resource: { aws_iam_role: { b: { inline_policy: [{ name: "x", policy: reads(secret("one")) }] } } },
    });
    expect(verdicts([dir])).toEqual(["WI302 error aws_iam_role.a + aws_iam_role.b"]);
    const roleB = buildGraph(loadInputs([dir])).identities.find((i) => i.id === "aws_iam_role.b");
    expect(roleB?.awsRoles[0].name).toBe("b");
  });
});

describe("count and for_each instances are separate principals", () => {
  test("GIVEN for_each over literal keys sharing one secret WHEN checked THEN the instances are compared, with instance addresses", () => {
    write("main.tf.json", {
      variable: { teams: { default: ["api", "web"] } },
      resource: {
        aws_iam_role: {
          r: { for_each: "${toset(var.teams)}", name: "role-${each.key}", assume_role_policy: trust },
        },
        aws_iam_role_policy: {
          p: {
            for_each: "${toset(var.teams)}",
            name: "p-${each.key}",
            role: "${aws_iam_role.r[each.key].name}",
            policy: reads(secret("shared")),
          },
        },
      },
    });
    expect(verdicts([dir])).toEqual(['WI302 error aws_iam_role.r["api"] + aws_iam_role.r["web"]']);
    const names = buildGraph(loadInputs([dir])).identities.map((i) => [
      i.location.address,
      i.awsRoles[0].name,
    ]);
    expect(names).toEqual([
      ['aws_iam_role.r["api"]', "role-api"],
      ['aws_iam_role.r["web"]', "role-web"],
    ]);
  });

  test("GIVEN count = 2 roles each with an inline policy on one secret WHEN checked THEN r[0] and r[1] share it", () => {
    write("main.tf.json", {
      resource: {
        aws_iam_role: {
          r: {
            count: 2,
            name: "role-${count.index}",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("shared")) }],
          },
        },
      },
    });
    expect(verdicts([dir])).toEqual(["WI302 error aws_iam_role.r[0] + aws_iam_role.r[1]"]);
  });

  test("GIVEN for_each over a value not known statically WHEN checked THEN WI306 names it and blocks; warning under unknown: warning", () => {
    write("main.tf.json", {
      variable: { teams: { type: "set(string)" } },
      resource: {
        aws_iam_role: {
          r: { for_each: "${var.teams}", name: "role-${each.key}", assume_role_policy: trust },
        },
      },
    });
    expect(verdicts([dir])).toEqual(["WI306 error aws_iam_role.r"]);
    expect(verdicts([dir], { policy: { unknown: "warning" } })).toEqual(["WI306 warning aws_iam_role.r"]);
    const unknowns = buildGraph(loadInputs([dir])).unknowns;
    expect(unknowns.map((u) => u.expression)).toEqual(["for_each = ${var.teams}"]);
  });
});

describe("values inside variables, locals and each.value", () => {
  test("GIVEN for_each over a map of objects and each.value.attribute WHEN checked THEN each instance reads its own value", () => {
    write("main.tf.json", {
      variable: {
        apps: {
          default: {
            api: { secret: secret("shared") },
            web: { secret: secret("shared") },
            batch: { secret: secret("batch-only") },
          },
        },
      },
      locals: { prefix: { name: "svc" } },
      resource: {
        aws_iam_role: {
          r: {
            for_each: "${var.apps}",
            name: "${local.prefix.name}-${each.key}",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads("${each.value.secret}") }],
          },
        },
      },
    });
    expect(verdicts([dir])).toEqual(['WI302 error aws_iam_role.r["api"] + aws_iam_role.r["web"]']);
    const names = buildGraph(loadInputs([dir])).identities.map((i) => i.awsRoles[0].name);
    expect(names).toEqual(["svc-api", "svc-web", "svc-batch"]);
  });

  test("GIVEN a dynamic inline_policy block WHEN checked THEN it is unknown (blocking), not skipped", () => {
    write("main.tf.json", {
      resource: {
        aws_iam_role: {
          r: {
            name: "r",
            assume_role_policy: trust,
            dynamic: {
              inline_policy: { for_each: "${var.policies}", content: { policy: "${inline_policy.value}" } },
            },
          },
        },
      },
    });
    expect(verdicts([dir])).toEqual(["WI306 error aws_iam_role.r"]);
  });
});

describe("local modules", () => {
  test("GIVEN a module block with a local source and arguments WHEN checked THEN its roles are read with their module address and compared", () => {
    write("main.tf.json", {
      module: { app: { source: "./modules/app", secret_arn: secret("shared"), role_name: "app" } },
      resource: {
        aws_iam_role: {
          root: {
            name: "root",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("shared")) }],
          },
        },
      },
    });
    write("modules/app/main.tf.json", {
      variable: { secret_arn: {}, role_name: {} },
      resource: {
        aws_iam_role: { this: { name: "${var.role_name}", assume_role_policy: trust } },
        aws_iam_role_policy: {
          this: { name: "p", role: "${aws_iam_role.this.id}", policy: reads("${var.secret_arn}") },
        },
      },
      output: { role_name: { value: "${aws_iam_role.this.name}" } },
    });
    expect(verdicts([dir])).toEqual(["WI302 error aws_iam_role.root + module.app.aws_iam_role.this"]);
    const graph = buildGraph(loadInputs([dir]));
    expect(graph.identities.find((i) => i.id === "module.app.aws_iam_role.this")?.awsRoles[0].name).toBe(
      "app",
    );
    expect(graph.notes).toEqual([]);
  });

  test("GIVEN a root policy attached to a module's role through its output WHEN checked THEN the attachment is followed", () => {
    write("main.tf.json", {
      module: { app: { source: "./app" } },
      resource: {
        aws_iam_role: {
          root: {
            name: "root",
            assume_role_policy: trust,
            inline_policy: [{ name: "x", policy: reads(secret("s")) }],
          },
        },
        aws_iam_role_policy: {
          grant: { name: "g", role: "${module.app.role_name}", policy: reads(secret("s")) },
        },
      },
    });
    write("app/main.tf.json", {
      resource: { aws_iam_role: { this: { name: "app-role", assume_role_policy: trust } } },
      output: { role_name: { value: "${aws_iam_role.this.name}" } },
    });
    expect(verdicts([dir])).toEqual(["WI302 error aws_iam_role.root + module.app.aws_iam_role.this"]);
  });

  test("GIVEN a local module directory that does not exist WHEN checked THEN it is unknown (blocking), not skipped", () => {
    write("main.tf.json", { module: { gone: { source: "./missing" } } });
    expect(verdicts([dir])).toEqual(["WI306 error module.gone"]);
  });
});
