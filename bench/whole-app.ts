/**
 * What our constructs and whole-app enforcement cost over the same Terraform resources written by
 * hand with raw provider classes (issue 11). Every figure is measured in its own process (CPU =
 * user + sys, peak memory = max RSS, by /usr/bin/time), variants alternate within each round, and
 * ratios are medians of the same run:
 *   - synth at each size (10 stacks, every issuer kind, AWS and Vault grants, a few suppressions);
 *   - `check` of our output vs a process that only reads and JSON.parses it;
 *   - growth from the smallest to the largest size, for synth and check;
 *   - `require` of the package vs `require("cdktf")`.
 *
 *   npm run bench -- [--quick] [--sizes=1000,5000,10000] [--stacks=10] [--rounds=5]
 * `--quick`: one round, sizes 1000 and 5000. The largest size runs at most 3 rounds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";

interface Usage {
  readonly cpu: number;
  readonly maxRssMb: number;
  readonly stdout: string;
}

const options = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value = "true"] = arg.replace(/^--/, "").split("=");
    return [key, value] as const;
  }),
);
const quick = options.has("quick");
const sizes = (options.get("sizes") ?? (quick ? "1000,5000" : "1000,5000,10000")).split(",").map(Number);
const stacks = Number(options.get("stacks") ?? 10);
const rounds = Number(options.get("rounds") ?? (quick ? 1 : 5));
const checkSize = sizes.includes(5000) ? 5000 : sizes[Math.floor(sizes.length / 2)];
const here = __dirname;
const root = join(here, "..", "..");
const cli = join(root, "dist", "bin", "cdktf-workload-identity.js");
const work = mkdtempSync(join(tmpdir(), "wi-bench-"));

/** Runs node with `args` under /usr/bin/time; throws on a non-zero exit other than `allowExit`. */
function measure(args: string[], allowExit: number[] = [0]): Usage {
  const report = join(work, "time.txt");
  const run = spawnSync("/usr/bin/time", ["-f", "%U %S %M", "-o", report, process.execPath, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (!allowExit.includes(run.status ?? -1))
    throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const [user, sys, rssKb] = readFileSync(report, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
  return { cpu: user + sys, maxRssMb: rssKb / 1024, stdout: run.stdout };
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return total;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface SynthFigures {
  cpu: number[];
  rss: number[];
  bytes: number;
  findings?: number;
}

function synth(variant: "ours" | "hand", identities: number, outdir: string, into: SynthFigures): void {
  rmSync(outdir, { recursive: true, force: true });
  const usage = measure([join(here, "synth-app.js"), variant, String(identities), String(stacks), outdir]);
  into.cpu.push(usage.cpu);
  into.rss.push(usage.maxRssMb);
  into.bytes = bytesUnder(outdir);
  if (variant === "ours") into.findings = Number(usage.stdout.trim());
}

const rows: string[][] = [];
const row = (figure: string, ours: string, base: string, ratio: number, target: number) =>
  rows.push([figure, ours, base, `**${ratio.toFixed(2)}×**`, `≤ ${target}×`, ratio <= target ? "yes" : "NO"]);
const s = (x: number) => `${x.toFixed(2)} s`;
const mb = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} MB`;

try {
  // Warm-up (file cache, not measured).
  synth("ours", 100, join(work, "warm"), { cpu: [], rss: [], bytes: 0 });

  const synthCpu = new Map<number, number>();
  const checkCpu = new Map<number, number>();
  const handCpu = new Map<number, number>();
  for (const identities of sizes) {
    const ours: SynthFigures = { cpu: [], rss: [], bytes: 0 };
    const hand: SynthFigures = { cpu: [], rss: [], bytes: 0 };
    const oursDir = join(work, `ours-${identities}`);
    const largest = identities === Math.max(...sizes) && sizes.length > 1;
    const n = largest ? Math.min(rounds, 3) : rounds;
    for (let r = 0; r < n; r++) {
      if (r % 2 === 0) {
        synth("hand", identities, join(work, "hand"), hand);
        synth("ours", identities, oursDir, ours);
      } else {
        synth("ours", identities, oursDir, ours);
        synth("hand", identities, join(work, "hand"), hand);
      }
    }
    const label = `${identities.toLocaleString("en")} identities`;
    synthCpu.set(identities, median(ours.cpu));
    handCpu.set(identities, median(hand.cpu));
    row(
      `synth CPU, ${label}`,
      s(median(ours.cpu)),
      s(median(hand.cpu)),
      median(ours.cpu) / median(hand.cpu),
      1.15,
    );
    row(
      `synth peak memory, ${label}`,
      mb(median(ours.rss)),
      mb(median(hand.rss)),
      median(ours.rss) / median(hand.rss),
      1.3,
    );
    rows.push([
      `output size, ${label}`,
      mb(ours.bytes / 2 ** 20),
      mb(hand.bytes / 2 ** 20),
      `${(ours.bytes / hand.bytes).toFixed(2)}×`,
      "",
      "",
    ]);
    console.error(`${label}: ours ${ours.cpu.map(s)} hand ${hand.cpu.map(s)}; findings ${ours.findings}`);

    // `check` exits 1 only on blocking findings; the app has none, so 0 is required.
    const check: number[] = [];
    const parse: number[] = [];
    const checkRounds =
      identities === checkSize
        ? Math.max(rounds, 3)
        : identities === Math.min(...sizes) || largest
          ? Math.max(1, n)
          : 0;
    for (let r = 0; r < checkRounds; r++) {
      const runCheck = () =>
        check.push(
          measure([cli, "check", oursDir, "--format", "json", "--output", join(work, "check.json")]).cpu,
        );
      const runParse = () => parse.push(measure([join(here, "parse-only.js"), oursDir]).cpu);
      for (const run of r % 2 === 0 ? [runParse, runCheck] : [runCheck, runParse]) run();
    }
    if (check.length > 0) checkCpu.set(identities, median(check));
    if (identities === checkSize)
      row(
        `\`check\` CPU, ${label}`,
        s(median(check)),
        `${s(median(parse))} (read + JSON.parse)`,
        median(check) / median(parse),
        5,
      );
    rmSync(oursDir, { recursive: true, force: true });
  }

  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  if (small !== large) {
    const growth = `growth ${small.toLocaleString("en")} → ${large.toLocaleString("en")}`;
    const target = (large / small) * 1.1;
    row(
      `synth CPU ${growth}`,
      `${(synthCpu.get(large)! / synthCpu.get(small)!).toFixed(2)}×`,
      `${(handCpu.get(large)! / handCpu.get(small)!).toFixed(2)}× (hand-written)`,
      synthCpu.get(large)! / synthCpu.get(small)!,
      target,
    );
    if (checkCpu.has(small) && checkCpu.has(large))
      row(
        `\`check\` CPU ${growth}`,
        `${(checkCpu.get(large)! / checkCpu.get(small)!).toFixed(2)}×`,
        "",
        checkCpu.get(large)! / checkCpu.get(small)!,
        target,
      );
  }

  // Package load: CPU of the `require` calls alone, in a fresh process each time. The package loads
  // its CDK core on first use, so an app pays `require("cdktf")` and the package on top of it.
  const loads: Record<"app" | "alone" | "cdktf", number[]> = { app: [], alone: [], cdktf: [] };
  const loadOf = (...modules: string[]) =>
    Number(measure([join(here, "load-module.js"), ...modules]).stdout.trim());
  const ours = join(root, "dist", "lib", "index.js");
  for (let r = 0; r < Math.max(5, rounds); r++) {
    loads.app.push(loadOf("cdktf", ours));
    loads.alone.push(loadOf(ours));
    loads.cdktf.push(loadOf("cdktf"));
  }
  row(
    "`require` CPU: cdktf + package",
    s(median(loads.app)),
    `${s(median(loads.cdktf))} (\`require("cdktf")\`)`,
    median(loads.app) / median(loads.cdktf),
    1.2,
  );
  row(
    "`require` CPU: package alone",
    s(median(loads.alone)),
    `${s(median(loads.cdktf))} (\`require("cdktf")\`)`,
    median(loads.alone) / median(loads.cdktf),
    1.2,
  );

  const cpu = cpus()[0];
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpu.model.trim()}, Node.js ${process.version}; ` +
      `${stacks} stacks; medians of ${rounds} alternating round(s) (largest size: ${Math.min(rounds, 3)})\n`,
  );
  const header = ["figure", "ours", "hand-written / baseline", "ratio", "target", "met"];
  for (const line of [header, header.map(() => "---"), ...rows]) console.log(`| ${line.join(" | ")} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
