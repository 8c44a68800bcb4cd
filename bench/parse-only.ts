/**
 * The floor `check` is compared with: read every stack of a cdktf.out directory named in its
 * manifest and `JSON.parse` it, nothing else.   node dist/bench/parse-only.js OUTDIR
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const outdir = process.argv[2];
const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
  stacks: Record<string, { synthesizedStackPath: string }>;
};
let resources = 0;
for (const stack of Object.values(manifest.stacks)) {
  const json = JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8")) as {
    resource?: Record<string, Record<string, unknown>>;
  };
  for (const byName of Object.values(json.resource ?? {})) resources += Object.keys(byName).length;
}
console.log(resources);
