import { spawn, type ChildProcess } from "node:child_process";
import { REPO_ROOT } from "./app";

/**
 * Jest's limit for a test that runs child processes: a guard against a hang, never a speed
 * check. Each process loads the analyser and the knowledge; on a loaded 2-core machine one
 * first `npm run` (tsx compiling the sources) took longer than the suite-wide 30 s.
 */
export const PROCESS_TEST_TIMEOUT_MS = 180_000;

/** Unset for child processes: jest's setup quiets dotenv, a user's shell does not. */
const AS_A_USER = { DOTENV_CONFIG_QUIET: undefined };

/** The test process's environment with `extra`, for a child process. */
export function childEnv(extra: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...process.env, ...AS_A_USER, ...extra };
}

/** What a finished process left behind. */
export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Added to (and overriding) the test process's environment. */
  env?: Record<string, string | undefined>;
  /** Written to the process's stdin, which is then closed. */
  stdin?: string;
  cwd?: string;
  /** Run as this user and group (the test runs as root: a folder's mode does not hold root back). */
  user?: { uid: number; gid: number };
  /** A guard, never a speed check: killed (SIGKILL) after this long, so a process that hangs fails its test without outliving it. */
  killAfterMs?: number;
}

/**
 * Runs a command as its own process, the way a user runs it, and resolves when it has exited
 * and its output streams are closed. Never rejects on a non-zero exit: tests assert the code.
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  const child = spawn(command, [...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...AS_A_USER, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
    ...options.user,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? "");
  const guard = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.killAfterMs);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `npm run --silent <script> -- <args>`: exactly what a user types, without npm's banner. */
export function npmRun(script: string, args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  return runProcess("npm", ["run", "--silent", script, "--", ...args], options);
}

/**
 * `npmRun` in a process whose files the kernel holds to `kib` KiB (`ulimit -f`, RLIMIT_FSIZE): a
 * write past that fails with `EFBIG` once the bytes below it are on disk, as on a disk filling up
 * in the middle of a write (Node ignores the signal, `SIGXFSZ`, so the write call fails instead).
 * The other files the command writes (npm's log, tsx's cache, the database) must stay below it.
 */
export function npmRunWithFileSizeLimit(kib: number, script: string, args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  return runProcess("bash", ["-c", `ulimit -f ${kib} && exec npm run --silent "$0" -- "$@"`, script, ...args], options);
}

/** A TypeScript file run with tsx, as `npm run` runs the CLIs. */
export function tsxRun(file: string, args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  return runProcess(process.execPath, ["--import", "tsx", file, ...args], options);
}

/** Debian's `nobody`: a user without rights to files another user made unreadable. */
const NOBODY = 65534;

/** Whether the tests run as root, which reads files and folders whatever their mode. */
export const RUNNING_AS_ROOT = process.getuid?.() === 0;

/**
 * `command` and `args` to run as a user a mode of 000 keeps out, as the bot's own user in a
 * container is kept out. As root (which reads everything, whatever the mode) through `setpriv` as
 * `nobody`; otherwise as they are. The files the process reads and writes must be open to others.
 */
export function unprivileged(command: string, args: readonly string[]): [string, string[]] {
  return RUNNING_AS_ROOT ? ["setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", command, ...args]] : [command, [...args]];
}

/** Node's own deprecation warnings (restify reads `process.binding`): not the program's output. */
export function withoutNodeWarnings(stderr: string): string {
  return stderr.replace(/^\(node:\d+\) \[DEP\d+\] .*\n(\(Use `node --trace-deprecation .*\n)?/gm, "");
}

/** A long-running process (the server) and what it printed so far. */
export interface Started {
  readonly child: ChildProcess;
  /** The URL from its "listening" log line. */
  readonly url: string;
  /** Resolves once it has exited and its streams are closed. */
  readonly finished: Promise<Finished>;
}

/**
 * Starts a server process and resolves once it logs a line with its `"url"` (Memnun's
 * "listening" line does); rejects if it exits first, with what it printed.
 */
export function startProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<Started> {
  const child = spawn(command, [...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...AS_A_USER, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const match = url === undefined ? /"url":"([^"]+)"/.exec(stdout) : null;
      if (match?.[1]) {
        url = match[1];
        resolve({ child, url, finished });
      }
    });
    finished.then(
      (done) => reject(new Error(`${command} ${args.join(" ")} exited (${done.code ?? done.signal}) before listening:\n${done.stdout}${done.stderr}`)),
      reject,
    );
  });
}
