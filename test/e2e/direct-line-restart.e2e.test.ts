import { TEXTS } from "../../bot/conversation/texts";
import { tempDataDir } from "../helpers/app";
import { poll, postMessage, say, startConversation, type DirectLineSession, type PolledActivity } from "../helpers/direct-line";
import { PageClient, pageSession } from "../helpers/page-client";
import { RestartableServer } from "../helpers/restart";
import { waitFor } from "../helpers/wait";

/** The bot's welcome, once the conversation update has run. */
const welcome = (s: DirectLineSession): Promise<PolledActivity[]> =>
  waitFor(async () => {
    const { activities } = await poll(s);
    return activities.length > 0 ? activities : null;
  }, "the welcome");

/** The rating button with this label ("1") on an answer. */
function ratingButton(answer: PolledActivity | undefined, label: string): { title: string; value: unknown } {
  const action = answer?.suggestedActions?.actions.find((a) => a.title.startsWith(label));
  if (!action) throw new Error(`no rating button ${label} on ${JSON.stringify(answer)}`);
  return action;
}

const idAt = (s: DirectLineSession, watermark: number): string => `${s.conversationId}|${String(watermark).padStart(7, "0")}`;

describe("the local Direct Line across a server restart, over HTTP (QA 47 bug 1)", () => {
  const server = new RestartableServer();
  beforeEach(async () => server.start());
  afterEach(async () => server.stop());

  it("goes on in the same conversation for a client that polls with its watermark: the bot's state kept, new activities numbered after the watermark, every reply shown", async () => {
    const s = await startConversation(server.url);
    await welcome(s);
    const [answer] = await say(s, "nps nedir");
    expect(await say(s, ratingButton(answer, "1"))).toContainEqual(expect.objectContaining({ text: TEXTS.commentPrompt }));
    const { watermark } = await poll(s);

    await server.restart();
    // the page polls on with what it has seen
    expect(await poll(s, watermark)).toEqual({ activities: [], watermark });
    const posted = await postMessage(s, "hesaplama örneği eksik");
    expect(posted).toEqual({ status: 200, body: { id: idAt(s, Number(watermark) + 1) } });
    const after = await poll(s, watermark);
    // the comment the bot was waiting for before the restart is taken as the comment
    expect(after.activities.slice(0, 2).map((a) => [a.from.role, a.text])).toEqual([
      ["user", "hesaplama örneği eksik"],
      ["bot", TEXTS.commentThanks],
    ]);
    expect(after.activities.map((a) => a.id)).toEqual(after.activities.map((_, n) => idAt(s, Number(watermark) + 1 + n)));
  });

  it("refuses a post to a conversation it does not keep with 404 and runs no turn; once a poll has kept the conversation again the same post is answered", async () => {
    const s = await startConversation(server.url);
    await welcome(s);
    await say(s, "crm nedir");
    const { watermark } = await poll(s);

    await server.restart();
    // before the page's next poll: taken into a new log numbered from 0, it would never be seen
    const refused = await postMessage(s, "ces nedir");
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ error: { code: "NotFound" } });
    expect(await poll(s, watermark)).toEqual({ activities: [], watermark });
    expect((await postMessage(s, "ces nedir")).status).toBe(200);
    const after = await poll(s, watermark);
    expect(after.activities.map((a) => a.from.role)).toEqual(["user", "bot"]);
    expect(after.activities[0]?.text).toBe("ces nedir");
    expect(after.activities[1]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
  });
});

describe("the chat page's Direct Line client (public/direct-line.js) across a server restart (QA 47 bug 1)", () => {
  const server = new RestartableServer();
  const clients: PageClient[] = [];
  const client = async (): Promise<PageClient> => {
    const started = new PageClient(await pageSession(server.url), () => pageSession(server.url));
    clients.push(started);
    await waitFor(() => started.activities.length > 0, "the welcome");
    return started;
  };
  beforeEach(async () => server.start());
  afterEach(async () => {
    for (const c of clients.splice(0)) c.connection.end();
    await server.stop();
  });

  it("holds a message typed while the server is down, then delivers it into the same conversation, where the bot still waits for it, and shows the reply", async () => {
    const page = await client();
    const question = await page.post("nps nedir");
    const [answer] = await page.replies(question);
    const rated = await page.post(ratingButton(answer, "1"));
    expect((await page.replies(rated)).map((a) => a.text)).toContain(TEXTS.commentPrompt);
    const seen = page.activities.length;

    await server.stop();
    await waitFor(() => page.requests.some((r) => r.method === "GET" && r.status === 0), "a poll the stopped server did not answer");
    let delivered = "";
    const comment = page.post("hesaplama örneği eksik").then((id) => (delivered = id));
    // nothing was sent while no one could answer
    await waitFor(() => page.requests.filter((r) => r.method === "GET" && r.status === 0).length >= 2, "another unanswered poll");
    expect(delivered).toBe("");
    expect(page.requests.filter((r) => r.method === "POST" && r.status === 0)).toEqual([]);

    await server.start();
    await comment;
    expect((await page.replies(delivered)).map((a) => a.text)).toContain(TEXTS.commentThanks);
    const after = page.activities.slice(seen);
    expect(after[0]).toMatchObject({ id: delivered, text: "hesaplama örneği eksik", from: { role: "user" } });
    // one conversation, numbered on: every id after the last one seen before the restart
    const ids = page.activities.map((a) => a.id);
    expect(new Set(ids.map((id) => id.split("|")[0]))).toEqual(new Set([question.split("|")[0]]));
    expect([...ids].sort()).toEqual(ids);
    // Web Chat was never told the connection was lost (it would cancel the messages being sent)
    expect(page.statuses).toEqual([0, 1, 2]);
  });

  it("posts again a message refused because the server restarted between two polls, after a poll has kept the conversation", async () => {
    const page = await client();
    await page.replies(await page.post("crm nedir"));
    page.holdPolls();

    await server.restart();
    const id = page.post("ces nedir");
    await waitFor(() => page.requests.some((r) => r.method === "POST" && r.status === 404), "the refused post");
    page.releasePolls();
    const replies = await page.replies(await id);
    expect(replies[0]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
    expect(page.requests.filter((r) => r.method === "POST" && r.url.endsWith("/activities")).map((r) => r.status).slice(-2)).toEqual([404, 200]);
    // asked once: the refused post ran no turn
    expect(page.activities.filter((a) => a.text === "ces nedir")).toHaveLength(1);
  });

  it("posts again a message whose answer was lost after the server took it, with the same clientActivityID: the server answers it once, under its first id", async () => {
    const page = await client();
    page.loseNextPostAnswer();
    const id = await page.post("nps nedir");
    // the next message's replies come after everything before it
    await page.replies(await page.post("ces nedir"));
    expect(page.requests.filter((r) => r.method === "POST" && r.url.endsWith("/activities")).map((r) => r.status)).toEqual([0, 200, 200]);
    expect(page.activities.filter((a) => a.text === "nps nedir").map((a) => a.id)).toEqual([id]);
    const replies = page.activities.filter((a) => a.replyToId === id && a.from.role === "bot");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
  });

  it("starts a new conversation, with its welcome, when its token no longer opens the old one (another installation), and sends the waiting message there", async () => {
    const page = await client();
    await page.replies(await page.post("crm nedir"));
    const first = page.activities[0]?.conversation?.id;

    await server.stop();
    await server.start(tempDataDir());
    const id = await page.post("ces nedir");
    expect((await page.replies(id))[0]?.text?.endsWith(`_${TEXTS.ratePrompt}_`)).toBe(true);
    expect(id.startsWith(`${first ?? ""}|`)).toBe(false);
    await waitFor(() => page.activities.filter((a) => a.text?.includes("Merhaba, ben **Memnun**")).length === 2, "the new conversation's welcome");
    expect(new Set(page.activities.map((a) => a.conversation?.id)).size).toBe(2);
    expect(page.statuses).toEqual([0, 1, 2]);
  });
});
