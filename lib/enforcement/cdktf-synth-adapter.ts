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
 * 4. The stack's `toTerraform()` resolves each element's `toTerraform()` (a resource's attributes
 *    with its meta-arguments, raw overrides and `"//"` metadata merged), merges the stack's raw
 *    overrides over them and resolves the whole once more; `prepareStack()` resolves every element
 *    once more and discards the result (lib/constructs/literal-attributes.ts relies on this; its
 *    tests compare the JSON with cdktf's own `toTerraform`).
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

/**
 * Makes the `toTerraform` of `element` (a resource: its JSON fragment, with its attributes,
 * meta-arguments, overrides and `"//"` metadata merged, not yet resolved) return `filter` of what
 * cdktf's returned.
 */
export function replaceElementJson(
  element: object,
  filter: (json: Record<string, unknown>) => Record<string, unknown>,
): void {
  const withJson = element as { toTerraform: () => Record<string, unknown> };
  const cdktfJson = withJson.toTerraform.bind(element);
  withJson.toTerraform = () => filter(cdktfJson());
}

/**
 * Runs `prepare` around cdktf's preparation of `stack` (`prepareStack`: a resolution whose result
 * is discarded, made to find cross-stack references).
 */
export function aroundStackPreparation(
  stack: TerraformStack,
  prepare: (cdktfPrepare: () => void) => void,
): void {
  const cdktfPrepare = stack.prepareStack.bind(stack);
  stack.prepareStack = () => prepare(cdktfPrepare);
}

/**
 * The top-level keys of the raw overrides (`addOverride`) of a resource or stack: cdktf merges them
 * over the resource's attributes, and over the whole stack's JSON, before resolving.
 */
export function overriddenKeys(element: object): string[] {
  const overrides = (element as { rawOverrides?: unknown }).rawOverrides;
  return typeof overrides === "object" && overrides !== null ? Object.keys(overrides) : [];
}
