import { readFileSync, readdirSync, writeFileSync } from "fs";
import { join } from "path";
import { buildGraph } from "../../lib/extract/build-graph";
test("dump", () => {
  const corpus = "/work/shared/corpus";
  let out = "";
  for (const dir of readdirSync(corpus)) {
    if (dir.endsWith(".md")) continue;
    const full = join(corpus, dir);
    for (const f of readdirSync(full).filter((f) => f.endsWith(".json"))) {
      const text = readFileSync(join(full, f), "utf8");
      const json = JSON.parse(text);
      const format = "format_version" in json ? "plan-json" : "terraform-json";
      const t = Date.now();
      const g = buildGraph([{ file: `${dir}/${f}`, format, json, text }]);
      out += `===== ${dir} ${f} ${Date.now() - t}ms\n` + JSON.stringify(g, null, 1) + "\n";
    }
  }
  writeFileSync("/tmp/extract-scratch/dump.txt", out);
});
