import type { TerraformStack } from "cdktf";
import { COLLECT_FROM_RESOURCES } from "../../lib/engine/phase-garbage";
import { evaluateStacks } from "../../lib/enforcement/evaluate-stacks";
import { resolvePolicy } from "../../lib/model/resolve-policy";

const collections: string[] = [];
jest.mock("../../lib/engine/phase-garbage", () => ({
  ...jest.requireActual<object>("../../lib/engine/phase-garbage"),
  collectGarbage: () => collections.push("collected"),
}));

/** A stand-in for a stack: evaluateStacks reads only its id. */
function stack(id: string): TerraformStack {
  return { node: { id } } as unknown as TerraformStack;
}

/** Stack JSON with `count` resources that hold no identity. */
function stackJsonWith(count: number): Record<string, unknown> {
  const byName: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) byName[`r${i}`] = { input: `value-${i}` };
  return { resource: { terraform_data: byName } };
}

describe("the synth-time check's garbage collections", () => {
  beforeEach(() => collections.splice(0));

  it("GIVEN fewer resources than the threshold over all stacks THEN it does not collect", () => {
    const half = Math.floor(COLLECT_FROM_RESOURCES / 2) - 1;
    const result = evaluateStacks([stack("a"), stack("b")], resolvePolicy(undefined), () =>
      stackJsonWith(half),
    );
    expect(collections).toEqual([]);
    expect(result.evaluation.findings).toEqual([]);
  });

  it("GIVEN the threshold reached over all stacks THEN it collects once, after the rules, and keeps no graph", () => {
    const half = Math.ceil(COLLECT_FROM_RESOURCES / 2);
    const result = evaluateStacks([stack("a"), stack("b")], resolvePolicy(undefined), () =>
      stackJsonWith(half),
    );
    expect(collections).toEqual(["collected"]);
    expect(Object.keys(result.evaluation).sort()).toEqual(["findings", "policy"]);
  });
});
