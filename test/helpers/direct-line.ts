import { waitFor } from "./wait";

/** What `POST /api/directline/token` gives the chat page. */
export interface DirectLineSession {
  readonly token: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly domain: string;
}

/** An activity as a poll returns it (the fields tests read). */
export interface PolledActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  suggestedActions?: { actions: Array<{ title: string; value: unknown }> };
}

export interface ActivitySet {
  activities: PolledActivity[];
  watermark: string;
}

const isSession = (value: unknown): value is DirectLineSession =>
  typeof value === "object" && value !== null && "token" in value && "conversationId" in value && "domain" in value && "userId" in value;
const isActivitySet = (value: unknown): value is ActivitySet =>
  typeof value === "object" && value !== null && "activities" in value && Array.isArray(value.activities) && "watermark" in value;

const headers = (s: DirectLineSession): Record<string, string> => ({ authorization: `Bearer ${s.token}`, "content-type": "application/json" });

/** A token from `baseUrl`, and the conversation started with it (as Web Chat does). */
export async function startConversation(baseUrl: string): Promise<DirectLineSession> {
  const response = await fetch(`${baseUrl}/api/directline/token`, { method: "POST" });
  const body: unknown = await response.json();
  if (!isSession(body)) throw new Error(`no Direct Line session: ${response.status} ${JSON.stringify(body)}`);
  const started = await fetch(`${body.domain}/conversations`, { method: "POST", headers: headers(body) });
  if (started.status !== 201) throw new Error(`conversation not started: ${started.status} ${await started.text()}`);
  return body;
}

/** Posts a user message (or a button click: its title and value); returns the status and body. */
export async function postMessage(s: DirectLineSession, message: string | { title: string; value: unknown }): Promise<{ status: number; body: unknown }> {
  const fields = typeof message === "string" ? { text: message } : { text: message.title, value: message.value };
  return postActivity(s, { type: "message", ...fields });
}

/** Posts an activity as the user (Web Chat's: with `channelData.clientActivityID`); returns the status and body. */
export async function postActivity(s: DirectLineSession, activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${s.domain}/conversations/${s.conversationId}/activities`, {
    method: "POST",
    headers: headers(s),
    body: JSON.stringify({ from: { id: s.userId }, ...activity }),
  });
  return { status: response.status, body: await response.json() };
}

/** One poll: the activities after `watermark` (all without one). */
export async function poll(s: DirectLineSession, watermark?: string): Promise<ActivitySet> {
  const response = await fetch(`${s.domain}/conversations/${s.conversationId}/activities${watermark === undefined ? "" : `?watermark=${watermark}`}`, { headers: headers(s) });
  const body: unknown = await response.json();
  if (response.status !== 200 || !isActivitySet(body)) throw new Error(`poll failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Polls until the bot has replied to the activity `replyTo` (by id), and returns all activities so far. */
export async function waitForReply(s: DirectLineSession, replyTo: string): Promise<PolledActivity[]> {
  return waitFor(async () => {
    const { activities } = await poll(s);
    return activities.some((a) => a.replyToId === replyTo && a.from.role === "bot") ? activities : null;
  }, `a reply to ${replyTo}`);
}

/** Sends a message and waits for the bot's replies to it; returns them. */
export async function say(s: DirectLineSession, message: string | { title: string; value: unknown }): Promise<PolledActivity[]> {
  const { status, body } = await postMessage(s, message);
  if (status !== 200 || typeof body !== "object" || body === null || !("id" in body) || typeof body.id !== "string") {
    throw new Error(`post failed: ${status} ${JSON.stringify(body)}`);
  }
  const id = body.id;
  const all = await waitForReply(s, id);
  return all.filter((a) => a.replyToId === id && a.from.role === "bot");
}
