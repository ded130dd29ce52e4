import { watch, type FSWatcher } from "chokidar";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Logger } from "../logger";
import { displayPath } from "./display-path";
import { keepVersions, KeptVersionsError, readKeptVersions } from "./kept-versions";
import { loadKnowledge, type FileVersion, type LoadResult } from "./loader";
import { errorCode } from "../system-error";
import { EMPTY_KNOWLEDGE_BASE, formatIssue, type KnowledgeBase, type KnowledgeIssue } from "./types";

/** Quiet time after the last file event before reloading; a burst of saves becomes one reload. */
export const RELOAD_DEBOUNCE_MS = 150;

/**
 * How often the watched folder is checked for having been replaced: moved away and copied back,
 * deleted and cloned again, or a symlink switched to another release. The watcher follows the
 * folder it started on, so without this check it would go on watching the old one, and no later
 * edit would be served. Lower = a replaced folder is watched again sooner, more `stat` calls.
 */
export const FOLDER_CHECK_MS = 1_000;

/**
 * How long after the watcher failed (other than on a folder it may not read, which the loader
 * reports) it is started again. Each start reads the whole folder tree. Higher = fewer rescans
 * while the cause (such as the system's limit of watches) lasts, later recovery after it.
 */
export const REWATCH_RETRY_MS = 30_000;

/** A knowledge file with errors, as `/healthz` names it. */
export interface BrokenFile {
  /** Path as operators see it, e.g. `knowledge/olcum/nps.md`. */
  file: string;
  /** What is served for it: its current text (minus what the errors concern), its last good version, or nothing. */
  serving: "current" | "last-good" | "nothing";
  errors: Array<{ line: number; message: string }>;
}

/** What `/healthz` and operators see of the knowledge base. */
export interface KnowledgeStatus {
  entries: number;
  files: number;
  loadedAt: string | null;
  /** Every error of the last load, one `[knowledge] file:line: message` per line; null when there is none. */
  lastError: string | null;
  /** Files with errors (and the folder itself when it cannot be read); the knowledge base is degraded while there is any. */
  brokenFiles: BrokenFile[];
  /**
   * Whether edits are picked up live. False before `watch()`, while the folder is gone, and after
   * the watcher failed (`watchError`); health is then degraded: edits are not served.
   */
  watching: boolean;
  /** Why the folder is not watched, when the watcher failed (the system's message). */
  watchError: string | null;
}

export interface KnowledgeServiceOptions {
  dir: string;
  logger: Logger;
  debounceMs?: number;
  /** Largest knowledge file read (see `DEFAULT_MAX_FILE_BYTES`). */
  maxFileBytes?: number;
  /**
   * Where the last good versions are kept across restarts (`DATA_DIR/knowledge-last-good.json`,
   * see `kept-versions.ts`): read before the first load, written after every load that changes
   * what is served. Without it a restart starts with no history.
   */
  keptVersionsFile?: string;
  /** See `FOLDER_CHECK_MS`. */
  folderCheckMs?: number;
}

/**
 * Holds the current knowledge base snapshot and replaces it in one step when the folder changes.
 * Files are isolated: a broken file keeps its last good version (or is left out if it never had
 * one) while the other files' edits go live; its errors are logged with file and line. With
 * `keptVersionsFile`, the last good versions outlive the process.
 */
export class KnowledgeService {
  private snapshot: KnowledgeBase = EMPTY_KNOWLEDGE_BASE;
  private accepted: ReadonlyMap<string, FileVersion> = new Map();
  private lastError: string | null = null;
  private brokenFiles: BrokenFile[] = [];
  private loaded = false;
  private historyRead = false;
  private watcher: FSWatcher | undefined;
  /** What the watcher watches (`folderIdentity`), undefined while the folder is gone. */
  private watchedIdentity: string | undefined;
  private watchError: string | null = null;
  private watchFailedAt = 0;
  private checker: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private closed = false;
  /** The folders the last load could not read (`LoadResult.unreadableFolders`), checked again with the folder. */
  private unreadable: readonly string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<LoadResult> | undefined;
  private queued = false;
  private readonly listeners = new Set<(kb: KnowledgeBase) => void>();
  readonly dir: string;
  private readonly label: string;

  constructor(private readonly options: KnowledgeServiceOptions) {
    this.dir = resolve(options.dir);
    this.label = displayPath(this.dir);
  }

  /** The snapshot to use for this turn. Never half-loaded. */
  current(): KnowledgeBase {
    return this.snapshot;
  }

  status(): KnowledgeStatus {
    return {
      entries: this.snapshot.entries.length,
      files: this.snapshot.files,
      loadedAt: this.loaded ? this.snapshot.loadedAt.toISOString() : null,
      lastError: this.lastError,
      brokenFiles: this.brokenFiles,
      watching: this.watcher !== undefined && this.watchError === null,
      watchError: this.watchError,
    };
  }

  /** Called with every new snapshot (e.g. to rebuild the search index once per reload). */
  subscribe(listener: (kb: KnowledgeBase) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reloads now. Concurrent calls are serialised; a call during a load triggers one more load. */
  async reload(): Promise<LoadResult> {
    if (this.running) {
      this.queued = true;
      return this.running;
    }
    this.running = this.load();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      if (this.queued) {
        this.queued = false;
        void this.reload();
      }
    }
  }

  private async load(): Promise<LoadResult> {
    const { logger } = this.options;
    if (!this.historyRead) {
      this.historyRead = true;
      this.accepted = await this.readHistory();
    }
    const result = await loadKnowledge(this.dir, { lastGood: this.accepted, maxFileBytes: this.options.maxFileBytes });
    this.unreadable = result.unreadableFolders;
    for (const warning of result.warnings) logger.warn(formatIssue(warning, this.label));
    const lines = result.errors.map((issue) => formatIssue(issue, this.label));
    for (const line of lines) logger.error(line);
    this.lastError = lines.length > 0 ? lines.join("\n") : null;
    if (!result.knowledgeBase) {
      // the folder itself (gone, unreadable, empty): named as the broken "file", so health says so
      this.brokenFiles = [
        {
          file: this.label,
          serving: this.snapshot.entries.length > 0 ? "last-good" : "nothing",
          errors: result.errors.map((issue) => ({ line: issue.line, message: issue.message })),
        },
      ];
      logger.error(
        { errors: result.errors.length, servingEntries: this.snapshot.entries.length },
        "[knowledge] load failed; still serving the last good knowledge base",
      );
      return result;
    }
    this.brokenFiles = this.describeBroken(result);
    if (this.brokenFiles.length > 0) {
      logger.error(
        { files: this.brokenFiles.map((broken) => `${broken.file} (serving: ${broken.serving})`) },
        "[knowledge] files with errors; the other files are served",
      );
    }
    const unchanged = this.loaded && sameVersions(this.accepted, result.accepted);
    this.accepted = result.accepted;
    if (unchanged) return result;
    this.snapshot = result.knowledgeBase;
    this.loaded = true;
    logger.info({ entries: result.knowledgeBase.entries.length, files: result.files }, "[knowledge] loaded");
    for (const listener of this.listeners) {
      try {
        listener(result.knowledgeBase);
      } catch (error) {
        logger.error({ err: error }, "[knowledge] a reload listener failed");
      }
    }
    await this.keep(result.accepted);
    return result;
  }

  /** The last good versions kept by an earlier run, if any; a file that cannot be used is logged and skipped. */
  private async readHistory(): Promise<ReadonlyMap<string, FileVersion>> {
    const file = this.options.keptVersionsFile;
    if (file === undefined) return new Map();
    try {
      return await readKeptVersions(file, this.dir);
    } catch (error) {
      if (!(error instanceof KeptVersionsError)) throw error;
      this.options.logger.warn({ err: error }, "[knowledge] starting without the kept last good versions");
      return new Map();
    }
  }

  /** Keeps what is served as the last good versions; a failure costs only the history of the next start. */
  private async keep(accepted: ReadonlyMap<string, FileVersion>): Promise<void> {
    const file = this.options.keptVersionsFile;
    if (file === undefined) return;
    try {
      await keepVersions(file, this.dir, accepted);
    } catch (error) {
      if (!(error instanceof KeptVersionsError)) throw error;
      this.options.logger.warn({ err: error }, "[knowledge] the last good versions are not kept; a restart will not know which file changed");
    }
  }

  private describeBroken(result: LoadResult): BrokenFile[] {
    const byFile = new Map<string, KnowledgeIssue[]>();
    for (const issue of result.errors) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
    const refused = new Map(result.refused.map((file) => [file.file, file.servingLastGood]));
    /** An unreadable folder serves what its files' last good versions are. */
    const folderServes = (folder: string): boolean => result.refused.some((file) => file.file.startsWith(`${folder}/`) && file.servingLastGood);
    return [...byFile].map(([file, issues]) => {
      const lastGood = result.unreadableFolders.includes(file) ? folderServes(file) : refused.get(file);
      return {
        file: `${this.label}/${file}`,
        serving: lastGood === undefined ? (result.accepted.has(file) ? "current" : "nothing") : lastGood ? "last-good" : "nothing",
        errors: issues.map((issue) => ({ line: issue.line, message: issue.message })),
      };
    });
  }

  /**
   * Starts watching the folder; changes are picked up after `debounceMs` of quiet. The folder is
   * checked every `FOLDER_CHECK_MS` for having been replaced (`folderIdentity`), and then watched
   * anew and reloaded.
   */
  async watch(): Promise<void> {
    if (this.checker) return;
    this.watchedIdentity = await folderIdentity(this.dir);
    await this.startWatcher();
    this.checker = setInterval(() => void this.checkFolder(), this.options.folderCheckMs ?? FOLDER_CHECK_MS);
    this.checker.unref();
  }

  private scheduleReload(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, this.options.debounceMs ?? RELOAD_DEBOUNCE_MS);
  }

  /** Watches the folder at `dir` as it is now; nothing while it is gone (the next check watches it once it is back). */
  private async startWatcher(): Promise<void> {
    const previous = this.watcher;
    this.watcher = undefined;
    this.watchError = null;
    await previous?.close();
    if (this.watchedIdentity === undefined || this.closed) return;
    const watcher = watch(this.dir, {
      ignoreInitial: true,
      // a folder it may not read is reported by the load, by its path; `recheck` watches it once it can be read
      ignorePermissionErrors: true,
      ignored: (path) => /(^|[/\\])\.[^/\\]/.test(relative(this.dir, path)),
    });
    watcher.on("all", (event, path) => {
      // the folder itself went away: look at once rather than at the next check
      if (event === "unlinkDir" && resolve(path) === this.dir) void this.checkFolder();
      this.scheduleReload();
    });
    watcher.on("error", (error) => {
      this.watchError = error instanceof Error ? error.message : String(error);
      this.watchFailedAt = Date.now();
      this.options.logger.error({ err: error }, `[knowledge] watching ${this.label} failed; edits are not served until it is watched again (retried in ${REWATCH_RETRY_MS / 1000} s)`);
    });
    await new Promise<void>((ready) => watcher.once("ready", () => ready()));
    if (this.closed) {
      await watcher.close();
      return;
    }
    this.watcher = watcher;
  }

  /** Watches and reloads the folder again when it was replaced, came back, or its watcher failed a while ago. */
  private checkFolder(): Promise<void> {
    this.checking ??= this.recheck().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /** The first folder the last load could not read that can be read now, if any. */
  private async readableAgain(): Promise<string | undefined> {
    for (const folder of this.unreadable) {
      try {
        await readdir(join(this.dir, folder));
        return folder;
      } catch {
        // still unreadable (or gone): the load reports it
      }
    }
    return undefined;
  }

  private async recheck(): Promise<void> {
    if (this.closed) return;
    const { logger } = this.options;
    const identity = await folderIdentity(this.dir);
    const retry = this.watchError !== null && Date.now() - this.watchFailedAt >= REWATCH_RETRY_MS;
    const readable = identity === this.watchedIdentity && !retry ? await this.readableAgain() : undefined;
    if (identity === this.watchedIdentity && !retry && readable === undefined) return;
    const before = this.watchedIdentity;
    this.watchedIdentity = identity;
    if (identity === undefined) {
      logger.error(`[knowledge] ${this.label} is gone (moved or deleted); the last good knowledge base is served, and the folder is watched again once it is back`);
    } else if (before === undefined) {
      logger.warn(`[knowledge] ${this.label} is back; watching it again and reloading`);
    } else if (identity !== before) {
      logger.warn(`[knowledge] ${this.label} was replaced (moved, re-created or a symlink switched); watching the new folder and reloading`);
    } else if (readable !== undefined) {
      logger.warn(`[knowledge] ${readable === "." ? this.label : `${this.label}/${readable}`} can be read again; watching it and reloading`);
    } else {
      logger.warn(`[knowledge] watching ${this.label} again after its watcher failed; reloading`);
    }
    await this.startWatcher();
    if (!this.closed) this.scheduleReload();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.checker) clearInterval(this.checker);
    await this.checking;
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    this.watcher = undefined;
    await this.running;
  }
}

/**
 * Which folder `dir` is now: its real path (a symlink resolved) and its device and inode, so a
 * folder moved away and another put in its place, or a symlink switched, reads as a change.
 * Undefined while nothing is there; a folder that cannot be looked at reads as its error's code,
 * which the next load reports.
 */
async function folderIdentity(dir: string): Promise<string | undefined> {
  try {
    const real = await realpath(dir);
    const { dev, ino } = await stat(real);
    return `${dev}:${ino}:${real}`;
  } catch (error) {
    const code = errorCode(error);
    return code === "ENOENT" || code === "ENOTDIR" ? undefined : `error:${code ?? String(error)}`;
  }
}

/** Whether two loads serve the same version of every file (then the snapshot need not change). */
function sameVersions(a: ReadonlyMap<string, FileVersion>, b: ReadonlyMap<string, FileVersion>): boolean {
  if (a.size !== b.size) return false;
  for (const [file, version] of a) if (b.get(file)?.text !== version.text) return false;
  return true;
}
