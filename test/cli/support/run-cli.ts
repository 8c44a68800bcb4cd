import { main } from "../../../lib/cli/main";
import type { CliIo } from "../../../lib/cli/cli-io";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: Map<string, string>;
}

/** Runs the CLI in-process with captured output; files written with --output are kept in memory. */
export function runCli(
  argv: string[],
  options: { tty?: boolean; env?: Record<string, string>; failWrite?: boolean } = {},
): CliRun {
  let stdout = "";
  let stderr = "";
  const files = new Map<string, string>();
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd: "/repo",
    writeFile: (file, content) => {
      if (options.failWrite) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      files.set(file, content);
    },
  };
  const code = main(argv, io);
  return { code, stdout, stderr, files };
}
