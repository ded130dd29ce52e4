import { TEXTS } from "../conversation/texts";
import { fillTemplate } from "../knowledge/parse-case-texts";

/**
 * Stable codes of the server's refusals in the JSON APIs' shape (the case API, the dashboard's
 * report and recommendations, and every refusal made before a route ran or by restify, on any
 * path). Programs branch on `code`; pages show `message`, Turkish; `error` stays English, as in
 * the logs.
 */
export type ApiRefusalCode = keyof typeof TEXTS.apiErrors;

/** The body of every such refusal. */
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

/** The codes of refusals the server makes itself, on any path: before a route ran, or restify's. */
export type ServerRefusalCode = Extract<
  ApiRefusalCode,
  "bad-json" | "bad-request" | "too-large" | "unsupported-encoding" | "unsupported-media-type" | "unknown-endpoint" | "too-many-requests" | "internal"
>;

/**
 * The English `error` of each: the server's own words, never restify's message (which quotes the
 * client's body back, as `Invalid JSON: Unexpected token …`, or its path).
 */
const SERVER_ERRORS: Record<ServerRefusalCode, string> = {
  "bad-json": "request body is not valid JSON",
  "bad-request": "the request could not be read",
  "too-large": "request body is too large",
  "unsupported-encoding": "request bodies are read uncompressed; send it without Content-Encoding",
  "unsupported-media-type": "request bodies are read as JSON or a form; multipart bodies are not accepted",
  "unknown-endpoint": "no such endpoint or method",
  "too-many-requests": "Too many requests; slow down and retry later.",
  internal: "internal error",
};

/** A refusal the server makes itself, with its own English `error` for the code unless given one. */
export function serverRefusal(code: ServerRefusalCode, error: string = SERVER_ERRORS[code]): ApiRefusal {
  return apiRefusal(code, error);
}

/**
 * The code of an error restify raised (its body parser, its router) or a route passed on, by the
 * error's class and status: never its message.
 */
export function codeOfRestifyError(name: string, status: number): ServerRefusalCode {
  if (name === "InvalidContentError") return "bad-json";
  switch (status) {
    case 404:
    case 405:
      return "unknown-endpoint";
    case 413:
      return "too-large";
    case 415:
      return "unsupported-media-type";
    case 429:
      return "too-many-requests";
    default:
      return status >= 500 ? "internal" : "bad-request";
  }
}
