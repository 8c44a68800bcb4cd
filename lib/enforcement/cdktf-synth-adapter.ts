/**
 * The one place that replaces cdktf methods, and the cdktf behaviour that enforcement relies on.
 * Everything else uses cdktf's public hooks (`node.addValidation`, `Aspects`). cdktf offers no hook
 * for "synth is starting" or "this stack's JSON is being written": an `IStackSynthesizer` would have
 * to re-implement cdktf's `StackSynthesizer` (aspects, validations, annotations, manifest, HCL).
 *
 * What cdktf does (cdktf 0.21 `App.synth`, `StackSynthesizer.synthesize`, `Testing.synth`; cdktn keeps
 * it), pinned by test/enforcement/cdktf-synth-adapter.test.ts:
 * 1. `app.synth()` prepares every stack, then synthesizes them one at a time: the stack's aspects,
 *    its validations (unless `skipValidation`), then `stack.toTerraform()` written to
 *    `<outdir>/stacks/<stack id>/cdk.tf.json`. So the first stack's validation runs after every stack
 *    is prepared and before any stack is written, and a later stack's aspects run after it.
 * 2. The synthesizer and `Testing.synth(stack, true)` call `toTerraform` on the stack object, so a
 *    function set on the instance is what they call; `Testing.synth` also runs the validations.
 * 3. `cdktf synth` calls `app.synth()` on the app object the program created.
 */
import type { App, TerraformStack } from "cdktf";

export type StackJson = Record<string, unknown>;

/** Where cdktf writes a stack, relative to the app's outdir (the CLI reads cdktf.out the same way). */
export function stackOutputDirectory(stackId: string): string {
  return `stacks/${stackId}`;
}

/** The stack's Terraform JSON file, relative to the app's outdir. */
export function stackOutputFile(stackId: string): string {
  return `${stackOutputDirectory(stackId)}/cdk.tf.json`;
}

/** Runs `before` when `app.synth()` starts (before cdktf prepares any stack) and `after` when it ends, thrown or not. */
export function aroundAppSynth(app: App, before: () => void, after: () => void): void {
  const cdktfSynth = app.synth.bind(app);
  app.synth = () => {
    before();
    try {
      cdktfSynth();
    } finally {
      after();
    }
  };
}

/**
 * Makes `write` produce the JSON cdktf writes for the stack (and `Testing.synth` returns). Returns
 * cdktf's own JSON function, for `write` and for evaluating the stack.
 */
export function replaceStackJson(stack: TerraformStack, write: () => StackJson): () => StackJson {
  const cdktfJson = stack.toTerraform.bind(stack) as () => StackJson;
  stack.toTerraform = write;
  return cdktfJson;
}
