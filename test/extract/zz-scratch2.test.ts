import { readFileSync, writeFileSync } from "fs";
import { buildGraph } from "../../lib/extract/build-graph";
test("dump", () => {
  const file = "test/fixtures/extract/hand-written-stack.tf.json";
  const text = readFileSync(file, "utf8");
  const g = buildGraph([{ file, stack: "app", format: "terraform-json", json: JSON.parse(text), text }]);
  writeFileSync("/tmp/extract-scratch/dump2.txt", JSON.stringify(g, (k, v) => (k === "record" ? "[record]" : v), 1));
});
