import { TEXTS } from "../../bot/conversation/texts";
import { poll, postMessage, say, startConversation, type DirectLineSession, type PolledActivity } from "../helpers/direct-line";
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
