import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import { MAX_BODY_BYTES } from "../../bot/server/activity-guard";
import { DIRECT_LINE_TUNING } from "../../bot/web/direct-line";
import { startTestApp } from "../helpers/app";
import { poll, postMessage, startConversation, waitForReply, type DirectLineSession, type PolledActivity } from "../helpers/direct-line";
import { PageClient, pageSession, pageSettings } from "../helpers/page-client";
import { waitFor } from "../helpers/wait";

/** The bot's default message limit (`MAX_MESSAGE_LENGTH`). */
const MESSAGE_LIMIT = 2000;

/** Posts `text` and returns the user's activity as the conversation keeps it and the bot's replies. */
async function sayLong(s: DirectLineSession, text: string): Promise<{ status: number; kept?: PolledActivity; replies: PolledActivity[] }> {
  const posted = await postMessage(s, text);
  const body = posted.body;
  if (posted.status !== 200 || typeof body !== "object" || body === null || !("id" in body) || typeof body.id !== "string") return { status: posted.status, replies: [] };
  const id = body.id;
  const all = await waitForReply(s, id);
  return { status: posted.status, kept: all.find((a) => a.id === id), replies: all.filter((a) => a.replyToId === id && a.from.role === "bot") };
}

describe("a long message on the local Direct Line (QA 48 bug 1)", () => {
  let app: RunningApp;
  let longLimitApp: RunningApp;
  const pages: PageClient[] = [];
  beforeAll(async () => {
    [app, longLimitApp] = await Promise.all([startTestApp(), startTestApp({ MAX_MESSAGE_LENGTH: "20000" })]);
  });
  afterAll(async () => {
    for (const page of pages) page.connection.end();
    await Promise.all([app.close(), longLimitApp.close()]);
  });

  it.each([16_000, 40_000, 120_000])("answers a %d-character message with the polite request to shorten it, keeping its first MAX_TEXT_CHARS characters in the conversation", async (length) => {
    const s = await startConversation(app.url);
    const text = "uzun bir hikaye ".repeat(length / 16);
    const { status, kept, replies } = await sayLong(s, text);
    expect(status).toBe(200);
    expect(replies.map((r) => r.text)).toEqual([TEXTS.messageTooLong(MESSAGE_LIMIT)]);
    expect(kept?.text).toBe(`${text.slice(0, DIRECT_LINE_TUNING.MAX_TEXT_CHARS)}…`);
  });

  it("keeps a message of MAX_TEXT_CHARS characters whole, and never cuts one inside a surrogate pair", async () => {
    const s = await startConversation(app.url);
    const whole = "a".repeat(DIRECT_LINE_TUNING.MAX_TEXT_CHARS);
    expect((await sayLong(s, whole)).kept?.text).toBe(whole);
    const emoji = `${"a".repeat(DIRECT_LINE_TUNING.MAX_TEXT_CHARS - 1)}😀😀`;
    expect((await sayLong(s, emoji)).kept?.text).toBe(`${"a".repeat(DIRECT_LINE_TUNING.MAX_TEXT_CHARS - 1)}…`);
  });

  it("gives the turn the whole text: under a higher MAX_MESSAGE_LENGTH a 12,000-character question is read, not refused, though the conversation keeps it cut", async () => {
    const s = await startConversation(longLimitApp.url);
    await waitFor(async () => (await poll(s)).activities.length > 0, "the welcome");
    const text = `${"müşteri sadakati ".repeat(710)}nedir`;
    expect(text.length).toBeGreaterThan(12_000);
    const { kept, replies } = await sayLong(s, text);
    expect(kept?.text?.endsWith("…")).toBe(true);
    expect(replies.map((r) => r.text)).not.toContain(TEXTS.messageTooLong(20_000));
    expect(replies.length).toBeGreaterThan(0);
  });

  it("the chat page's own client (public/direct-line.js, with the page's settings) gets the polite reply for 12,000 characters and for a paste larger than the server's body limit, with no refused post", async () => {
    const settings = await pageSettings(app.url);
    expect(settings.maxBodyBytes).toBe(MAX_BODY_BYTES);
    const page = new PageClient(await pageSession(app.url), () => pageSession(app.url), settings);
    pages.push(page);
    await waitFor(() => page.activities.length > 0, "the welcome");

    const pasted = "a ".repeat(6000);
    expect((await page.replies(await page.post(pasted))).map((a) => a.text)).toEqual([TEXTS.messageTooLong(MESSAGE_LIMIT)]);
    // 300,000 bytes of UTF-8: over the body limit whole, so the page sends its beginning
    const document = "ş".repeat(150_000);
    expect(Buffer.byteLength(document)).toBeGreaterThan(MAX_BODY_BYTES);
    const id = await page.post(document);
    expect((await page.replies(id)).map((a) => a.text)).toEqual([TEXTS.messageTooLong(MESSAGE_LIMIT)]);
    expect(page.activities.find((a) => a.id === id)?.text).toBe(`${"ş".repeat(DIRECT_LINE_TUNING.MAX_TEXT_CHARS)}…`);
    expect(page.requests.filter((r) => r.method === "POST" && r.url.endsWith("/activities")).map((r) => r.status)).toEqual([200, 200]);
  });
});
