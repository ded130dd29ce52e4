import { rangeBounds, ReportRangeError } from "../../../bot/feedback/report";
import { isoWeek, localDay, offsetMinutes, offsetPeriods, startOfDay, turkishDate } from "../../../bot/feedback/time-zone";

describe("report days in a time zone", () => {
  it("knows the offsets of Istanbul (no daylight saving) and New York (daylight saving)", () => {
    expect(offsetMinutes("Europe/Istanbul", Date.parse("2026-07-01T12:00:00Z"))).toBe(180);
    expect(offsetMinutes("America/New_York", Date.parse("2026-07-01T12:00:00Z"))).toBe(-240);
    expect(offsetMinutes("America/New_York", Date.parse("2026-12-01T12:00:00Z"))).toBe(-300);
    expect(offsetMinutes("Asia/Kathmandu", Date.parse("2026-12-01T12:00:00Z"))).toBe(345);
    expect(offsetMinutes("UTC", 0)).toBe(0);
  });

  it("starts a day at the zone's midnight and puts 22:30 UTC on the next Istanbul day", () => {
    expect(startOfDay("2026-12-01", "Europe/Istanbul")).toBe("2026-11-30T21:00:00.000Z");
    expect(startOfDay("2026-11-01", "America/New_York")).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfDay("2026-11-02", "America/New_York")).toBe("2026-11-02T05:00:00.000Z");
    expect(localDay("2026-11-30T22:30:00.000Z", "Europe/Istanbul")).toBe("2026-12-01");
    expect(localDay("2026-11-30T20:59:59.999Z", "Europe/Istanbul")).toBe("2026-11-30");
  });

  it("writes a day of the zone as Turkish readers do", () => {
    expect(turkishDate("2026-12-07T09:55:00.000Z", "Europe/Istanbul")).toBe("7.12.2026");
    expect(turkishDate("2026-12-07T22:30:00.000Z", "Europe/Istanbul")).toBe("8.12.2026");
    expect(turkishDate("2026-12-07T22:30:00.000Z", "America/New_York")).toBe("7.12.2026");
    expect(turkishDate("2026-01-31T12:00:00.000Z", "UTC")).toBe("31.01.2026");
  });

  it("finds the offset periods of a span to the minute", () => {
    expect(offsetPeriods("Europe/Istanbul", "2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z")).toEqual([{ until: null, minutes: 180 }]);
    expect(offsetPeriods("America/New_York", "2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z")).toEqual([
      { until: "2026-03-08T07:00:00.000Z", minutes: -300 },
      { until: "2026-11-01T06:00:00.000Z", minutes: -240 },
      { until: null, minutes: -300 },
    ]);
  });

  it("names ISO weeks, which belong to the year of their Thursday", () => {
    expect(isoWeek("2026-12-03")).toEqual({ week: "2026-W49", monday: "2026-11-30" });
    expect(isoWeek("2026-11-29")).toEqual({ week: "2026-W48", monday: "2026-11-23" });
    expect(isoWeek("2027-01-01")).toEqual({ week: "2026-W53", monday: "2026-12-28" });
    expect(isoWeek("2021-01-03")).toEqual({ week: "2020-W53", monday: "2020-12-28" });
    expect(isoWeek("2024-12-30")).toEqual({ week: "2025-W01", monday: "2024-12-30" });
  });

  it("turns a range of zone days into UTC bounds, and says what is wrong with a bad one", () => {
    expect(rangeBounds({ since: "2026-12-01", until: "2026-12-01", timeZone: "Europe/Istanbul" })).toEqual({
      from: "2026-11-30T21:00:00.000Z",
      to: "2026-12-01T21:00:00.000Z",
    });
    expect(rangeBounds({ since: "2026-12-01" })).toEqual({ from: "2026-12-01T00:00:00.000Z", to: null });
    const problem = (range: { since?: string; until?: string }): unknown => {
      try {
        rangeBounds(range);
      } catch (error) {
        return error instanceof ReportRangeError ? error.problem : error;
      }
      return null;
    };
    expect(problem({ until: "2026-02-30" })).toEqual({ reason: "malformed", field: "until", value: "2026-02-30" });
    expect(problem({ since: "2026-12-02", until: "2026-12-01" })).toEqual({ reason: "reversed", field: "since", value: "2026-12-02" });
  });
});
