import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { errorCode } from "./system-error";

/**
 * Writing a file whole or not at all, for every room: the text goes to a temporary file beside
 * the target, is flushed to the disk, and is renamed over the target, then the folder is flushed
 * so the rename itself survives a crash. A reader (the knowledge watcher, another process, the
 * next start) meets the old file or the new one, never half of one; a crash or a full disk leaves
 * the old file. The temporary file is hidden (its name starts with a dot), ends in `.tmp`, and is
 * named by process and call, so two processes writing the same file never share one.
 */

/** A file could not be written whole; the target is as it was, unless only the folder's flush failed. */
export class AtomicWriteError extends Error {
  constructor(
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(`[atomic-file] could not write ${path}`, options);
    this.name = "AtomicWriteError";
  }
}

/**
 * Codes a file system answers when it cannot flush a folder (some network and FUSE file systems):
 * the rename is done, only its durability is the file system's. Windows cannot open a folder to
 * flush it at all, so it is not tried there.
 */
const FOLDER_SYNC_UNSUPPORTED = new Set(["EINVAL", "ENOTSUP", "EISDIR", "EBADF"]);
const CAN_SYNC_FOLDERS = process.platform !== "win32";

let written = 0;

/** The temporary file beside `path`, unique to this process and call. */
function temporaryFor(path: string): string {
  written += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}-${written}.tmp`);
}

function folderSyncUnsupported(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && FOLDER_SYNC_UNSUPPORTED.has(code);
}

/** Writes `data` to `path` whole or not at all (see above), making its folder when missing. Throws `AtomicWriteError`. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryFor(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new AtomicWriteError(path, { cause: error });
  }
  if (!CAN_SYNC_FOLDERS) return;
  try {
    const folder = await open(dirname(path), "r");
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch (error) {
    if (!folderSyncUnsupported(error)) throw new AtomicWriteError(path, { cause: error });
  }
}

/** `writeFileAtomic` for callers that cannot wait (the matcher's kept work, built synchronously). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temporary = temporaryFor(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(temporary, "w");
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // its folder could not be made or read: there is nothing to remove
    }
    throw new AtomicWriteError(path, { cause: error });
  }
  if (!CAN_SYNC_FOLDERS) return;
  try {
    const folder = openSync(dirname(path), "r");
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
  } catch (error) {
    if (!folderSyncUnsupported(error)) throw new AtomicWriteError(path, { cause: error });
  }
}
