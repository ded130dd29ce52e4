import { Client } from "pg";
import { TEXTS } from "../../bot/conversation/texts";
import type { RunningApp } from "../../bot/index";
import { fillTemplate } from "../../bot/knowledge/parse-case-texts";
import { emulatorActivity, post, say, startTestApp } from "../helpers/app";
import { LocalConnector, type SentActivity } from "../helpers/connector";
import { poll, postMessage, say as sayDirect, startConversation, waitForReply, type PolledActivity } from "../helpers/direct-line";
import { describePostgres, dropSchema, freshPostgresSchema } from "../helpers/postgres";
import { waitFor } from "../helpers/wait";

const T = TEXTS.cases;
const OPERATOR = "double-click-operator-token-0123456789";
/** The same installation secret on both instances (button signatures). */
const SECRET = "double-click-test-installation-secret-0123456789";

type Click = { title: string; value: unknown };

function pick(reply: { suggestedActions?: { actions: Array<{ title: string; value?: unknown }> } } | undefined, prefix: string): Click {
  const found = reply?.suggestedActions?.actions.find((a) => a.title.startsWith(prefix));
  if (!found) throw new Error(`no "${prefix}…" button in ${JSON.stringify(reply)}`);
  return { title: found.title, value: found.value };
}

/** Sends the same click to each app at once (one app twice: a double click on one instance). */
async function clickTogether(apps: readonly RunningApp[], connector: LocalConnector, conversation: string, click: Click): Promise<SentActivity[]> {
  const before = connector.messages(conversation).length;
  const fields = { text: click.title, value: click.value };
  const statuses = await Promise.all(apps.map((app) => post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversation, fields)).then((r) => r.status)));
  expect(statuses.every((status) => status < 300)).toBe(true);
  return connector.messages(conversation).slice(before);
}

/** A low rating with a comment, on `app`: the case offer. */
async function offered(app: RunningApp, connector: LocalConnector, conversation: string): Promise<SentActivity | undefined> {
  const [answer] = await say(app, connector, conversation, "csat nedir");
  await say(app, connector, conversation, pick(answer, TEXTS.ratingLabels[0]));
  const replies = await say(app, connector, conversation, "hesaplama yanlış anlatılmış");
  expect(replies.map((m) => m.text)).toEqual([TEXTS.commentThanks, T.offerRating]);
  return replies[1];
}

/** Two answers rated 5 and a third asked, on `app`: the third answer (its rating brings NPS). */
async function thirdAnswer(app: RunningApp, connector: LocalConnector, conversation: string): Promise<SentActivity | undefined> {
  for (const question of ["crm nedir", "nps nedir"]) {
    const [answer] = await say(app, connector, conversation, question);
    await say(app, connector, conversation, pick(answer, TEXTS.ratingLabels[4]));
  }
  const [third] = await say(app, connector, conversation, "ces nedir");
  return third;
}

const texts = (messages: readonly SentActivity[]): Array<string | undefined> => messages.map((m) => m.text);

describe("a double click over real HTTP, one instance", () => {
  let app: RunningApp;
  let connector: LocalConnector;
  beforeAll(async () => {
    connector = await new LocalConnector().start();
    app = await startTestApp({ OPERATOR_TOKENS: `Ops:${OPERATOR}`, INSTALLATION_SECRET: SECRET });
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  it("'Şikayet kaydı aç' clicked twice at once (/api/messages) opens one case; the second click names it", async () => {
    const conversation = "double-case";
    const offer = await offered(app, connector, conversation);
    const replies = await clickTogether([app, app], connector, conversation, pick(offer, T.acceptButton));
    const response = await fetch(`${app.url}/api/cases`, { headers: { authorization: `Bearer ${OPERATOR}` } });
    const { cases } = (await response.json()) as { cases: Array<{ reference: string }> };
    expect(cases).toHaveLength(1);
    const reference = cases[0]?.reference ?? "";
    expect(texts(replies)).toEqual([fillTemplate(T.created, { reference, hours: 48 }), T.consentQuestion, fillTemplate(T.alreadyOpened, { reference })]);
  });

  it("a rating clicked twice at once (Direct Line) is thanked once and brings one NPS question, whose score is taken", async () => {
    const s = await startConversation(app.url);
    await waitFor(async () => ((await poll(s)).activities.length > 0 ? true : null), "the welcome");
    for (const question of ["crm nedir", "nps nedir"]) {
      const [answer] = await sayDirect(s, question);
      await sayDirect(s, pick(answer, TEXTS.ratingLabels[4]));
    }
    const [third] = await sayDirect(s, "ces nedir");
    const five = pick(third, TEXTS.ratingLabels[4]);
    const posted = await Promise.all([postMessage(s, five), postMessage(s, five)]);
    const ids = posted.map(({ status, body }) => {
      expect(status).toBe(200);
      return typeof body === "object" && body !== null && "id" in body ? String(body.id) : "";
    });
    const repliesTo = async (id: string): Promise<PolledActivity[]> => (await waitForReply(s, id)).filter((a) => a.replyToId === id && a.from.role === "bot");
    const [first, second] = await Promise.all(ids.map(repliesTo));
    const all = [...(first ?? []), ...(second ?? [])];
    expect(all.map((a) => a.text).sort()).toEqual([TEXTS.alreadyRated, TEXTS.npsQuestion, TEXTS.ratingThanks].sort());
    const nps = all.find((a) => a.text === TEXTS.npsQuestion);
    expect((await sayDirect(s, pick(nps, "8"))).map((a) => a.text)).toEqual([TEXTS.cesQuestion]);
    // the transcript holds each reply once, after the message it answers
    const transcript = (await poll(s)).activities;
    expect(transcript.filter((a) => a.text === TEXTS.npsQuestion)).toHaveLength(1);
    expect(transcript.some((a) => a.text === TEXTS.invalidFeedback)).toBe(false);
  });
});

describePostgres("a double click whose clicks reach two instances on one PostgreSQL", () => {
  let schema = "";
  let databaseUrl = "";
  let apps: RunningApp[] = [];
  let connector: LocalConnector;
  beforeAll(async () => {
    ({ url: databaseUrl, schema } = await freshPostgresSchema());
    connector = await new LocalConnector().start();
    const env = { DATABASE_URL: databaseUrl, INSTALLATION_SECRET: SECRET, REDIS_URL: "" };
    // one after the other: the first runs the migrations
    apps = [await startTestApp(env)];
    apps.push(await startTestApp(env));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await connector.stop();
    await dropSchema(schema);
  });

  async function rows(query: string): Promise<Array<Record<string, unknown>>> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(query)).rows;
    } finally {
      await client.end();
    }
  }

  it("opens one case per double-clicked offer, and each conversation is told its reference once more at most", async () => {
    const [a] = apps;
    if (!a) throw new Error("no instance");
    const conversations = ["pg-case-1", "pg-case-2", "pg-case-3"];
    const offers = await Promise.all(conversations.map((c) => offered(a, connector, c)));
    const replies = await Promise.all(conversations.map((c, i) => clickTogether(apps, connector, c, pick(offers[i], T.acceptButton))));
    const cases = await rows("select reference, conversation from cases");
    expect(cases).toHaveLength(conversations.length);
    for (const answered of replies) {
      const reference = cases.map((row) => String(row.reference)).find((r) => answered.some((m) => m.text?.includes(r)));
      if (!reference) throw new Error(`no reference in ${JSON.stringify(texts(answered))}`);
      expect(texts(answered).sort()).toEqual([fillTemplate(T.created, { reference, hours: 48 }), T.consentQuestion, fillTemplate(T.alreadyOpened, { reference })].sort());
    }
  });

  it("asks NPS once when a rating is double-clicked across the instances, and its score is taken (no 'forged' refusal)", async () => {
    const [a, b] = apps;
    if (!a || !b) throw new Error("no instances");
    const conversations = ["pg-nps-1", "pg-nps-2", "pg-nps-3"];
    const thirds = await Promise.all(conversations.map((c) => thirdAnswer(a, connector, c)));
    const replies = await Promise.all(conversations.map((c, i) => clickTogether(apps, connector, c, pick(thirds[i], TEXTS.ratingLabels[4]))));
    for (const [i, answered] of replies.entries()) {
      expect(texts(answered).sort()).toEqual([TEXTS.alreadyRated, TEXTS.npsQuestion, TEXTS.ratingThanks].sort());
      const nps = answered.find((m) => m.text === TEXTS.npsQuestion);
      // the score reaches the other instance than the one that asked, for one of them
      expect(texts(await say(i % 2 === 0 ? b : a, connector, conversations[i] ?? "", pick(nps, "8")))).toEqual([TEXTS.cesQuestion]);
    }
    await waitFor(async () => ((await rows("select id from surveys where kind = 'nps'")).length === conversations.length ? true : null), "the NPS answers stored");
  });
});
