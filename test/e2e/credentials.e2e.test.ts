import type { RunningApp } from "../../bot/index";
import { emulatorActivity, post, startTestApp } from "../helpers/app";

const APP_ID = "00000000-0000-0000-0000-000000000001";

/** A well-formed JWT that no Bot Framework key signed. */
function forgedJwt(kid: string): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return [
    part({ alg: "RS256", typ: "JWT", kid }),
    part({ iss: "https://api.botframework.com", aud: APP_ID, serviceurl: "http://127.0.0.1:9", nbf: now - 60, exp: now + 3600 }),
    Buffer.from("not-a-signature-but-long-enough-to-look-like-one").toString("base64url"),
  ].join(".");
}

describe("credential mode", () => {
  let app: RunningApp;
  const consoleErrors: unknown[] = [];
  let restore: () => void = () => undefined;
  beforeAll(async () => {
    app = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-a-real-secret", RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: "4" });
    const spy = jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      consoleErrors.push(args);
    });
    restore = () => spy.mockRestore();
  });
  afterAll(async () => {
    restore();
    await app.close();
  });

  it("answers a forged token with a plain 401: no SDK internals, no stack trace", async () => {
    const activity = emulatorActivity("http://127.0.0.1:9", "conv-forged", { text: "yardım" });
    const result = await post(`${app.url}/api/messages`, activity, { authorization: `Bearer ${forgedJwt("forged-key-1")}` });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: "unauthorized" });
    // the same forged token again is refused without asking the SDK
    const again = await post(`${app.url}/api/messages`, activity, { authorization: `Bearer ${forgedJwt("forged-key-1")}` });
    expect(again.status).toBe(401);
    expect(consoleErrors).toEqual([]);
  });

  it("refuses missing or malformed credentials before reading the body, and rate limits failing clients with 429", async () => {
    expect((await post(`${app.url}/api/messages`, "{not json", { authorization: "Basic abc" })).status).toBe(401);
    // the failure budget (4 a minute) is spent: 429 before the body is read, whatever it is
    const statuses: number[] = [];
    const activity = emulatorActivity("http://127.0.0.1:9", "conv-forged", { text: "yardım" });
    for (let i = 0; i < 3; i += 1) statuses.push((await post(`${app.url}/api/messages`, activity, { authorization: `Bearer ${forgedJwt(`k${i}`)}` })).status);
    expect(statuses).toContain(429);
    const limited = await post(`${app.url}/api/messages`, "{not json", { authorization: `Bearer ${forgedJwt("k-last")}` });
    expect(limited.status).toBe(429);
    expect(consoleErrors).toEqual([]);
  });
});
