/** What operators are alerted about: a new case, an NPS detractor, a case whose first response is overdue. */
export type AlertKind = "case-created" | "nps-detractor" | "case-overdue";

/** One alert, as the webhook receives it (plain JSON format). */
export interface Alert {
  readonly kind: AlertKind;
  /** Unique per alert: a receiver can drop a duplicate delivered again after a retry. */
  readonly id: string;
  readonly at: string;
  readonly reference?: string | undefined;
  readonly status?: string | undefined;
  readonly source?: string | undefined;
  readonly channel?: string | undefined;
  /** The customer's words (cases) — never contact details. */
  readonly text?: string | undefined;
  readonly entryId?: string | undefined;
  readonly rating?: number | undefined;
  readonly score?: number | undefined;
  readonly dueAt?: string | undefined;
}

/** Where alerts go. `raise` returns at once: delivery happens in the background and never blocks a turn. */
export interface AlertSink {
  raise(alert: Alert): void;
}

/** Alerts nobody receives (no `ALERT_WEBHOOK_URL`). */
export const NO_ALERTS: AlertSink = { raise: () => undefined };
