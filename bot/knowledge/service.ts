import { watch, type FSWatcher } from "chokidar";
import { relative, resolve } from "node:path";
import type { Logger } from "../logger";
import { loadKnowledge, type LoadResult } from "./loader";
import { EMPTY_KNOWLEDGE_BASE, formatIssue, type KnowledgeBase } from "./types";

/** Quiet time after the last file event before reloading; a burst of saves becomes one reload. */
export const RELOAD_DEBOUNCE_MS = 150;

/** What `/healthz` and operators see of the knowledge base. */
export interface KnowledgeStatus {
  entries: number;
  files: number;
  loadedAt: string | null;
  lastError: string | null;
}

export interface KnowledgeServiceOptions {
  dir: string;
  logger: Logger;
  debounceMs?: number;
  /** Largest knowledge file read (see `DEFAULT_MAX_FILE_BYTES`). */
  maxFileBytes?: number;
}

/**
 * Holds the current knowledge base snapshot and replaces it in one step when the folder changes.
 * A load with errors never replaces the last good snapshot; the errors are logged with file and line.
 */
export class KnowledgeService {
  private snapshot: KnowledgeBase = EMPTY_KNOWLEDGE_BASE;
  private lastError: string | null = null;
  private loaded = false;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<LoadResult> | undefined;
  private queued = false;
  private readonly listeners = new Set<(kb: KnowledgeBase) => void>();
  readonly dir: string;
  private readonly label: string;

  constructor(private readonly options: KnowledgeServiceOptions) {
    this.dir = resolve(options.dir);
    this.label = relative(process.cwd(), this.dir) || ".";
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
    const result = await loadKnowledge(this.dir, undefined, { maxFileBytes: this.options.maxFileBytes });
    for (const warning of result.warnings) logger.warn(formatIssue(warning, this.label));
    if (!result.knowledgeBase) {
      const lines = result.errors.map((issue) => formatIssue(issue, this.label));
      for (const line of lines) logger.error(line);
      this.lastError = lines.join("\n");
      logger.error(
        { errors: result.errors.length, servingEntries: this.snapshot.entries.length },
        "[knowledge] load failed; still serving the last good knowledge base",
      );
      return result;
    }
    this.snapshot = result.knowledgeBase;
    this.loaded = true;
    this.lastError = null;
    logger.info({ entries: result.knowledgeBase.entries.length, files: result.files }, "[knowledge] loaded");
    for (const listener of this.listeners) {
      try {
        listener(result.knowledgeBase);
      } catch (error) {
        logger.error({ err: error }, "[knowledge] a reload listener failed");
      }
    }
    return result;
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
