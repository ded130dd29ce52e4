import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { RunningApp } from "../../bot/index";
import { TEXTS } from "../../bot/conversation/texts";
import type { ServerRefusalCode } from "../../bot/server/refusal";
import { startTestApp } from "../helpers/app";
import { capturingLogger } from "../helpers/log";

/** What a client's body held: it must never come back in a refusal or reach the logs. */
const MARKER = "SECRET-abcdef";

interface Malformed {
  readonly name: string;
  /** The request, for an endpoint reached with `method` (the route's own method, or another). */
  readonly request: (method: string) => RequestInit;
  /** Whether it is sent with the route's own method (else with one the route does not answer). */
  readonly ownMethod: boolean;
  readonly status: number;
  readonly code: ServerRefusalCode;
}

const BOUNDARY = "memnunboundary";

/** Malformed input, each refused before any route runs (or by restify's router), in the JSON APIs' shape. */
const BODY_INPUTS: readonly Malformed[] = [
  { name: "a body that is no JSON", ownMethod: true, status: 400, code: "bad-json", request: (method) => ({ method, headers: { "content-type": "application/json" }, body: `userToken=${MARKER}` }) },
  { name: "HTML as JSON", ownMethod: true, status: 400, code: "bad-json", request: (method) => ({ method, headers: { "content-type": "application/json" }, body: `<script>alert("${MARKER}")</script>` }) },
  { name: "a body over 256 KB", ownMethod: true, status: 413, code: "too-large", request: (method) => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify({ text: MARKER.repeat(30_000) }) }) },
  { name: "a gzip body", ownMethod: true, status: 415, code: "unsupported-encoding", request: (method) => ({ method, headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: gzipSync(JSON.stringify({ text: MARKER })) }) },
  {
    name: "a multipart body with a file",
    ownMethod: true,
    status: 415,
    code: "unsupported-media-type",
    request: (method) => ({
      method,
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${MARKER.repeat(1000)}\r\n--${BOUNDARY}--\r\n`,
    }),
  },
];

/** A method the route does not answer, with a body that is no JSON: refused as no such method, the body unread. */
const WRONG_METHOD: Malformed = { name: "a method the endpoint does not answer", ownMethod: false, status: 405, code: "unknown-endpoint", request: (method) => ({ method, headers: { "content-type": "application/json" }, body: `{${MARKER}` }) };

/** A concrete path for a route's pattern. */
const concrete = (path: string): string => path.replace(/:reference/, "MMN-ABC123").replace(/:\w+/g, "conv-1");

/** A method each route does not answer. */
const otherMethod = (method: string): string => (method === "GET" || method === "HEAD" ? "DELETE" : "PUT");

interface Refused {
  status: number;
  type: string | null;
  text: string;
}

async function send(url: string, init: RequestInit): Promise<Refused> {
  const response = await fetch(url, init);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

/** Files formidable wrote into the temporary folder holding the marker (restify's multipart parser). */
function uploadsWithMarker(): string[] {
  return readdirSync(tmpdir())
    .filter((name) => name.startsWith("upload_"))
    .filter((name) => {
      try {
        return readFileSync(join(tmpdir(), name), "utf8").includes(MARKER);
      } catch {
        return false;
      }
    });
}

describe("every refusal on every endpoint is in the JSON APIs' shape, in Turkish, and never quotes the request (QA 48 bug 2)", () => {
  let app: RunningApp;
  const log = capturingLogger("debug");
  beforeAll(async () => {
    // the client limit counts every POST: this test sends a few hundred
    app = await startTestApp({ RATE_LIMIT_CLIENT_PER_MINUTE: "100000", RATE_LIMIT_TOKEN_PER_MINUTE: "100000" }, log.logger);
  });
  afterAll(async () => {
    await app.close();
  });

  it("covers the server's routes: every endpoint is in the table below", () => {
    const paths = new Set(app.routes.map((route) => route.path));
    for (const path of ["/api/messages", "/api/directline/token", "/v3/directline/conversations", "/v3/directline/conversations/:conversationId/activities", "/dashboard/logout", "/healthz", "/", "/api/cases/:reference", "/api/report"]) {
      expect([path, paths.has(path)]).toEqual([path, true]);
    }
  });

  it("refuses malformed input on every endpoint, each as {error, code, message}, with nothing of the body or restify's words", async () => {
    const failures: string[] = [];
    let checked = 0;
    const check = async (method: string, path: string, input: Malformed): Promise<void> => {
      checked += 1;
      const sentWith = input.ownMethod ? method : otherMethod(method);
      const url = `${app.url}${concrete(path)}`;
      const got = await send(url, input.request(sentWith));
      const where = `${sentWith} ${path} with ${input.name}`;
      let body: unknown;
      try {
        body = JSON.parse(got.text);
      } catch {
        body = got.text;
      }
      const expected = { error: expect.stringMatching(/^[A-Za-z][A-Za-z ;.()-]+$/), code: input.code, message: TEXTS.apiErrors[input.code] };
      if (got.status !== input.status || !/^application\/json/.test(got.type ?? "") || !matches(body, expected)) failures.push(`${where}: ${got.status} ${got.type ?? ""} ${got.text.slice(0, 200)}`);
      if (/SECRET|script|InvalidContent|PayloadTooLarge|MethodNotAllowed|ResourceNotFound|is not allowed|does not exist|Invalid JSON|exceeds/.test(got.text)) failures.push(`${where} quoted: ${got.text.slice(0, 200)}`);
    };
    for (const route of app.routes) {
      // a body is read on POST only (restify leaves it unread on GET and HEAD)
      const inputs = route.method === "POST" ? BODY_INPUTS : [];
      for (const input of [...inputs, WRONG_METHOD]) await check(route.method, route.path, input);
    }
    expect(failures).toEqual([]);
    // every route once with a method it does not answer, and every POST route with every malformed body; the
    // POST endpoints listed in the test above are among them
    const posts = app.routes.filter((route) => route.method === "POST").length;
    expect(posts).toBeGreaterThanOrEqual(5);
    expect(checked).toBe(app.routes.length + BODY_INPUTS.length * posts);
    expect(uploadsWithMarker()).toEqual([]);
  }, 120_000);

  it.each(["/nope", "/api/nope", "/v3/directline/nope", "/dashboard/nope/x", "/%E0%A4%A", "/..%2f..%2fetc%2fpasswd"])("refuses the unknown path %s the same way, for any method and body", async (path) => {
    for (const init of [{ method: "GET" }, WRONG_METHOD.request("POST"), BODY_INPUTS[2]?.request("POST") ?? {}]) {
      const got = await send(`${app.url}${path}`, init);
      expect([init.method, got.status, JSON.parse(got.text)]).toEqual([init.method, 404, { error: "no such endpoint or method", code: "unknown-endpoint", message: TEXTS.apiErrors["unknown-endpoint"] }]);
      expect(got.text).not.toMatch(/nope|etc|does not exist|SECRET/);
    }
  });

  it("logs none of what the bodies held, only restify's error class", () => {
    const text = log.text();
    expect(text).toMatch(/InvalidContentError/);
    expect(text).not.toMatch(/SECRET|Unexpected token|Invalid JSON|script/);
  });
});

/** Whether `actual` matches `expected` as jest's `toEqual` would (asymmetric matchers included). */
function matches(actual: unknown, expected: unknown): boolean {
  try {
    expect(actual).toEqual(expected);
    return true;
  } catch {
    return false;
  }
}
