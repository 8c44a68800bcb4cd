import * as fs from "node:fs";

/** Where the CLI writes; injectable so commands run in-process in tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Base for relative SARIF URIs. */
  readonly cwd: string;
  writeFile(file: string, content: string): void;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    writeFile: (file, content) => fs.writeFileSync(file, content, "utf8"),
  };
}
