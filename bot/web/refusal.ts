import { TEXTS } from "../conversation/texts";
import { fillTemplate } from "../knowledge/parse-case-texts";
import { OPERATOR_API_PATH } from "../server/app";

/**
 * Stable codes of the operators' JSON APIs' refusals (the case API, the dashboard's report and
 * recommendations). Programs branch on `code`; pages show `message`, Turkish; `error` stays
 * English, as in the logs.
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

/** The code of a refusal made before an API's route ran, by its HTTP status. */
function codeOfStatus(status: number): ApiRefusalCode {
  switch (status) {
    // restify's body parser: the only 400 before a route
    case 400:
      return "bad-json";
    case 413:
      return "too-large";
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
 * The body of a refusal made on an operators' API path before its route ran (restify's: a body
 * that is no JSON, too large, a path or method there is none of; the server's rate limit), in
 * those APIs' shape; undefined on any other path, whose refusals keep their own form.
 */
export function operatorApiRefusal(path: string, status: number, error: string): ApiRefusal | undefined {
  return OPERATOR_API_PATH.test(path) ? apiRefusal(codeOfStatus(status), error) : undefined;
}
