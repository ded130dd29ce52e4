import type { RunningApp } from "../../bot/index";
import { startTestApp } from "../helpers/app";

/** Customers as the reverse proxy in front names them in `X-Forwarded-For`. */
const AYSE = "203.0.113.7";
const MEHMET = "203.0.113.8";
const ZEYNEP = "2001:db8::42";

/**
 * One poll with `forwardedFor` as its `X-Forwarded-For` header: the poll limit is checked before
 * the token, so `401` (no valid token) means the client was within its limit, `429` that it was not.
 */
async function pollStatus(app: RunningApp, forwardedFor: string): Promise<number> {
  const response = await fetch(`${app.url}/v3/directline/conversations/c/activities`, { headers: { authorization: "Bearer x", "x-forwarded-for": forwardedFor } });
  await response.body?.cancel();
  return response.status;
}

/** One token request (a POST, so it also counts against the per-client request limit). */
async function tokenStatus(app: RunningApp, forwardedFor: string): Promise<number> {
  const response = await fetch(`${app.url}/api/directline/token`, { method: "POST", headers: { "x-forwarded-for": forwardedFor } });
  await response.body?.cancel();
  return response.status;
}

async function statuses(times: number, request: () => Promise<number>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < times; i += 1) result.push(await request());
  return result;
}

describe("behind a reverse proxy (TRUST_PROXY=true): every customer the proxy forwards has limits of their own", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ TRUST_PROXY: "true", RATE_LIMIT_POLL_PER_MINUTE: "3", RATE_LIMIT_CLIENT_PER_MINUTE: "3" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("counts polls per forwarded address (its last X-Forwarded-For entry), not per proxy", async () => {
    // all three come from the same socket peer (the proxy, here loopback), each within its limit
    for (const customer of [AYSE, MEHMET, ZEYNEP]) expect(await statuses(3, () => pollStatus(app, customer))).toEqual([401, 401, 401]);
    expect(await pollStatus(app, AYSE)).toBe(429);
    // what the client wrote before the proxy's own entry is not trusted: no escape from the limit
    expect(await pollStatus(app, `198.51.100.99, ${AYSE}`)).toBe(429);
    // a port some proxies add names the same client
    expect(await pollStatus(app, `${AYSE}:52344`)).toBe(429);
    expect(await pollStatus(app, `[${ZEYNEP}]:443`)).toBe(429);
    expect(await pollStatus(app, "198.51.100.1")).toBe(401);
  });

  it("counts the requests of the per-client limit (POST endpoints) per forwarded address too", async () => {
    expect(await statuses(3, () => tokenStatus(app, AYSE))).toEqual([200, 200, 200]);
    expect(await tokenStatus(app, AYSE)).toBe(429);
    expect(await tokenStatus(app, MEHMET)).toBe(200);
  });
});

describe("without TRUST_PROXY, X-Forwarded-For is ignored (any client can send it)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_POLL_PER_MINUTE: "3" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("counts every poll from one socket address together, whatever the header says", async () => {
    expect([await pollStatus(app, AYSE), await pollStatus(app, MEHMET), await pollStatus(app, ZEYNEP)]).toEqual([401, 401, 401]);
    expect(await pollStatus(app, "198.51.100.1")).toBe(429);
  });
});
