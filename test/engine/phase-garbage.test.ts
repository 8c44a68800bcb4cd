import { runInNewContext } from "node:vm";
import { collectGarbage } from "../../lib/engine/phase-garbage";

/** A WeakRef to an object nothing else reaches (made in its own function, so no local keeps it). */
function unreachableTarget(): WeakRef<object> {
  return new WeakRef({ payload: new Array(1000).fill("garbage") });
}

/** WeakRef targets read in this job are kept until it ends (ECMA-262 ClearKeptObjects). */
const nextJob = () => new Promise((resolve) => setImmediate(resolve));

describe("collecting a phase's garbage", () => {
  it("frees an object nothing reaches", async () => {
    const ref = unreachableTarget();
    await nextJob();
    collectGarbage();
    await nextJob();
    expect(ref.deref()).toBeUndefined();
  });

  it("keeps what is reachable", async () => {
    const kept = { payload: "live" };
    const ref = new WeakRef(kept);
    await nextJob();
    collectGarbage();
    await nextJob();
    expect(ref.deref()).toBe(kept);
  });

  it("gives no other context a gc global", () => {
    const before = runInNewContext("typeof gc") as string;
    collectGarbage();
    expect(runInNewContext("typeof gc")).toBe(before);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe(before);
  });
});
