import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { publicDir } from "../../bot/web/pages";

interface PageFormat {
  readonly show: (value: number | null | undefined, suffix?: string) => string;
  readonly when: (iso: string) => string;
}

/** The operator pages' formats, from the very script the browser loads (run as a browser would, with a `window`). */
function pageFormat(timeZone: string): PageFormat {
  const window: { memnunFormat?: { readonly create: (timeZone: string) => PageFormat } } = {};
  runInNewContext(readFileSync(join(publicDir(), "format.js"), "utf8"), { window });
  if (!window.memnunFormat) throw new Error("format.js defined no memnunFormat");
  return window.memnunFormat.create(timeZone);
}

describe("the operator pages' Turkish formats (bot/web/public/format.js)", () => {
  it("writes percentages with the sign first and a decimal comma, other figures with a decimal comma", () => {
    const { show } = pageFormat("Europe/Istanbul");
    expect(show(100, "%")).toBe("%100");
    expect(show(33.3, "%")).toBe("%33,3");
    expect(show(12.5)).toBe("12,5");
    expect(show(3)).toBe("3");
    expect(show(null, "%")).toBe("–");
    expect(show(undefined)).toBe("–");
  });

  it("shows a stored UTC instant as the time of the configured zone, naming the zone", () => {
    expect(pageFormat("Europe/Istanbul").when("2026-12-07T09:55:00.000Z")).toBe("7.12.2026 12:55 (Europe/Istanbul)");
    // late in the UTC evening is the next day in Tokyo
    expect(pageFormat("Asia/Tokyo").when("2026-12-07T22:30:00.000Z")).toBe("8.12.2026 07:30 (Asia/Tokyo)");
    expect(pageFormat("America/New_York").when("2026-07-01T12:00:00.000Z")).toBe("1.07.2026 08:00 (America/New_York)");
  });
});
