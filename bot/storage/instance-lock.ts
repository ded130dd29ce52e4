import { open, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { errorCode } from "../system-error";
import { DataDirError, prepareDataDir } from "./data-dir";

/** Another Memnun already uses this SQLite folder or port. */
export class InstanceInUseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InstanceInUseError";
  }
}

/** The lock file a running instance keeps in its SQLite `DATA_DIR`, holding its process id. */
export const LOCK_FILE = "memnun.lock";

export interface InstanceLock {
  release(): Promise<void>;
}

/** Whether a process id is a live process (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

/**
 * Takes `DATA_DIR/memnun.lock` for this process. SQLite's file and the in-memory state cache
 * belong to one instance: a second one on the same folder is refused at once, before it could
 * serve stale conversation state. Instances sharing PostgreSQL (`mode` "shared") still each own
 * their feedback and alert spools, which two processes replaying one file could lose. A lock
 * left by a process that no longer runs (`kill -9`) is taken over. CLIs (report, kb:recommend)
 * read the database without it.
 */
/** Lock files this process holds: a lock naming this process id but not in here was left by an earlier process with the same id (a container restarted after `kill -9` is process 1 again). */
const held = new Set<string>();

export async function lockDataDir(dataDir: string, mode: "sqlite" | "shared" = "sqlite"): Promise<InstanceLock> {
  await prepareDataDir(dataDir);
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      held.add(path);
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          held.delete(path);
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      const code = errorCode(error);
      if (code !== "EEXIST") throw new DataDirError(dataDir, { kind: "not-writable", code: code ?? "EIO" }, { cause: error });
      const holder = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
      const ours = holder === process.pid && held.has(path);
      if (Number.isInteger(holder) && holder > 0 && (ours || (holder !== process.pid && alive(holder)))) {
        throw new InstanceInUseError(
          mode === "sqlite"
            ? `[storage] DATA_DIR ${dataDir} is in use by another Memnun (process ${holder}); run one instance per SQLite folder, or share PostgreSQL (DATABASE_URL)`
            : `[storage] DATA_DIR ${dataDir} is in use by another Memnun (process ${holder}); give each instance its own DATA_DIR (it holds the instance's feedback and alert spools)`,
        );
      }
      // left by a process that is gone
      await rm(path, { force: true });
    }
  }
  throw new InstanceInUseError(`[storage] DATA_DIR ${dataDir}: could not take ${LOCK_FILE}`);
}

/**
 * Fails at once, before anything is loaded, when another process listens on the port or the
 * server could not listen on `host` at all (port 0 too: the address is what is checked then).
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) => {
      reject(
        errorCode(error) === "EADDRINUSE"
          ? new InstanceInUseError(`[server] port ${port} on ${host} is already in use (another Memnun?); stop it or set PORT`, { cause: error })
          : listenError(error, port, host),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Thrown when the server cannot listen where `HOST` and `PORT` say, naming which to change. */
export class ListenAddressError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ListenAddressError";
  }
}

/**
 * Why the server cannot listen on `host`:`port`, in the variables' terms: Node's own message
 * (`listen EADDRNOTAVAIL: address not available 192.0.2.1:3978`, `getaddrinfo ENOTFOUND x`)
 * names neither, and an operator who set HOST was left to guess which value was wrong.
 */
export function listenError(error: Error, port: number, host: string): Error {
  switch (errorCode(error)) {
    case "EADDRNOTAVAIL":
      return new ListenAddressError(`[server] HOST ${host} is not an address of this machine; set HOST to one of its addresses, 127.0.0.1, or 0.0.0.0 for every interface`, { cause: error });
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
      return new ListenAddressError(`[server] HOST ${host} does not resolve to an address of this machine; set HOST to an IP address such as 127.0.0.1 or 0.0.0.0`, { cause: error });
    case "EACCES":
      return new ListenAddressError(`[server] port ${port} on ${host} needs privileges this process lacks; set PORT to 1024 or above`, { cause: error });
    default:
      return error;
  }
}
