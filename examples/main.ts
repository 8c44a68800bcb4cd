import { main as cli } from "../lib/cli/main";
import { buildExampleApp } from "./app";

/**
 * The main job: synthesize the example app into cdktf.out (whole-app enforcement runs inside
 * `app.synth()`), then review that output with the same command a pull request runs: the
 * inventory (who owns, approved and can use what) and the check (exit 1 on blocking findings).
 */
function run(): number {
  // `cdktf synth` passes its output directory in CDKTF_OUTDIR.
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  buildExampleApp(outdir).synth();
  console.log(`Synthesized the example app into ${outdir}/\n`);
  const inventory = cli(["inventory", outdir]);
  console.log("");
  const check = cli(["check", outdir]);
  return Math.max(inventory, check);
}

process.exitCode = run();
