import { config as loadDotenv } from "dotenv";

/** Where a CLI writes: results to `out` (stdout), diagnostics to `err` (stderr). */
export type Write = (text: string) => void;

export interface MainOptions {
  /** Put before an unexpected error's message (`[ask] `); empty when messages name their component already. */
  errorPrefix: string;
  /** Exit code for an unexpected error. */
  errorExitCode: number;
}

/** Exit code of a command that failed, or of a process that ended before its command finished. */
const FAILURE_EXIT_CODE = 1;

/**
 * The shared entry of every CLI: loads `.env`, runs `run` with the process's arguments, environment
 * and output streams, and sets the exit code; an unexpected error becomes one line on stderr.
 *
 * The exit code is a failure until the command settles, so a process that ends early (its event
 * loop empty while the command still waits for something that can no longer happen) never
 * reports success; it says so on stderr.
 */
export function runMain(run: (args: readonly string[], env: NodeJS.ProcessEnv, out: Write, err: Write) => Promise<number>, options: MainOptions): void {
  loadDotenv({ quiet: true });
  let settled = false;
  process.exitCode = FAILURE_EXIT_CODE;
  const onBeforeExit = (): void => {
    if (settled) return;
    settled = true;
    process.stderr.write("[cli] internal error: the process ended before the command finished (nothing was left to wait for)\n");
    process.exitCode = FAILURE_EXIT_CODE;
  };
  process.once("beforeExit", onBeforeExit);
  const finish = (code: number): void => {
    if (settled) return;
    settled = true;
    process.removeListener("beforeExit", onBeforeExit);
    process.exitCode = code;
  };
  run(
    process.argv.slice(2),
    process.env,
    (text) => process.stdout.write(`${text}\n`),
    (text) => process.stderr.write(`${text}\n`),
  ).then(finish, (error: unknown) => {
    process.stderr.write(`${options.errorPrefix}${error instanceof Error ? error.message : String(error)}\n`);
    finish(options.errorExitCode);
  });
}
