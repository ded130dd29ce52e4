import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { publicDir } from "../../bot/web/pages";
import type { PolledActivity } from "./direct-line";
import { waitFor } from "./wait";

/** Long enough that no request of these tests times out however loaded the machine (jest's own timeout ends a stuck test). */
const NO_REQUEST_TIMEOUT_MS = 60 * 60_000;

/** What the page's client offers Web Chat (bot/web/public/direct-line.js), as far as these tests use it. */
interface Observer<T> {
  next?: (value: T) => void;
  error?: (error: unknown) => void;
  complete?: () => void;
}
interface Subscribable<T> {
  subscribe(observer: Observer<T>): { unsubscribe(): void };
}
export interface PageConnection {
  readonly activity$: Subscribable<PolledActivity & { conversation?: { id: string } }>;
  readonly connectionStatus$: Subscribable<number>;
  postActivity(activity: Record<string, unknown>): Subscribable<string>;
  end(): void;
}
export interface PageSession {
  readonly domain: string;
  readonly token: string;
  readonly conversationId: string;
  readonly local?: boolean;
}
/** What the chat page gives its client from its settings (`chat-settings` in the page), beside the polling interval. */
export interface PageSettings {
  readonly maxBodyBytes?: number;
}
interface PageClientOptions extends PageSession, PageSettings {
  readonly pollingInterval: number;
  readonly renew: () => Promise<PageSession>;
  readonly requestTimeoutMs?: number;
}

const isPageSettings = (value: unknown): value is PageSettings & { pollingInterval: number } =>
  typeof value === "object" && value !== null && "pollingInterval" in value && typeof value.pollingInterval === "number";

/** The settings the chat page at `url` gives its client, read from the page itself. */
export async function pageSettings(url: string): Promise<PageSettings> {
  const html = await (await fetch(`${url}/`)).text();
  const json = /<script type="application\/json" id="chat-settings">([^<]*)<\/script>/.exec(html)?.[1];
  const settings: unknown = json === undefined ? undefined : JSON.parse(json);
  if (!isPageSettings(settings)) throw new Error(`no chat settings in the page: ${html.slice(0, 200)}`);
  return { maxBodyBytes: settings.maxBodyBytes };
}

const isPageSession = (value: unknown): value is PageSession =>
  typeof value === "object" && value !== null && "domain" in value && "token" in value && "conversationId" in value;

/** A new token and conversation from `url`, as the chat page asks for them. */
export async function pageSession(url: string): Promise<PageSession> {
  const response = await fetch(`${url}/api/directline/token`, { method: "POST" });
  const body: unknown = await response.json();
  if (!isPageSession(body)) throw new Error(`no session: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** How often the client polls in these tests: often, so that the tests wait less; the server's rate limit allows it. */
export const TEST_POLLING_MS = 100;

/**
 * The chat page's own Direct Line client, the very script the page loads, run as the browser
 * runs it (a `window`), with `fetch` seen by the test: every request and its status (0: no
 * answer), and polls held back while `polls` is closed.
 */
export class PageClient {
  readonly activities: Array<PolledActivity & { conversation?: { id: string } }> = [];
  readonly statuses: number[] = [];
  readonly requests: Array<{ method: string; url: string; status: number }> = [];
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => undefined;
  private loseAnswer = false;
  private posts = 0;
  readonly connection: PageConnection;

  constructor(session: PageSession, renew: () => Promise<PageSession>, settings: PageSettings = {}) {
    const window: { memnunDirectLine?: { create(options: PageClientOptions): PageConnection } } = {};
    const seen = async (input: string, init: RequestInit = {}): Promise<Response> => {
      const method = init.method ?? "GET";
      if (method === "GET") await this.gate;
      if (method === "POST" && input.endsWith("/activities") && this.loseAnswer) {
        this.loseAnswer = false;
        const response = await fetch(input, init);
        await response.arrayBuffer();
        this.requests.push({ method, url: input, status: 0 });
        throw new TypeError("fetch failed (the test lost the answer)");
      }
      try {
        const response = await fetch(input, init);
        this.requests.push({ method, url: input, status: response.status });
        return response;
      } catch (error) {
        this.requests.push({ method, url: input, status: 0 });
        throw error;
      }
    };
    runInNewContext(readFileSync(join(publicDir(), "direct-line.js"), "utf8"), { window, fetch: seen, AbortController, TextEncoder, setTimeout, clearTimeout, console });
    if (!window.memnunDirectLine) throw new Error("direct-line.js defined no memnunDirectLine");
    // a slow answer on a loaded machine is not a lost one: the lost answers these tests need are lost on purpose (`loseNextPostAnswer`)
    this.connection = window.memnunDirectLine.create({ ...session, ...settings, pollingInterval: TEST_POLLING_MS, renew, requestTimeoutMs: NO_REQUEST_TIMEOUT_MS });
    this.connection.connectionStatus$.subscribe({ next: (status) => this.statuses.push(status) });
    this.connection.activity$.subscribe({ next: (activity) => this.activities.push(activity) });
  }

  /** Polls wait (a restart between two polls) until `releasePolls`. */
  holdPolls(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  releasePolls(): void {
    this.openGate();
  }

  /** The next message reaches the server, but its answer is lost on the way back (the instance stopped, the network). */
  loseNextPostAnswer(): void {
    this.loseAnswer = true;
  }

  /** Sends a message as Web Chat does (named by a `clientActivityID` of its own); resolves with its id once the server has taken it. */
  post(text: string | { title: string; value: unknown }): Promise<string> {
    const fields = typeof text === "string" ? { text } : { text: text.title, value: text.value };
    this.posts += 1;
    const channelData = { clientActivityID: `page-${this.posts}-${Date.now()}` };
    return new Promise((resolve, reject) => {
      this.connection.postActivity({ type: "message", ...fields, channelData }).subscribe({ next: resolve, error: reject });
    });
  }

  /** The bot's replies to the message `id`, once there are any. */
  replies(id: string): Promise<PolledActivity[]> {
    return waitFor(() => {
      const found = this.activities.filter((a) => a.replyToId === id && a.from.role === "bot");
      return found.length > 0 ? found : null;
    }, `the replies to ${id}`);
  }
}
