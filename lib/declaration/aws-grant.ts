import {
  emptyList,
  invalidArn,
  invalidCondition,
  invalidIamAction,
  keyField,
  unresolvedReference,
  wrongType,
  type ValidationProblem,
} from "../errors/validation-errors";
import type { AwsGrantRecord } from "../model/record";
import { awsSecretMaterialActionsReachedBy } from "../model/secret-material";
import { hasControlCharacters, hasUnresolvedReference } from "./text-checks";
import { emptyRecord } from "../model/lookup-table";
import { Provenance } from "./provenance";

/** The AwsGrants this copy made (the brand alone can be forged). */
export const AWS_GRANTS = new Provenance(Symbol.for("cdktf-workload-identity.AwsGrant"));

/** `service:Action`; wildcards only in the action part. */
const IAM_ACTION = /^[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+$/;
/** arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; IAM globs allowed, resource free text. */
const ARN = /^arn:[a-z*?][a-z0-9*?-]*:[a-z0-9*?][a-z0-9*?-]*:[a-z0-9*?-]*:(?:[0-9*?]*|aws):\S+$/;
const CONDITION_OPERATOR = /^(?:(?:ForAllValues|ForAnyValue):)?[A-Za-z]+$/;

/**
 * IAM permissions for the AWS side of an identity, rendered into the role's inline policy.
 * Never throws: problems are carried in {@link AwsGrant.problems} and reported by the identity.
 */
export class AwsGrant {
  /**
   * Allows `actions` on `resources`.
   * @param actions IAM actions, `service:Action` (wildcards `*`/`?` only in the action part)
   * @param resources ARNs (IAM globs allowed) or `*`
   * @param conditions IAM condition block, operator -> condition key -> values. @default no condition
   */
  public static allow(
    actions: string[],
    resources: string[],
    conditions?: { [operator: string]: { [key: string]: string[] } },
  ): AwsGrant {
    const problems: ValidationProblem[] = [];
    const actionList = stringList(
      problems,
      "actions",
      actions,
      "IAM action",
      'list the actions, e.g. ["s3:GetObject"]',
    );
    actionList.forEach((action, i) => {
      if (hasUnresolvedReference(action)) problems.push(unresolvedReference(`actions[${i}]`, action));
      else if (!IAM_ACTION.test(action)) problems.push(invalidIamAction(`actions[${i}]`, action));
    });
    const resourceList = stringList(
      problems,
      "resources",
      resources,
      "resource ARN",
      "list the ARNs the actions apply to",
    );
    resourceList.forEach((resource, i) => {
      // A reference (`${bucket.arn}/*`) is resolved by the synth-time review from what the app
      // declares; what it cannot resolve is reported there as unknown. Only the literal text is checked here.
      if (hasControlCharacters(resource)) problems.push(invalidArn(`resources[${i}]`, resource));
      else if (!hasUnresolvedReference(resource) && resource !== "*" && !ARN.test(resource)) {
        problems.push(invalidArn(`resources[${i}]`, resource));
      }
    });
    const conditionBlock = conditionsOf(problems, conditions);
    return new AwsGrant(actionList, resourceList, conditionBlock, problems);
  }

  /**
   * True for a AwsGrant this copy of the library created. An object that only carries the brand
   * (another copy or version of the package, a Proxy, a forgery) is not one: it is rejected with
   * an error saying so.
   */
  public static isAwsGrant(value: unknown): value is AwsGrant {
    return AWS_GRANTS.madeHere(value);
  }

  // Lists are frozen at runtime; typed as plain arrays because jsii has no read-only array type.
  public readonly actions: string[];
  public readonly resources: string[];
  /** @default undefined (no condition) */
  public readonly conditions?: { [operator: string]: { [key: string]: string[] } };
  /** Problems found by the factory (empty when valid); fields relative to the grant. */
  public readonly problems: ValidationProblem[];

  private constructor(
    actions: readonly string[],
    resources: readonly string[],
    conditions: ConditionBlock | undefined,
    problems: readonly ValidationProblem[],
  ) {
    this.actions = Object.freeze([...actions]) as string[];
    this.resources = Object.freeze([...resources]) as string[];
    this.conditions = conditions === undefined ? undefined : deepFreeze(conditions);
    this.problems = Object.freeze([...problems]) as ValidationProblem[];
    AWS_GRANTS.mark(this);
  }

  /** Actions reading or replacing secret material this grant allows (lib/model/secret-material). */
  public secretActions(): string[] {
    const reached = new Set<string>();
    for (const action of this.actions)
      for (const secret of awsSecretMaterialActionsReachedBy(action)) reached.add(secret);
    return [...reached];
  }

  /**
   * The grant as the engine's record type (TypeScript only: jsii has no read-only types).
   * @jsii ignore
   */
  public toRecord(): AwsGrantRecord {
    return this.conditions === undefined
      ? { actions: [...this.actions], resources: [...this.resources] }
      : { actions: [...this.actions], resources: [...this.resources], conditions: this.conditions };
  }
}

function deepFreeze(conditions: ConditionBlock): ConditionBlock {
  for (const block of Object.values(conditions)) {
    for (const values of Object.values(block)) Object.freeze(values);
    Object.freeze(block);
  }
  return Object.freeze(conditions);
}

function stringList(
  problems: ValidationProblem[],
  field: string,
  value: unknown,
  what: string,
  fix: string,
): string[] {
  if (!Array.isArray(value)) {
    problems.push(wrongType(field, value, `a list of ${what}s`, fix));
    return [];
  }
  if (value.length === 0) {
    problems.push(emptyList(field, value, what, fix));
    return [];
  }
  const strings: string[] = [];
  // An index loop, not forEach: forEach skips the holes of a sparse array (`[, , ,]`), which would
  // pass as an empty list; a hole is a missing value.
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item === "string") strings.push(item);
    else problems.push(wrongType(`${field}[${i}]`, item, `a ${what} string`, fix));
  }
  return strings;
}

/** IAM condition block: operator -> condition key -> values. */
type ConditionBlock = { [operator: string]: { [key: string]: string[] } };

function conditionsOf(problems: ValidationProblem[], conditions: unknown): ConditionBlock | undefined {
  if (conditions === undefined) return undefined;
  if (typeof conditions !== "object" || conditions === null || Array.isArray(conditions)) {
    problems.push(invalidCondition("conditions", conditions, "is not an object"));
    return undefined;
  }
  const result = emptyRecord<Record<string, string[]>>();
  for (const [operator, block] of Object.entries(conditions)) {
    const operatorField = keyField("conditions", operator);
    if (!CONDITION_OPERATOR.test(operator)) {
      problems.push(invalidCondition(operatorField, operator, "is not an IAM condition operator"));
      continue;
    }
    if (typeof block !== "object" || block === null || Array.isArray(block)) {
      problems.push(invalidCondition(operatorField, block, "must map condition keys to lists of values"));
      continue;
    }
    const keys = emptyRecord<string[]>();
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      const keyPath = keyField(operatorField, key);
      if (key === "" || hasControlCharacters(key) || /\s/.test(key)) {
        problems.push(invalidCondition(keyPath, key, "is not a condition key"));
      } else if (
        !Array.isArray(values) ||
        values.length === 0 ||
        values.some((v) => typeof v !== "string" || hasControlCharacters(v))
      ) {
        problems.push(
          invalidCondition(keyPath, values, "must be a non-empty list of strings without control characters"),
        );
      } else {
        keys[key] = [...(values as string[])];
      }
    }
    result[operator] = keys;
  }
  return result;
}
