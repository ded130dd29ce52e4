import { AtomicWriteError } from "../atomic-file";
import { ConfigError, processEnvironment } from "../config";
import { DatabaseOpenError } from "../storage/errors";
import { errorCode } from "../system-error";
import { COMMON, configIssue, databaseErrorText, fileActionText, fileErrorText } from "./messages";

/** Where a CLI writes: results to `out` (stdout), diagnostics to `err` (stderr). */
export type Write = (text: string) => void;

/** The exit codes of every CLI. */
export const EXIT_OK = 0;
/** The command ran and failed: broken knowledge, an unreachable database, an invalid environment. */
export const EXIT_FAILURE = 1;
/** The command was called wrongly: an unknown option or a malformed argument. Nothing was done. */
export const EXIT_USAGE = 2;

/** The convention, as every `--help` states it. */
export const EXIT_CODES_HELP = COMMON.exitCodes;

/** A command called wrongly: `runMain` prints its message and the usage on stderr and exits 2. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }

  /** The usage error, in Turkish, for what `parseArgs` threw (an unknown option, a missing value). */
  static from(error: unknown): UsageError {
    const message = error instanceof Error ? error.message : String(error);
    const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
    // parseArgs names the option or argument in quotes: "Unknown option '--colour'. To specify…"
    const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
    const option = quoted.split(" ")[0] ?? quoted;
    const text =
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? COMMON.unknownOption(option)
        : code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
          ? message.includes("does not take") ? COMMON.noValue(option) : COMMON.missingValue(option)
          : code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
            ? COMMON.unexpectedArgument(quoted)
            : COMMON.badArguments(message);
    return new UsageError(text, { cause: error });
  }
}

export interface MainOptions {
  /** The command's name as messages show it (`ask`, `kb:check`). */
  name: string;
  /** What `--help` prints before the exit codes, and a usage error after its message. */
  usage: string;
}

/** True when the arguments ask for help (before `--`, where anything else is the command's). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/** The one stderr line of an unexpected error: its message, its causes' messages, the command named once. */
function describe(error: unknown, name: string): string {
  const messages: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    const message = current instanceof Error ? current.message : typeof current === "string" ? current : JSON.stringify(current);
    if (!messages.some((m) => m.includes(message))) messages.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  const text = messages.join(": caused by: ");
  return text.startsWith("[") ? text : `[${name}] ${text}`;
}

/** A file system call the system refused: Node's error names the call and the path it was given. */
interface FileSystemFailure {
  readonly code: string;
  readonly syscall: string;
  readonly path: string;
}

/** The first file system failure among the error and its causes, if any. */
function fileSystemFailure(error: unknown): FileSystemFailure | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = errorCode(current);
    const syscall = "syscall" in current && typeof current.syscall === "string" ? current.syscall : undefined;
    const path = "path" in current && typeof current.path === "string" ? current.path : undefined;
    if (code !== undefined && syscall !== undefined && path !== undefined) return { code, syscall, path };
  }
  return undefined;
}

/**
 * What a file written whole (`writeFileAtomic`) failed at, named by the file, not by the hidden
 * temporary file beside it that the system refused (or, for a write, did not name at all); a
 * folder that could not be made is named as itself.
 */
function atomicWriteFailure(error: AtomicWriteError): FileSystemFailure | undefined {
  const found = fileSystemFailure(error.cause);
  if (found?.syscall === "mkdir") return found;
  for (let current: unknown = error.cause, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = errorCode(current);
    if (code !== undefined) return { code, syscall: "write", path: error.path };
  }
  return undefined;
}

/** Why the database could not be opened, in Turkish: by the first error code in the causes (the driver's error may wrap the system's). */
function databaseNotOpenedReason(error: DatabaseOpenError): string {
  for (let current: unknown = error.cause, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = errorCode(current);
    if (code !== undefined) return databaseErrorText(code, current.message);
  }
  return databaseErrorText(undefined, error.cause instanceof Error ? error.cause.message : String(error.cause));
}

/**
 * The shared entry of every CLI: loads `.env`, answers `--help`, runs `run` with the process's
 * arguments, environment and output streams, and sets the exit code (0 ok, 1 failure, 2 usage).
 * An unexpected error becomes one line on stderr; a `UsageError` its message and the usage; an
 * invalid environment, a database that cannot be opened, or a file or folder the system refused
 * (Node's `EEXIST: file already exists, mkdir '…'`) is said in Turkish, naming the path.
 *
 * The exit code is a failure until the command settles, so a process that ends early (its event
 * loop empty while the command still waits for something that can no longer happen) never
 * reports success; it says so on stderr.
 */
export function runMain(
  run: (args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: Write, err: Write) => Promise<number>,
  options: MainOptions,
): void {
  const env = processEnvironment();
  const args = process.argv.slice(2);
  const out: Write = (text) => process.stdout.write(`${text}\n`);
  const err: Write = (text) => process.stderr.write(`${text}\n`);
  if (wantsHelp(args)) {
    out(`${options.usage}\n\n${EXIT_CODES_HELP}`);
    process.exitCode = EXIT_OK;
    return;
  }
  let settled = false;
  process.exitCode = EXIT_FAILURE;
  const onBeforeExit = (): void => {
    if (settled) return;
    settled = true;
    err(`[${options.name}] ${COMMON.endedEarly}`);
    process.exitCode = EXIT_FAILURE;
  };
  process.once("beforeExit", onBeforeExit);
  const finish = (code: number): void => {
    if (settled) return;
    settled = true;
    process.removeListener("beforeExit", onBeforeExit);
    process.exitCode = code;
  };
  run(args, env, out, err).then(finish, (error: unknown) => {
    if (error instanceof UsageError) {
      err(`[${options.name}] ${error.message}\n${options.usage}`);
      finish(EXIT_USAGE);
      return;
    }
    if (error instanceof ConfigError) {
      err(`[config] ${COMMON.invalidConfig}\n  ${error.issues.map(configIssue).join("\n  ")}`);
      finish(EXIT_FAILURE);
      return;
    }
    if (error instanceof DatabaseOpenError) {
      err(`[${options.name}] ${COMMON.databaseNotOpened(error.kind, error.location, databaseNotOpenedReason(error))}`);
      finish(EXIT_FAILURE);
      return;
    }
    const file = error instanceof AtomicWriteError ? atomicWriteFailure(error) : fileSystemFailure(error);
    if (file) {
      err(`[${options.name}] ${COMMON.fileFailed(file.path, fileActionText(file.syscall), fileErrorText(file.code, file.syscall))}`);
      finish(EXIT_FAILURE);
      return;
    }
    err(describe(error, options.name));
    finish(EXIT_FAILURE);
  });
}
