import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "./app";

/**
 * Longest a spawned server may take to print its URL: a guard against a hang, never a speed
 * check, kept below jest's limit for process tests (`PROCESS_TEST_TIMEOUT_MS`) so that its error
 * comes first. A first start in a fresh clone on a loaded 2-core machine (tsx compiling the
 * sources, the analyser reading the knowledge) took longer than the 30 s this once was.
 */
const START_TIMEOUT_MS = 150_000;

/**
 * Runs a TypeScript entry (`tsx`) as its own process, so it can be killed or measured on its own,
 * and resolves once it prints a line with its `"url"` (Memnun's "listening" log line does).
 */
export function spawnServer(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // a server that never listened must not outlive the test (nor keep jest from exiting)
      child.kill("SIGKILL");
      reject(new Error(`${script} did not start`));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stdout ?? process.stdin }).on("line", (line) => {
      const match = /"url":"([^"]+)"/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}`));
    });
  });
}
