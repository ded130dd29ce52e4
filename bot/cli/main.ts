import { config as loadDotenv } from "dotenv";

/** Where a CLI writes: results to `out` (stdout), diagnostics to `err` (stderr). */
export type Write = (text: string) => void;

export interface MainOptions {
  /** Put before an unexpected error's message (`[ask] `); empty when messages name their component already. */
  errorPrefix: string;
  /** Exit code for an unexpected error. */
  errorExitCode: number;
}

/**
 * The shared entry of every CLI: loads `.env`, runs `run` with the process's arguments, environment
 * and output streams, and sets the exit code; an unexpected error becomes one line on stderr.
 */
export function runMain(run: (args: readonly string[], env: NodeJS.ProcessEnv, out: Write, err: Write) => Promise<number>, options: MainOptions): void {
  loadDotenv({ quiet: true });
  run(
    process.argv.slice(2),
    process.env,
    (text) => process.stdout.write(`${text}\n`),
    (text) => process.stderr.write(`${text}\n`),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${options.errorPrefix}${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = options.errorExitCode;
    },
  );
}
