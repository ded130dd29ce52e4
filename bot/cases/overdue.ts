import type { Logger } from "../logger";
import { DatabaseUnavailableError } from "../storage/errors";
import type { AlertSink } from "./alerts";
import type { CaseStore } from "./store";

/** How often cases are checked for an overdue first response. Lower = earlier alerts, more queries. */
export const OVERDUE_CHECK_INTERVAL_MS = 60_000;

export interface OverdueWatcherOptions {
  store: CaseStore;
  alerts: AlertSink;
  logger: Logger;
  intervalMs?: number;
  now?: () => Date;
  newId: () => string;
}

/**
 * Raises one alert for every case whose first response becomes overdue. Several instances may
 * watch one database: the store marks each case once, so only one of them alerts.
 */
export class OverdueWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: OverdueWatcherOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? OVERDUE_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Checks now; returns how many cases became overdue. Never throws: failures are logged. */
  check(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    try {
      const overdue = await this.options.store.markOverdue(this.now().toISOString());
      for (const found of overdue) {
        this.options.alerts.raise({
          kind: "case-overdue",
          id: this.options.newId(),
          at: found.overdueAt ?? this.now().toISOString(),
          reference: found.reference,
          status: found.status,
          source: found.source,
          channel: found.channel,
          dueAt: found.dueAt,
        });
      }
      return overdue.length;
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) this.options.logger.debug("[cases] overdue check skipped: no database");
      else this.options.logger.error({ err: error }, "[cases] overdue check failed");
      return 0;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
