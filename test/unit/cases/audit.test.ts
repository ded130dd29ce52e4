import { readAudit, storedAudit, type RecordedChange } from "../../../bot/cases/audit";

describe("audit lines as data", () => {
  it("reads back every change it stores, with the English text older versions stored", () => {
    const changes: Array<[RecordedChange, string]> = [
      [{ action: "created", source: "rating", channel: "emulator" }, "rating via emulator"],
      [{ action: "created", source: "intent", channel: "web chat via proxy" }, "intent via web chat via proxy"],
      [{ action: "contact", contact: "phone" }, "phone"],
      [{ action: "status", from: "open", to: "resolved" }, "open → resolved"],
      [{ action: "public-note", note: "Kargonuz yarın yola çıkıyor." }, "Kargonuz yarın yola çıkıyor."],
      [{ action: "internal-note", note: "depo → kargo" }, "depo → kargo"],
      [{ action: "overdue" }, "first response overdue"],
    ];
    for (const [change, text] of changes) {
      const stored = storedAudit(change);
      expect(stored).toMatchObject({ action: change.action, text });
      expect(readAudit(stored)).toEqual(change);
    }
    // a note's text is kept once, in its own column
    expect(storedAudit({ action: "public-note", note: "uzun bir not" }).data).toBe("{}");
  });

  it("reads lines written before they carried data from their English text", () => {
    expect(readAudit({ action: "created", text: "rating via emulator", data: null })).toEqual({ action: "created", source: "rating", channel: "emulator" });
    expect(readAudit({ action: "contact", text: "e-mail", data: null })).toEqual({ action: "contact", contact: "e-mail" });
    expect(readAudit({ action: "status", text: "open → resolved", data: null })).toEqual({ action: "status", from: "open", to: "resolved" });
    expect(readAudit({ action: "overdue", text: "first response overdue", data: null })).toEqual({ action: "overdue" });
  });

  it("keeps a line it cannot read as unknown, naming what was recorded", () => {
    expect(readAudit({ action: "escalated", text: "to level 2", data: "{}" })).toEqual({ action: "unknown", recorded: "escalated" });
    expect(readAudit({ action: "status", text: "open → lost", data: null })).toEqual({ action: "unknown", recorded: "status" });
    expect(readAudit({ action: "created", text: "rating via emulator", data: "{not json" })).toEqual({ action: "created", source: "rating", channel: "emulator" });
  });
});
