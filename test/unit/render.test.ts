import { markdownBlocks, renderCard, SCORES_PER_ROW } from "../../bot/conversation/render/card";
import { canUpdate, channelStyle, controlsSendText } from "../../bot/conversation/render/channels";
import { plainText } from "../../bot/conversation/render/text";

describe("channel styles", () => {
  it.each([
    ["msteams", "card", false, true],
    ["webchat", "card", true, false],
    ["directline", "suggested", false, false],
    ["emulator", "suggested", false, false],
    ["test", "suggested", false, false],
    ["sms", "text", true, false],
    ["email", "text", true, false],
    [undefined, "suggested", false, false],
  ] as const)("%s → %s", (channelId, style, sendsText, updates) => {
    expect(channelStyle(channelId)).toBe(style);
    expect(controlsSendText(channelId)).toBe(sendsText);
    expect(canUpdate(channelId)).toBe(updates);
  });
});

describe("plainText (channels that show Markdown literally)", () => {
  it("drops emphasis marks and keeps lists and line breaks", () => {
    expect(plainText("**CEM**, bir _araçtır_.\n\n- **CSAT**\n* NPS\n\n1. bir")).toBe("CEM, bir araçtır.\n\n- CSAT\n- NPS\n\n1. bir");
  });

  it("leaves underscores inside words and lone asterisks alone", () => {
    expect(plainText("kb_suggest ve 2 * 3")).toBe("kb_suggest ve 2 * 3");
  });
});

describe("Adaptive Card rendering", () => {
  it("makes one text block per paragraph and reads '*' bullets as '-'", () => {
    expect(markdownBlocks("Bir.\n\n* a\n* b\n\n\nİki.")).toEqual([
      { type: "TextBlock", text: "Bir.", wrap: true },
      { type: "TextBlock", text: "- a\n- b", wrap: true, spacing: "medium" },
      { type: "TextBlock", text: "İki.", wrap: true, spacing: "medium" },
    ]);
  });

  it(`puts score buttons side by side, at most ${SCORES_PER_ROW} a row`, () => {
    const card = renderCard({ kind: "survey", step: "nps" }).attachments?.[0]?.content as { body: Array<{ type: string; columns?: unknown[] }> };
    const rows = card.body.filter((e) => e.type === "ColumnSet").map((e) => e.columns?.length);
    expect(rows).toEqual([6, 5]);
    const ces = renderCard({ kind: "survey", step: "ces" }).attachments?.[0]?.content as { body: Array<{ type: string; columns?: unknown[] }> };
    expect(ces.body.filter((e) => e.type === "ColumnSet").map((e) => e.columns?.length)).toEqual([7]);
  });
});
