import { mkdir, open, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";

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

const code = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;

/** Whether a process id is a live process (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === "EPERM";
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
  await mkdir(dataDir, { recursive: true });
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
      if (code(error) !== "EEXIST") throw new InstanceInUseError(`[storage] cannot create ${path}: ${String(error)}`, { cause: error });
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

/** Fails at once, before anything is loaded, when another process listens on the port. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) => {
      reject(
        code(error) === "EADDRINUSE"
          ? new InstanceInUseError(`[server] port ${port} on ${host} is already in use (another Memnun?); stop it or set PORT`, { cause: error })
          : error,
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
