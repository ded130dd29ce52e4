import { start, type RunningApp } from "../../bot/index";
import { createLogger } from "../../bot/logger";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalConnector, type SentActivity } from "./connector";

export const REPO_ROOT = join(__dirname, "..", "..");

/** Debian's chromium (never a downloaded browser); CHROMIUM_PATH chooses another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A new empty folder for one test's SQLite database. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "memnun-data-"));
}

/** Starts the real Memnun server on a free loopback port with a silent logger and its own data folder. */
export function startTestApp(env: Record<string, string | undefined> = {}, logger = createLogger("silent")): Promise<RunningApp> {
  return start(
    {
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      KNOWLEDGE_DIR: join(REPO_ROOT, "knowledge"),
      DATA_DIR: tempDataDir(),
      ...env,
    },
    { logger },
  );
}

let sequence = 0;

/** Builds an activity the way Bot Framework Emulator sends it. */
export function emulatorActivity(
  serviceUrl: string,
  conversationId: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  sequence += 1;
  return {
    type: "message",
    id: `act-${sequence}`,
    channelId: "emulator",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: "user-1", name: "Kullanıcı", role: "user" },
    recipient: { id: "bot-1", name: "Memnun", role: "bot" },
    conversation: { id: conversationId },
    locale: "tr-TR",
    ...fields,
  };
}

/** POSTs a JSON (or raw) body and returns the status and parsed body. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : raw,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body: parsed };
}

/**
 * Starts a real server and a local connector for the enclosing `describe` block and stops them
 * afterwards. Returns accessors, since both exist only once `beforeAll` has run.
 */
export function useRunningApp(env: Record<string, string | undefined> = {}): { app: () => RunningApp; connector: () => LocalConnector } {
  let app: RunningApp | undefined;
  let connector: LocalConnector | undefined;
  beforeAll(async () => {
    connector = await new LocalConnector().start();
    app = await startTestApp(env);
  });
  afterAll(async () => {
    await app?.close();
    await connector?.stop();
  });
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is not started yet (use it inside a test)`);
    return value;
  };
  return { app: () => need(app, "app"), connector: () => need(connector, "connector") };
}

/** A typed message, or a click on a button (its title and value). */
export type UserMessage = string | { title: string; value: unknown };

/**
 * Sends one user message or button click to `app` as the Emulator would, and returns the bot's
 * replies to it (the turn is over when the POST returns).
 */
export async function say(app: RunningApp, connector: LocalConnector, conversationId: string, message: UserMessage): Promise<SentActivity[]> {
  const before = connector.messages(conversationId).length;
  const fields = typeof message === "string" ? { text: message } : { text: message.title, value: message.value };
  const { status } = await post(`${app.url}/api/messages`, emulatorActivity(connector.url, conversationId, fields));
  expect(status).toBeLessThan(300);
  return connector.messages(conversationId).slice(before);
}

/** A dashboard token for tests that read the details of `/healthz`. */
export const TEST_DASHBOARD_TOKEN = "test-dashboard-token-0123456789";

/** `/healthz` as an operator sees it (with the dashboard token); the app must run with `TEST_DASHBOARD_TOKEN`. */
export async function healthDetails(url: string): Promise<unknown> {
  const response = await fetch(`${url}/healthz`, { headers: { authorization: `Bearer ${TEST_DASHBOARD_TOKEN}` } });
  return response.json();
}
