// Public API: the constructs (need cdktf, and the provider package of each side used) and the pure
// reviewer engine (no cdktf; also `cdktf-workload-identity/engine`), loaded on first use.
import type * as Engine from "./engine-api";
export * from "./construct-api";
// TypeScript only: jsii has no module constants, no subclasses of Error, and no engine types.
export { VAULT_CAPABILITIES } from "./declaration/vault-grant";
export { WorkloadIdentityValidationError, OidcIssuerValidationError } from "./errors/validation-errors";
export type { SynthVerdict } from "./enforcement/enforcement";

// The reviewer's types, and its values that declaring constructs loads anyway.
export type * from "./engine-api";
export { SECRET_READING_ACTIONS, SECRET_MATERIAL_ACTIONS } from "./model/secret-material";
export { PolicyError } from "./errors/policy-errors";
export { POLICY_CONTEXT_KEY } from "./model/org-policy";
export { RECORD_KEY, RECORD_SCHEMA } from "./model/record";
export { resolvePolicy } from "./model/resolve-policy";

// The rest of the reviewer (extractor, rules, formats, CLI) is most of the package's code: it is
// required on the first read of one of these names, so an app that only declares constructs does
// not load it (synth-time enforcement loads it when the app synthesizes).
export declare const evaluate: typeof Engine.evaluate;
export declare const blockingFindings: typeof Engine.blockingFindings;
export declare const buildGraph: typeof Engine.buildGraph;
export declare const loadInputs: typeof Engine.loadInputs;
export declare const RULE_CATALOG: typeof Engine.RULE_CATALOG;
export declare const REPORT_FORMATS: typeof Engine.REPORT_FORMATS;
export declare const findFormat: typeof Engine.findFormat;
export declare const diffReview: typeof Engine.diffReview;
export declare const inventoryRows: typeof Engine.inventoryRows;
export declare const runCli: typeof Engine.runCli;
export declare const EXIT_BLOCKING: typeof Engine.EXIT_BLOCKING;
export declare const EXIT_ERROR: typeof Engine.EXIT_ERROR;
export declare const EXIT_OK: typeof Engine.EXIT_OK;

const ON_FIRST_USE = [
  "evaluate",
  "blockingFindings",
  "buildGraph",
  "loadInputs",
  "RULE_CATALOG",
  "REPORT_FORMATS",
  "findFormat",
  "diffReview",
  "inventoryRows",
  "runCli",
  "EXIT_BLOCKING",
  "EXIT_ERROR",
  "EXIT_OK",
] as const satisfies readonly (keyof typeof Engine)[];

// Named for Node's ESM loader, which finds a CommonJS module's exports by reading `exports.name =`.
exports.evaluate = exports.blockingFindings = exports.buildGraph = exports.loadInputs = undefined;
exports.RULE_CATALOG = exports.REPORT_FORMATS = exports.findFormat = exports.diffReview = undefined;
exports.inventoryRows = exports.runCli = exports.EXIT_BLOCKING = exports.EXIT_ERROR = undefined;
exports.EXIT_OK = undefined;
for (const name of ON_FIRST_USE) {
  Object.defineProperty(exports, name, {
    enumerable: true,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    get: () => (require("./engine-api") as typeof Engine)[name],
  });
}
