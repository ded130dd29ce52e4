import { z } from "zod";
import { CASE_SOURCES, CASE_STATUSES, isCaseStatus, type AuditChange, type CaseSource } from "./types";

/**
 * How an audit line is stored in `case_events`: its `action`, the change in English in `text` (as
 * before structured data, so older readers and people reading the database understand it), and
 * the change's fields as JSON in `data` (the action and a note's text are in their own columns).
 */
export interface StoredAudit {
  readonly action: string;
  readonly text: string;
  readonly data: string | null;
}

/** A change as the store writes it (`unknown` is only ever read). */
export type RecordedChange = Exclude<AuditChange, { readonly action: "unknown" }>;

/** The change in English, as it has always been stored in `text`. */
export function auditDetail(change: AuditChange): string {
  switch (change.action) {
    case "created":
      return `${change.source} via ${change.channel}`;
    case "contact":
      return change.contact;
    case "status":
      return `${change.from} → ${change.to}`;
    case "public-note":
    case "internal-note":
      return change.note;
    case "overdue":
      return "first response overdue";
    case "unknown":
      return "";
  }
}

/** An audit line as stored. */
export function storedAudit(change: RecordedChange): StoredAudit {
  const { action, ...fields } = change;
  const data = "note" in fields ? {} : fields;
  return { action, text: auditDetail(change), data: JSON.stringify(data) };
}

const Created = z.object({ source: z.enum(CASE_SOURCES), channel: z.string() });
const Contact = z.object({ contact: z.enum(["e-mail", "phone"]) });
const Status = z.object({ from: z.enum(CASE_STATUSES), to: z.enum(CASE_STATUSES) });

/** The fields kept in `data`, or null when it is missing (a line written before it existed) or unreadable. */
function fieldsOf(data: string | null): unknown {
  if (data === null) return null;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

const isSource = (value: string): value is CaseSource => CASE_SOURCES.some((source) => source === value);

/**
 * An audit line as read: from `data`, or, for lines written before it existed, from the English
 * `text` those versions wrote (`rating via webchat`, `open → resolved`, `e-mail`).
 */
export function readAudit(stored: StoredAudit): AuditChange {
  const fields = fieldsOf(stored.data);
  const unknown: AuditChange = { action: "unknown", recorded: stored.action };
  switch (stored.action) {
    case "created": {
      const parsed = Created.safeParse(fields);
      if (parsed.success) return { action: "created", ...parsed.data };
      const legacy = /^(\S+) via (.*)$/s.exec(stored.text);
      const source = legacy?.[1] ?? "";
      return legacy && isSource(source) ? { action: "created", source, channel: legacy[2] ?? "" } : unknown;
    }
    case "contact": {
      const parsed = Contact.safeParse(fields ?? { contact: stored.text });
      return parsed.success ? { action: "contact", ...parsed.data } : unknown;
    }
    case "status": {
      const parsed = Status.safeParse(fields);
      if (parsed.success) return { action: "status", ...parsed.data };
      const [from, to] = stored.text.split(" → ");
      return isCaseStatus(from) && isCaseStatus(to) ? { action: "status", from, to } : unknown;
    }
    case "public-note":
    case "internal-note":
      return { action: stored.action, note: stored.text };
    case "overdue":
      return { action: "overdue" };
    default:
      return unknown;
  }
}
