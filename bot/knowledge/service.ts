import { watch, type FSWatcher } from "chokidar";
import { relative, resolve } from "node:path";
import type { Logger } from "../logger";
import { displayPath } from "./display-path";
import { keepVersions, KeptVersionsError, readKeptVersions } from "./kept-versions";
import { loadKnowledge, type FileVersion, type LoadResult } from "./loader";
import { EMPTY_KNOWLEDGE_BASE, formatIssue, type KnowledgeBase, type KnowledgeIssue } from "./types";

/** Quiet time after the last file event before reloading; a burst of saves becomes one reload. */
export const RELOAD_DEBOUNCE_MS = 150;

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
  /** Files with errors; the knowledge base is degraded while there is any. */
  brokenFiles: BrokenFile[];
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
    for (const warning of result.warnings) logger.warn(formatIssue(warning, this.label));
    const lines = result.errors.map((issue) => formatIssue(issue, this.label));
    for (const line of lines) logger.error(line);
    this.lastError = lines.length > 0 ? lines.join("\n") : null;
    if (!result.knowledgeBase) {
      this.brokenFiles = [];
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
    return [...byFile].map(([file, issues]) => {
      const lastGood = refused.get(file);
      return {
        file: `${this.label}/${file}`,
        serving: lastGood === undefined ? (result.accepted.has(file) ? "current" : "nothing") : lastGood ? "last-good" : "nothing",
        errors: issues.map((issue) => ({ line: issue.line, message: issue.message })),
      };
    });
  }

  /** Starts watching the folder; changes are picked up after `debounceMs` of quiet. */
  async watch(): Promise<void> {
    if (this.watcher) return;
    const debounce = this.options.debounceMs ?? RELOAD_DEBOUNCE_MS;
    const watcher = watch(this.dir, { ignoreInitial: true, ignored: (path) => /(^|[/\\])\.[^/\\]/.test(relative(this.dir, path)) });
    watcher.on("all", () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.reload();
      }, debounce);
    });
    watcher.on("error", (error) => this.options.logger.error({ err: error }, "[knowledge] watcher error"));
    await new Promise<void>((ready) => watcher.once("ready", () => ready()));
    this.watcher = watcher;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    this.watcher = undefined;
    await this.running;
  }
}

/** Whether two loads serve the same version of every file (then the snapshot need not change). */
function sameVersions(a: ReadonlyMap<string, FileVersion>, b: ReadonlyMap<string, FileVersion>): boolean {
  if (a.size !== b.size) return false;
  for (const [file, version] of a) if (b.get(file)?.text !== version.text) return false;
  return true;
}
