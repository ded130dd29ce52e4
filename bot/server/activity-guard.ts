import { z } from "zod";

/** Largest request body accepted on any endpoint; larger bodies get 413 before parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

const httpUrl = z
  .string({ error: "must be an http(s) URL" })
  .min(1)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http(s) URL");

/**
 * The minimum an incoming activity needs before the adapter may touch it: without a type,
 * a conversation or a service URL the SDK would either fail late with a 500 or try to reply
 * to nowhere, so such requests are turned away with a 400 first.
 */
const activitySchema = z.looseObject({
  type: z.string({ error: "must be a non-empty string" }).trim().min(1, "must be a non-empty string"),
  conversation: z.looseObject(
    { id: z.string({ error: "must be a non-empty string" }).min(1, "must be a non-empty string") },
    { error: "must be an object with an id" },
  ),
  serviceUrl: httpUrl,
});

export type GuardResult = { ok: true } | { ok: false; message: string };

/** Checks the shape of an incoming activity body. Pure: no I/O. */
export function checkActivity(body: unknown): GuardResult {
  if (body === undefined || body === null || (typeof body === "string" && body.trim() === "")) {
    return { ok: false, message: "request body is empty; expected a JSON activity" };
  }
  if (typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, message: "request body must be a JSON object (an activity)" };
  }
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first?.path.join(".") ?? "";
    return { ok: false, message: `invalid activity: ${path || "body"} ${first?.message ?? "is invalid"}`.trim() };
  }
  return { ok: true };
}

/** Whether a host name is this machine: `localhost`, 127.0.0.0/8 or ::1. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Whether replies may be posted to `serviceUrl` (local mode): its host is loopback and the list
 * holds `loopback`, or its host name or origin is on the list. Pure: no DNS lookup.
 */
export function isAllowedServiceUrl(serviceUrl: string, allowList: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username !== "" || url.password !== "") return false;
  return allowList.some((entry) => {
    if (entry === "loopback") return isLoopback(url.hostname);
    if (entry.includes("://")) {
      try {
        return new URL(entry).origin === url.origin;
      } catch {
        return false;
      }
    }
    return entry.toLowerCase() === url.hostname.toLowerCase();
  });
}
