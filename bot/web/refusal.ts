import { TEXTS } from "../conversation/texts";
import { fillTemplate } from "../knowledge/parse-case-texts";
import { BOT_ENDPOINT_PATH, OPERATOR_API_PATH } from "../server/app";

/**
 * Stable codes of the JSON APIs' refusals (the case API, the dashboard's report and
 * recommendations, and the bot endpoint's refusals before its route). Programs branch on `code`;
 * pages show `message`, Turkish; `error` stays English, as in the logs.
 */
export type ApiRefusalCode = keyof typeof TEXTS.apiErrors;

/** The body of every refusal of those APIs. */
export interface ApiRefusal {
  readonly error: string;
  readonly code: ApiRefusalCode;
  readonly message: string;
}

/** A refusal: `code`'s Turkish message with its placeholders filled, beside the English `error`. */
export function apiRefusal(code: ApiRefusalCode, error: string, fill: { reference?: string; problems?: string } = {}): ApiRefusal {
  const message = fillTemplate(TEXTS.apiErrors[code], { reference: fill.reference ?? "", problems: fill.problems ?? "" });
  return { error, code, message };
}

/** The codes of refusals made before an API's route ran. */
type BeforeRouteCode = Extract<ApiRefusalCode, "bad-json" | "too-large" | "unsupported-encoding" | "unknown-endpoint" | "too-many-requests" | "internal">;

/** The code of a refusal made before an API's route ran, by its HTTP status. */
function codeOfStatus(status: number): BeforeRouteCode {
  switch (status) {
    // restify's body parser: the only 400 before a route
    case 400:
      return "bad-json";
    case 413:
      return "too-large";
    // a compressed body (`isPlainBody`)
    case 415:
      return "unsupported-encoding";
    case 404:
    case 405:
      return "unknown-endpoint";
    case 429:
      return "too-many-requests";
    default:
      return "internal";
  }
}

/**
 * The English `error` of a refusal made before a route ran, by its code: ours, not restify's
 * message (which quotes the client's body back, as `Invalid JSON: Unexpected token …`); restify's
 * reason stays in the log.
 */
const ERROR_BEFORE_ROUTE: Record<BeforeRouteCode, string> = {
  "bad-json": "request body is not valid JSON",
  "too-large": "request body is too large",
  "unsupported-encoding": "request bodies are read uncompressed; send it without Content-Encoding",
  "unknown-endpoint": "no such endpoint or method",
  "too-many-requests": "Too many requests; slow down and retry later.",
  internal: "internal error",
};

/**
 * The body of a refusal made on a JSON API's path before its route ran (restify's: a body that
 * is no JSON, too large, a path or method there is none of; the server's rate limit), in those
 * APIs' shape: the operators' APIs and the bot endpoint (`/api/messages`). `error` is the
 * server's own English when it gives one, else the code's (`ERROR_BEFORE_ROUTE`). Undefined on any
 * other path, whose refusals keep their own form.
 */
export function jsonApiRefusal(path: string, status: number, error?: string): ApiRefusal | undefined {
  if (!OPERATOR_API_PATH.test(path) && path !== BOT_ENDPOINT_PATH) return undefined;
  const code = codeOfStatus(status);
  return apiRefusal(code, error ?? ERROR_BEFORE_ROUTE[code]);
}
