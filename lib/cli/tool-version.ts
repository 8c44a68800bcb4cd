import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_NAME = "cdktf-workload-identity";

/** The package version, read from the nearest package.json of this package (source or dist). */
export function toolVersion(): string {
  let dir = __dirname;
  for (let depth = 0; depth < 6; depth++) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") return manifest.version;
    } catch {
      // not here: keep walking up
    }
    dir = path.dirname(dir);
  }
  return "0.0.0";
}
