/**
 * Conditions that pin which resource a grant applies to, and the test that two grants can never
 * apply to the same resource because those pins are provably disjoint.
 *
 * A resource carries at most one value per tag key, so two grants conditioned (without a set
 * qualifier) on the same resource tag with disjoint accepted values cannot reach a common
 * resource, unless every one of those conditions is `...IfExists` (an untagged resource passes all). `aws:ResourceTag/K` and the service's own `<service>:ResourceTag/K`
 * name the same tag, and condition key names (including the tag key part) compare case-insensitively
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourcetag).
 * Every other condition is ignored here, which only keeps grants overlapping (never a false clean).
 */
import type { PolicyCondition } from "../model/iam-policy";
import { hasInterpolation } from "../model/unknown";
import { conditionValues, conditionValuesOverlap, parseConditionOperator } from "../pattern/condition-values";
import type { ConditionValues } from "../pattern/condition-values";

/** One condition on a resource tag: the accepted values, and whether an untagged resource passes. */
export interface TagPin {
  readonly values: ConditionValues;
  /** `...IfExists`: a resource without the tag passes too. */
  readonly ifExists: boolean;
}

/** Resource tag key (lower-cased) -> the conditions a resource's tag must pass for the grant to apply. */
export type ResourcePins = ReadonlyMap<string, readonly TagPin[]>;

const RESOURCE_TAG_KEY = /^(?:aws|secretsmanager|ssm|kms|rds):resourcetag\/(.+)$/;

export function resourcePinsOf(conditions: readonly PolicyCondition[]): ResourcePins {
  const pins = new Map<string, TagPin[]>();
  for (const condition of conditions) {
    const tag = RESOURCE_TAG_KEY.exec(condition.key.toLowerCase())?.[1];
    if (tag === undefined || condition.values.some(hasInterpolation)) continue;
    const operator = parseConditionOperator(condition.operator);
    if (!operator || operator.setQualifier) continue;
    const list = pins.get(tag) ?? [];
    list.push({ values: conditionValues(operator.operator, condition.values), ifExists: operator.ifExists });
    pins.set(tag, list);
  }
  return pins;
}

/**
 * True when some resource could satisfy both grants' pins: for every tag both pin, either every
 * condition is `IfExists` (an untagged resource passes), or one value is accepted by every
 * condition of either side (pairwise overlap of all of them is necessary; with one condition per
 * side, as written in practice, it is also sufficient). Never answers false when AWS could allow.
 */
export function resourcePinsMeet(a: ResourcePins, b: ResourcePins): boolean {
  for (const [tag, pinsA] of a) {
    const pinsB = b.get(tag);
    if (!pinsB) continue;
    const all = [...pinsA, ...pinsB];
    if (all.every((pin) => pin.ifExists)) continue;
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++)
        if (!conditionValuesOverlap(all[i].values, all[j].values)) return false;
    }
  }
  return true;
}
