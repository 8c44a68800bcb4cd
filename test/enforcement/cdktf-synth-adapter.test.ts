/**
 * Contract test: the cdktf behaviour lib/enforcement/cdktf-synth-adapter.ts relies on, run against
 * the installed core (cdktn or cdktf). A core upgrade that changes it fails here, naming what
 * changed, before enforcement silently stops blocking or blocks after writing stacks.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { App, IAspect, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import {
  aroundAppSynth,
  replaceStackJson,
  stackOutputFile,
  type StackJson,
} from "../../lib/enforcement/cdktf-synth-adapter";
import { terraformCore, terraformCoreName } from "../../lib/constructs/terraform-core";

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Fails with a message that names the relied-upon behaviour, not only a diff. */
function pinned(behaviour: string, actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(actual, expected)) return;
  throw new Error(
    `${terraformCoreName()} no longer behaves as lib/enforcement/cdktf-synth-adapter.ts relies on: ${behaviour}\n` +
      `expected: ${JSON.stringify(expected)}\nreceived: ${JSON.stringify(actual)}`,
  );
}

/**
 * Stacks `one` and `two` (two reads an attribute of one's role, so one's output is created while
 * preparing two), each with a recording validation and a replaced JSON function; `two` has an aspect.
 */
function recordedApp(appProps: { skipValidation?: boolean } = {}) {
  const { App, TerraformOutput, TerraformStack, Aspects } = terraformCore();
  const outdir = mkdtempSync(join(tmpdir(), "wi-cdktf-contract-"));
  outdirs.push(outdir);
  const app: App = new App({ outdir, ...appProps });
  const events: string[] = [];
  const cdktfJson = new Map<string, () => StackJson>();
  const stacks: TerraformStack[] = ["one", "two"].map((id) => new TerraformStack(app, id));
  for (const stack of stacks) new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const role = new IamRole(stacks[0], "role", { name: "r", assumeRolePolicy: "{}" });
  new TerraformOutput(stacks[1], "arn", { value: role.arn });
  for (const stack of stacks) {
    const id = stack.node.id;
    stack.node.addValidation({
      validate: () => {
        const written = stacks.filter((s) => existsSync(join(outdir, stackOutputFile(s.node.id))));
        const outputsOfOne = Object.keys((cdktfJson.get("one")!().output ?? {}) as object).length;
        events.push(`validate ${id} (written: ${written.length}, outputs of one: ${outputsOfOne})`);
        return [];
      },
    });
    cdktfJson.set(
      id,
      replaceStackJson(stack, () => {
        events.push(`json ${id}`);
        return { ...cdktfJson.get(id)!(), "//": { replaced: id } };
      }),
    );
  }
  const aspect: IAspect = {
    visit: (node: IConstruct) => void (node === stacks[1] && events.push("aspect two")),
  };
  Aspects.of(stacks[1]).add(aspect);
  aroundAppSynth(
    app,
    () => events.push("before"),
    () => events.push("after"),
  );
  return { app, outdir, events, stacks };
}

describe("cdktf synth order and hooks the enforcement adapter relies on", () => {
  test("app.synth(): every stack prepared, then per stack aspects, validations and the stack's own toTerraform, before it is written", () => {
    const { app, outdir, events } = recordedApp();
    app.synth();
    pinned(
      "app.synth() runs the first stack's validation after every stack is prepared and before any is written, and each stack's aspects, validations and toTerraform in that order",
      events,
      [
        "before",
        "validate one (written: 0, outputs of one: 1)",
        "json one",
        "aspect two",
        "validate two (written: 1, outputs of one: 1)",
        "json two",
        "after",
      ],
    );
    const written = JSON.parse(readFileSync(join(outdir, stackOutputFile("one")), "utf8")) as StackJson;
    pinned(
      `the stack file at <outdir>/${stackOutputFile("one")} is what the replaced toTerraform returned`,
      written["//"],
      { replaced: "one" },
    );
  });

  test("a validation error fails app.synth() and the after hook still runs", () => {
    const { app, events, stacks } = recordedApp();
    stacks[0].node.addValidation({ validate: () => ["blocked"] });
    let message = "";
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    pinned(
      "a validation message fails app.synth() with the message in the error",
      message.includes("blocked"),
      true,
    );
    pinned("nothing is written after a failed validation; the after hook runs", events.slice(-1), ["after"]);
    pinned("the failing stack's JSON is not computed", events.includes("json one"), false);
  });

  test("skipValidation skips the validations (the documented gap the CLI gate covers)", () => {
    const { app, events } = recordedApp({ skipValidation: true });
    app.synth();
    pinned(
      "App({ skipValidation: true }) runs no validation",
      events.filter((e) => e.startsWith("validate")),
      [],
    );
  });

  test("Testing.synth(stack, true) runs the validations and returns the replaced toTerraform's JSON (without '//')", () => {
    const { events, stacks } = recordedApp();
    const { Testing } = terraformCore();
    const json = JSON.parse(Testing.synth(stacks[0], true)) as StackJson;
    pinned("Testing.synth(stack, true) runs validations, then the instance's toTerraform", events, [
      "validate one (written: 0, outputs of one: 0)",
      "json one",
    ]);
    pinned("Testing.synth returns the instance toTerraform's JSON", Object.keys(json.resource as object), [
      "aws_iam_role",
    ]);
  });
});
