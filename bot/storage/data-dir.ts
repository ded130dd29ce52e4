import { constants } from "node:fs";
import { access, mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { errorCode } from "../system-error";

/**
 * Why `DATA_DIR` cannot serve as the instance's data folder:
 * - `not-a-folder`: it, or a folder above it (`path`), is a file;
 * - `cannot-create`: it does not exist and the system refused to make `path` (the first missing
 *   folder on the way), for `code` (`EACCES`, `EROFS`, `ENOENT` …);
 * - `not-writable`: it exists and the system refuses to write there (`code`).
 */
export type DataDirProblem =
  | { readonly kind: "not-a-folder"; readonly path: string }
  | { readonly kind: "cannot-create"; readonly path: string; readonly code: string }
  | { readonly kind: "not-writable"; readonly code: string };

/** The system's refusal in a few English words, for the log; the CLIs say it in Turkish. */
function reasonText(code: string): string {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    case "ENOENT":
      return "the system does not allow a folder there";
    default:
      return code;
  }
}

/** A problem as the server says it: one English line naming DATA_DIR and the path. */
export function dataDirProblemText(dir: string, problem: DataDirProblem): string {
  switch (problem.kind) {
    case "not-a-folder":
      return resolve(problem.path) === resolve(dir)
        ? `[storage] DATA_DIR ${dir} is a file, not a folder; set DATA_DIR to a folder`
        : `[storage] DATA_DIR ${dir} cannot be created: ${problem.path} is a file, not a folder; set DATA_DIR to a folder`;
    case "cannot-create":
      return `[storage] DATA_DIR ${dir} cannot be created (${problem.path}: ${reasonText(problem.code)}); create it, or set DATA_DIR to a folder this process may write`;
    case "not-writable":
      return `[storage] DATA_DIR ${dir} is not writable (${reasonText(problem.code)}); set DATA_DIR to a folder this process may write`;
  }
}

/** `DATA_DIR` cannot be used: before, Node's own message (`EEXIST: file already exists, mkdir …`) named neither the variable nor the problem. */
export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    readonly problem: DataDirProblem,
    options?: { cause?: unknown },
  ) {
    super(dataDirProblemText(dir, problem), options);
    this.name = "DataDirError";
  }
}

/** The folders from `dir` up to the first that exists (that one last), or a problem on the way. */
async function missingFolders(dir: string): Promise<{ missing: string[]; existing: string } | DataDirProblem> {
  const missing: string[] = [];
  for (let path = resolve(dir); ; path = dirname(path)) {
    try {
      const found = await stat(path);
      if (!found.isDirectory()) return { kind: "not-a-folder", path };
      return { missing, existing: path };
    } catch (error) {
      const code = errorCode(error) ?? "EIO";
      // a file above it: the walk up finds which
      if (code === "ENOENT" || code === "ENOTDIR") missing.push(path);
      else return missing.length === 0 ? { kind: "not-writable", code } : { kind: "cannot-create", path, code };
      if (dirname(path) === path) return { kind: "cannot-create", path, code };
    }
  }
}

/**
 * What would keep `dir` from serving as the data folder, without changing anything (for
 * `check:config`): a file in its place or above it, a folder that cannot be made there, or one the
 * process may not write; null when it exists and is writable, or could be made.
 */
export async function inspectDataDir(dir: string): Promise<DataDirProblem | null> {
  const found = await missingFolders(dir);
  if ("kind" in found) return found;
  try {
    await access(found.existing, constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    const code = errorCode(error) ?? "EIO";
    const first = found.missing[found.missing.length - 1];
    return first === undefined ? { kind: "not-writable", code } : { kind: "cannot-create", path: first, code };
  }
}

/**
 * Makes `dir` (and the folders above it that are missing) or throws `DataDirError`. One folder at
 * a time, never `mkdir`'s `recursive`: under `/proc` that looped at full CPU for ever.
 */
export async function prepareDataDir(dir: string): Promise<void> {
  const problem = await inspectDataDir(dir);
  if (problem) throw new DataDirError(dir, problem);
  const found = await missingFolders(dir);
  if ("kind" in found) throw new DataDirError(dir, found);
  for (const path of found.missing.reverse()) {
    try {
      await mkdir(path);
    } catch (error) {
      const code = errorCode(error) ?? "EIO";
      // made meanwhile by another process: fine while it is a folder
      if (code === "EEXIST" && (await stat(path).catch(() => null))?.isDirectory()) continue;
      throw new DataDirError(dir, code === "EEXIST" || code === "ENOTDIR" ? { kind: "not-a-folder", path } : { kind: "cannot-create", path, code }, { cause: error });
    }
  }
}
