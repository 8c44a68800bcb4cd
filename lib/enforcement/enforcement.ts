import { rmSync } from "node:fs";
import { join } from "node:path";
import type { App, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { findingLine, noAppForEnforcement } from "../formats/synth-block-message";
import type { Evaluation } from "../engine/evaluate";
import type { Finding } from "../model/finding";
import type { OrgPolicy, ResolvedPolicy } from "../model/org-policy";
import { resolvePolicy } from "../model/resolve-policy";
import { POLICY_CONTEXT_KEY } from "../model/org-policy";
import { ENFORCEMENT_SKIPPED, RECORD_KEY } from "../model/record";
import { embedCarriedRecords, recordsAsText } from "../constructs/record-carrier";
import type * as SynthCheck from "./evaluate-stacks";
import { terraformCore } from "../constructs/terraform-core";
import { endDeclarationRun } from "../model/run-once-compilation";
import { embedWithheldLiterals, withLiteralsWithheld } from "../constructs/literal-attributes";
import {
  aroundAppSynth,
  aroundStackPreparation,
  replaceStackJson,
  stackOutputDirectory,
  type StackJson,
} from "./cdktf-synth-adapter";

const STATE = Symbol.for("cdktf-workload-identity.enforcement");
const VALIDATION = Symbol.for("cdktf-workload-identity.enforcement.validation");
/**
 * `report`: synthesize even when findings would block, printing and recording them. For CI jobs
 * that synthesize a pull request's base and head so `review` can gate on what the PR introduces
 * (a head that blocks must still produce output to be reviewed). Nothing else changes.
 */
export const REPORT_ONLY_ENV = "CDKTF_WORKLOAD_IDENTITY_ENFORCEMENT";

/** Options for {@link WorkloadIdentityEnforcement.enable}. */
export interface WorkloadIdentityEnforcementProps {
  /**
   * Organisation policy; keys and meaning as in `cdktf.json` context `cdktf-workload-identity:policy`
   * and the CLI's `--policy` file. Keys given here override the context's.
   * @default the context's policy, else built-in defaults
   * Not available through jsii (the engine's policy type): other languages set the policy in the
   * `cdktf.json` context.
   * @jsii ignore
   */
  readonly policy?: OrgPolicy;
}

interface EnforcementState {
  /** Policy keys given in code (`enable(app, { policy })`), merged over the context's. */
  policy: OrgPolicy;
  /** The app's policy resolved once (code over context); cleared when `enable` adds keys. */
  resolved?: ResolvedPolicy;
  /** Incremented by every `app.synth()`; 0 for validations run outside it (e.g. `Testing.synth`). */
  round: number;
  evaluatedRound: number;
  /** Findings and policy of the last evaluation; the graph is not kept (it is large, and done with). */
  evaluation?: SynthVerdict;
  /** Stack JSON computed for the evaluation, reused when the stack is written (one resolve, not two). */
  computed: Map<TerraformStack, StackJson>;
  reuseComputed: boolean;
  /** The synth round whose skipped validation was already reported (reported once per round). */
  skippedReportedRound?: number;
}

/**
 * What the last synth-time evaluation decided (engine types: TypeScript only).
 * @jsii ignore
 */
export type SynthVerdict = Pick<Evaluation, "findings" | "policy">;

type AppWithState = App & { [STATE]?: EnforcementState };
type StackWithValidation = TerraformStack & { [VALIDATION]?: () => StackJson };

/**
 * Whole-app enforcement at synth. Every stack of the app is evaluated together, with the same
 * extractor and rules as the CLI, before the first stack is written: cdktf writes stacks one at a
 * time, so the check runs in the first stack's validation, after every stack has been prepared.
 * Blocking findings fail `app.synth()` with one message and no stack output; warnings are cdktf
 * annotations on their constructs, printed, and recorded under `"//"` of each stack.
 *
 * Creating a `WorkloadIdentity` enables it; call `enable` for apps with hand-written resources only.
 * `skipValidation` on the App skips this check: the stacks are then written with a record saying
 * so (the CLI reports WI113 on them) and a warning is printed.
 */
export class WorkloadIdentityEnforcement {
  /** Turns enforcement on for the app containing `scope` (idempotent; a later policy is merged in). */
  public static enable(scope: IConstruct, props: WorkloadIdentityEnforcementProps = {}): void {
    const app = findApp(scope);
    const state = app[STATE] ?? startEnforcing(app);
    if (props.policy) {
      state.policy = { ...state.policy, ...props.policy };
      state.resolved = undefined;
    }
    // Only the caller's stack now (every WorkloadIdentity calls this: walking the whole tree each
    // time would be quadratic); `app.synth()` attaches the validation to every other stack.
    if (scope === app) for (const stack of stacksOf(app)) attachValidation(stack, app, state);
    else attachValidation(terraformCore().TerraformStack.of(scope), app, state);
  }

  /** True when enforcement is on for the app containing `scope`. */
  public static isEnabled(scope: IConstruct): boolean {
    return findApp(scope)[STATE] !== undefined;
  }

  /**
   * The evaluation of the app's last synth (or validation), for tooling and tests (TypeScript only).
   * @jsii ignore
   */
  public static lastEvaluation(scope: IConstruct): SynthVerdict | undefined {
    return findApp(scope)[STATE]?.evaluation;
  }
}

/**
 * The organisation policy of the app containing `scope`, resolved once: the keys given in code
 * (`WorkloadIdentityEnforcement.enable(app, { policy })`) over the `cdktf.json` context's. The
 * constructs' declaration-time checks and the synth-time rules read this same object; keys given in
 * code after an identity was declared apply from then on (the rules at synth see them all).
 */
export function appPolicy(scope: IConstruct): ResolvedPolicy {
  const app = findApp(scope);
  if (!app[STATE]) WorkloadIdentityEnforcement.enable(app);
  const state = app[STATE]!;
  state.resolved ??= resolvePolicy(
    { ...((app.node.tryGetContext(POLICY_CONTEXT_KEY) as OrgPolicy | undefined) ?? {}), ...state.policy },
    `policy of app (code or cdktf.json context "${POLICY_CONTEXT_KEY}")`,
  );
  return state.resolved;
}

/** Called by every WorkloadIdentity: enforcement follows the first declared identity. */
export function enableEnforcement(scope: IConstruct): void {
  WorkloadIdentityEnforcement.enable(scope);
}

function startEnforcing(app: AppWithState): EnforcementState {
  const state: EnforcementState = {
    policy: {},
    round: 0,
    evaluatedRound: -1,
    computed: new Map(),
    reuseComputed: false,
  };
  app[STATE] = state;
  aroundAppSynth(
    app,
    () => {
      // The app's declarations are done; cdktf's synthesis is compiled as usual.
      endDeclarationRun();
      // Stacks created after `enable` get their validation when synth starts.
      state.round += 1;
      for (const stack of stacksOf(app)) attachValidation(stack, app, state);
    },
    () => state.computed.clear(),
  );
  return state;
}

/**
 * The extractor, rules and formats, loaded at the first validation: an app pays for loading them
 * when it synthesizes, not when it imports the package (issue 11, package load).
 */
function synthCheck(): typeof SynthCheck {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./evaluate-stacks") as typeof SynthCheck;
}

function findApp(scope: IConstruct): AppWithState {
  const root = scope.node.root;
  if (!terraformCore().App.isApp(root)) throw noAppForEnforcement(scope.node.path);
  return root as AppWithState;
}

function stacksOf(app: App): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => terraformCore().TerraformStack.isStack(c));
}

function attachValidation(stack: StackWithValidation, app: AppWithState, state: EnforcementState): void {
  if (stack[VALIDATION]) return;
  stack[VALIDATION] = recordEvaluationInStack(stack, state);
  stack.node.addValidation({ validate: () => validateApp(app, state) });
}

/**
 * Runs in each stack's validation; only the first one in a synth round evaluates (and throws).
 * Outside `app.synth()` (round 0), every call evaluates, so `Testing.synth(stack, true)` works.
 */
function validateApp(app: AppWithState, state: EnforcementState): string[] {
  if (state.round !== 0 && state.evaluatedRound === state.round) return [];
  state.evaluatedRound = state.round;
  const stacks = stacksOf(app);
  const { evaluateStacks, blockedMessage } = synthCheck();
  const result = evaluateStacks(stacks, appPolicy(app), (stack) => unrecordedJson(stack, app, state));
  state.evaluation = result.evaluation;
  state.computed = result.stackJson;
  // Reusing the computed JSON is only safe when nothing can still change the stacks before they are
  // written; aspects of later stacks run during their own synthesis, so any aspect disables reuse.
  state.reuseComputed = state.round !== 0 && !hasAspects(app);
  const blocking = result.blocking;
  const mode = process.env[REPORT_ONLY_ENV];
  if (mode !== undefined && mode !== "" && mode !== "enforce" && mode !== "report") {
    return [
      `cdktf-workload-identity: ${REPORT_ONLY_ENV}=${JSON.stringify(mode)} is not a known value: ` +
        `unset it or use "enforce" (block synth on blocking findings) or "report" (synthesize and record them).`,
    ];
  }
  const reportOnly = mode === "report";
  if (blocking.length > 0 && !reportOnly) {
    if (state.round !== 0) removeEarlierOutput(app, stacks);
    return [blockedMessage(blocking)];
  }
  const reported = result.evaluation.findings.filter(
    (f) => reportOnly || f.severity !== "error" || f.suppressedBy,
  );
  annotate(app, reported);
  // The cdktf CLI shows the annotations (WARN, INFO); a program run directly sees this summary.
  if (reported.length > 0) {
    const header = reportOnly
      ? `cdktf-workload-identity: ${REPORT_ONLY_ENV}=report, ${blocking.length} blocking finding${blocking.length === 1 ? "" : "s"} NOT enforced (review the output with the CLI)`
      : `cdktf-workload-identity: ${reported.length} non-blocking finding${reported.length === 1 ? "" : "s"}`;
    process.stderr.write(`${header}\n${reported.map((f) => `  ${findingLine(f)}\n`).join("")}`);
  }
  return [];
}

/**
 * Each reported finding becomes a cdktf annotation on the construct it is about (its construct
 * path; the stack when the resource has none), so `cdktf synth` shows it next to that construct:
 * a warning (or a blocking finding let through by report mode) as WARN, a suppressed one as INFO
 * saying it is suppressed. Errors are never annotated: an error annotation would fail the synth
 * a second time, after the blocking message.
 */
function annotate(app: App, findings: readonly Finding[]): void {
  if (findings.length === 0) return;
  for (const finding of findings) {
    const { constructPath, stack } = finding.location;
    const target = constructAt(app, constructPath) ?? constructAt(app, stack) ?? app;
    const annotations = terraformCore().Annotations.of(target);
    const line = `cdktf-workload-identity ${findingLine(finding)}`;
    if (finding.suppressedBy) annotations.addInfo(line);
    else annotations.addWarning(line);
  }
}

/**
 * The construct at a path (`stack/identity/role`), found from the app down its ids rather than by
 * listing every construct's path.
 */
function constructAt(app: App, path: string | undefined): IConstruct | undefined {
  if (path === undefined || path === "") return undefined;
  let node: IConstruct | undefined = app;
  for (const id of path.split("/")) node = node?.node.tryFindChild(id);
  return node;
}

/**
 * A blocked synth removes what an earlier synth wrote for the app's stacks (`stacks/<id>`, where
 * cdktf writes them), rather than marking it: a stale stack left in place would pass `check` and be
 * used by `terraform plan` in its directory or `cdktf deploy --skip-synth`, whatever marker it
 * carried, since Terraform and cdktf read no marker. The earlier manifest.json still names the
 * stacks, so `check`, `review` and `cdktf deploy` refuse the output (the stack file it names does not exist).
 */
function removeEarlierOutput(app: App, stacks: readonly TerraformStack[]): void {
  for (const stack of stacks)
    rmSync(join(app.outdir, stackOutputDirectory(stack.node.id)), { recursive: true, force: true });
}

function hasAspects(app: App): boolean {
  return app.node.findAll().some((c) => terraformCore().Aspects.of(c).all.length > 0);
}

/** The stack's own JSON, without the evaluation record (stacks created after enable get wrapped here). */
function unrecordedJson(stack: StackWithValidation, app: AppWithState, state: EnforcementState): StackJson {
  attachValidation(stack, app, state);
  return stack[VALIDATION]!();
}

/**
 * Writes the evaluation record into the stack's `"//"`, where Terraform ignores it; returns the
 * stack's own JSON function: cdktf's JSON with the identity records embedded.
 */
function recordEvaluationInStack(stack: TerraformStack, state: EnforcementState): () => StackJson {
  const cdktfJson = replaceStackJson(stack, () => {
    const reusable = state.reuseComputed ? state.computed.get(stack) : undefined;
    if (reusable) state.computed.delete(stack);
    const json = reusable ?? ownJson();
    recordsAsText(stack, json);
    const comment = (json["//"] ?? {}) as Record<string, unknown>;
    // Written by `app.synth()` without this round's validation: the App skipped validations
    // (`skipValidation`). Nothing was checked, so the output says so and the CLI refuses to pass it.
    if (state.round !== 0 && state.evaluatedRound !== state.round) {
      reportSkippedOnce(state);
      return { ...json, "//": { ...comment, [RECORD_KEY]: SKIPPED_RECORD } };
    }
    if (!state.evaluation) return json;
    return {
      ...json,
      "//": { ...comment, [RECORD_KEY]: synthCheck().synthesisRecord(state.evaluation, stack.node.id) },
    };
  });
  aroundStackPreparation(stack, (cdktfPrepare) => withLiteralsWithheld(stack, "preparing", cdktfPrepare));
  const ownJson = (): StackJson => {
    const json = withLiteralsWithheld(stack, "writing", cdktfJson);
    embedWithheldLiterals(stack, json);
    embedCarriedRecords(stack, json);
    return json;
  };
  return ownJson;
}

/** The stack-level record of a synth whose checks did not run (read by the CLI: WI113). */
const SKIPPED_RECORD = {
  enforcement: ENFORCEMENT_SKIPPED,
  reason: "the App was synthesized with skipValidation: the workload identity checks did not run",
};

function reportSkippedOnce(state: EnforcementState): void {
  if (state.skippedReportedRound === state.round) return;
  state.skippedReportedRound = state.round;
  process.stderr.write(
    "cdktf-workload-identity: WARNING checks were skipped at synth (the App has skipValidation: true). " +
      "Nothing was enforced; the output is marked so that `check` and `review` fail on it (WI113). " +
      "Remove skipValidation, or run `cdktf-workload-identity check` on the output.\n",
  );
}
