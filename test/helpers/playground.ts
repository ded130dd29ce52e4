import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "./app";

/** Longest the Playground may take to say it listens. */
const START_TIMEOUT_MS = 30_000;
/** Longest it may take to exit after SIGINT, before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

const CLI = join(REPO_ROOT, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

/** A free loopback port (the Playground picks a random one itself if this one is taken meanwhile). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPlayground {
  /** The Playground's page, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Interrupts it as Ctrl+C does (it exits 0 at once), and kills it if it does not exit. */
  stop(): Promise<void>;
}

/**
 * Starts Microsoft 365 Agents Playground in front of a bot endpoint, as a child process with its
 * standard input kept open as a pipe. Resolves with its URL once it listens. Version 0.2.28 does
 * not exit when its standard input closes (checked: it ran on after its pipe was closed, and with
 * `/dev/null` as input), so closing it cost a 10 s wait and a kill; on SIGINT it exits 0 in about
 * 0.15 s.
 */
export async function startPlayground(endpoint: string, channel: "msteams" | "webchat"): Promise<RunningPlayground> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [CLI, "-e", endpoint, "-c", channel, "-p", String(port), "--disable-telemetry"], {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
    });
    if (await Promise.race([exited.then(() => false), timedOut])) {
      child.kill("SIGKILL");
      await exited;
    }
    clearTimeout(timer);
  };
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`[test] the Playground did not start: ${output.join("")}`)), START_TIMEOUT_MS);
    createInterface({ input: child.stdout ?? process.stdin }).on("line", (line) => {
      output.push(line);
      const match = /Listening on (\d+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`[test] the Playground exited with ${code}: ${output.join("\n")}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${listening}/`, stop };
}
