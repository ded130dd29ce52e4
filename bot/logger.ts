import { createHmac, randomBytes } from "node:crypto";
import pino, { type Logger } from "pino";

export type { Logger };

/** Query parameters whose value is a secret (the dashboard's `?token=`, signatures, keys…). */
const SECRET_PARAMETER = /token|secret|password|passwd|key|sig|code|auth|session|cookie/i;

/** A URL (or path with a query) with the value of every secret-looking query parameter replaced. */
export function redactQuery(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is redacted by its raw form
      }
      return eq >= 0 && SECRET_PARAMETER.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join("&");
  return `${url.slice(0, at)}?${query}`;
}

/** Key of this process's log pseudonyms: they link log lines of one run, and nothing else. */
const LOG_PSEUDONYM_KEY = randomBytes(32);
/** Hex characters kept of a log pseudonym; 12 tell thousands of conversations apart. */
const LOG_PSEUDONYM_CHARS = 12;

/** A conversation (or user) id as it may appear in a log: a keyed hash, stable within this process. */
export function logPseudonym(id: unknown): string {
  return `~${createHmac("sha256", LOG_PSEUDONYM_KEY).update(String(id)).digest("hex").slice(0, LOG_PSEUDONYM_CHARS)}`;
}

/** What a log line keeps of an HTTP request: never its headers (Authorization, Cookie) or a secret in its query. */
function serializeRequest(req: unknown): unknown {
  if (typeof req !== "object" || req === null) return req;
  const method = "method" in req && typeof req.method === "string" ? req.method : undefined;
  const url = "url" in req && typeof req.url === "string" ? redactQuery(req.url) : undefined;
  return { method, url };
}

/**
 * Creates the process logger. Secrets never reach the log: app passwords, tokens and
 * authorization headers are redacted wherever they appear, secret query parameters are
 * redacted in every `url` and `req`, and conversation ids are pseudonymised.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: "memnun" },
    serializers: {
      err: pino.stdSerializers.err,
      req: serializeRequest,
      // a response's headers may carry a cookie: only its status is logged
      res: (res: unknown) => (typeof res === "object" && res !== null && "statusCode" in res ? { statusCode: res.statusCode } : res),
      url: (url: unknown) => (typeof url === "string" ? redactQuery(url) : url),
      conversationId: logPseudonym,
      conversation: (conversation: unknown) =>
        typeof conversation === "object" && conversation !== null && "id" in conversation ? { id: logPseudonym(conversation.id) } : logPseudonym(conversation),
    },
    redact: {
      paths: [
        "appPassword",
        "*.appPassword",
        "headers.authorization",
        "*.headers.authorization",
        "headers.cookie",
        "*.headers.cookie",
        "token",
        "*.token",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
