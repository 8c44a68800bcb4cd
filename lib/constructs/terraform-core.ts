import type * as Cdktf from "cdktf";

/**
 * The CDK core of the app, loaded on first use: CDK Terrain (`cdktn`) when installed, else CDK for
 * Terraform (`cdktf`). Both are optional peers. cdktn keeps cdktf's runtime markers
 * (`Symbol.for("cdktf/TerraformStack")`, ...) and its global token map, so the static helpers of
 * either (`TerraformStack.of`, `Token.isUnresolved`, `App.isApp`) recognise objects of both; the
 * library therefore uses the one core it finds, typed with cdktf's declarations inside the library
 * only (no published declaration names a core type).
 */
export type TerraformCore = typeof Cdktf;

/** The family of provider bindings that goes with a core. */
export type CoreName = "cdktn" | "cdktf";

/** In the order they are tried. */
const CORES: readonly CoreName[] = ["cdktn", "cdktf"];

let loaded: { readonly name: CoreName; readonly core: TerraformCore } | undefined;

/** The app's core (cdktn first, then cdktf). */
export function terraformCore(): TerraformCore {
  return loadCore().core;
}

/** Which core {@link terraformCore} is. */
export function terraformCoreName(): CoreName {
  return loadCore().name;
}

function loadCore(): { readonly name: CoreName; readonly core: TerraformCore } {
  if (loaded !== undefined) return loaded;
  for (const name of CORES) {
    let core: TerraformCore;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      core = require(name) as TerraformCore;
    } catch (error) {
      if (isMissingPackage(error, name)) continue;
      throw error;
    }
    loaded = { name, core };
    return loaded;
  }
  throw new Error(
    "cdktf-workload-identity: the constructs need a CDK core, and neither cdktn (CDK Terrain) nor cdktf is installed. " +
      "Install one with constructs: npm install cdktn@^0.24 constructs@~10.7, or npm install cdktf@^0.21 constructs@^10.4.2",
  );
}

/** Node's "Cannot find module" for the package itself (not for a broken dependency inside it). */
export function isMissingPackage(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === "MODULE_NOT_FOUND" &&
    typeof message === "string" &&
    (message.startsWith(`Cannot find module '${packageName}'`) ||
      message.startsWith(`Cannot find module '${packageName}/`))
  );
}
