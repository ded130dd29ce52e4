/**
 * Report days in a time zone (`REPORT_TIMEZONE`). Events are stored as ISO 8601 UTC text; a report
 * groups them by the calendar day of the zone, so a rating at 22:30 UTC counts on the next day in
 * Istanbul (UTC+3). Neither database is asked about time zones: SQLite has none, and PostgreSQL's
 * own tz database could disagree with Node's. Offsets come from Node's `Intl` (ICU), and the SQL
 * shifts each timestamp by the offset in force at that instant (see `offsetPeriods`).
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * Step of the scan for offset changes. A zone changes its offset at most a few times a year, never
 * twice within this step; larger = fewer `Intl` calls on a long range, but two changes inside one
 * step (there are none in the tz database) would be missed.
 */
const SCAN_STEP_MS = DAY_MS;

/** How each function here writes an instant (`formatIn`), by name. */
const STYLES = {
  offset: ["en-US", { timeZoneName: "longOffset" }],
  date: ["tr-TR", { dateStyle: "short" }],
  dateTime: ["tr-TR", { dateStyle: "short", timeStyle: "short" }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

/** `Intl.DateTimeFormat`s by style and zone: making one costs far more than using it. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(style: keyof typeof STYLES, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    const [locale, options] = STYLES[style];
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

/** Minutes the zone is ahead of UTC at an instant (180 for Europe/Istanbul, −300 for New York in winter). */
export function offsetMinutes(timeZone: string, ms: number): number {
  const name = formatIn("offset", timeZone).formatToParts(ms).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /^GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

/** The UTC instant (ISO) at which a calendar day `YYYY-MM-DD` starts in the zone. */
export function startOfDay(day: string, timeZone: string): string {
  const wall = Date.parse(`${day}T00:00:00.000Z`);
  // the offset at the local midnight, found in two steps (it may differ from the one a day earlier)
  let ms = wall - offsetMinutes(timeZone, wall) * MINUTE_MS;
  ms = wall - offsetMinutes(timeZone, ms) * MINUTE_MS;
  return new Date(ms).toISOString();
}

/** The calendar day (`YYYY-MM-DD`) of an instant in the zone. */
export function localDay(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return new Date(ms + offsetMinutes(timeZone, ms) * MINUTE_MS).toISOString().slice(0, 10);
}

/**
 * The calendar day of an instant in the zone as Turkish readers write it (`7.12.2026`): the date
 * part of the times the dashboard and `npm run report` show (`tr-TR`, short style), so a customer
 * and an operator read the same day for one case.
 */
export function turkishDate(iso: string, timeZone: string): string {
  return formatIn("date", timeZone).format(Date.parse(iso));
}

/**
 * An instant in the zone as the operators' pages show it (`7.12.2026 18:55 (Europe/Istanbul)`),
 * for texts read outside them (Teams and Slack alerts), so that one case's due time reads alike.
 */
export function turkishDateTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${formatIn("dateTime", timeZone).format(ms).replace(",", "")} (${timeZone})`;
}

/** A stretch of time with one UTC offset, up to `until` (ISO, exclusive; null = open-ended), from the end of the one before. */
export interface OffsetPeriod {
  readonly until: string | null;
  readonly minutes: number;
}

/**
 * The offsets in force between two instants, in order: the last period is open-ended. Europe/Istanbul
 * (no daylight saving since 2016) gives one period; a zone with daylight saving two a year.
 */
export function offsetPeriods(timeZone: string, fromIso: string, toIso: string): OffsetPeriod[] {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const periods: OffsetPeriod[] = [];
  let current = offsetMinutes(timeZone, from);
  for (let ms = from; ms < to; ) {
    const next = Math.min(ms + SCAN_STEP_MS, to);
    const offset = offsetMinutes(timeZone, next);
    if (offset !== current) {
      // the change lies in (ms, next]: halve down to the minute
      // (offsets change on whole minutes)
      let lo = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
      let hi = Math.ceil(next / MINUTE_MS) * MINUTE_MS;
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
        if (offsetMinutes(timeZone, mid) === current) lo = mid;
        else hi = mid;
      }
      periods.push({ until: new Date(hi).toISOString(), minutes: current });
      current = offset;
    }
    ms = next;
  }
  periods.push({ until: null, minutes: current });
  return periods;
}

/** The ISO 8601 week of a calendar day: `2026-W49`, and the Monday it starts on. */
export function isoWeek(day: string): { week: string; monday: string } {
  const date = new Date(`${day}T00:00:00.000Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(date.getTime() - weekday * DAY_MS);
  // the week belongs to the year of its Thursday
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 1));
  firstThursday.setUTCDate(1 + ((4 - firstThursday.getUTCDay() + 7) % 7));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * DAY_MS));
  return { week: `${year}-W${String(week).padStart(2, "0")}`, monday: monday.toISOString().slice(0, 10) };
}
