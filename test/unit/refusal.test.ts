import { TEXTS } from "../../bot/conversation/texts";
import { isMultipart } from "../../bot/server/app";
import { apiRefusal, codeOfRestifyError, serverRefusal } from "../../bot/server/refusal";

describe("the server's refusals in the JSON APIs' shape", () => {
  it("fill the code's Turkish message beside the English error", () => {
    expect(apiRefusal("not-found", "no case MMN-ABC", { reference: "MMN-ABC" })).toEqual({ error: "no case MMN-ABC", code: "not-found", message: "MMN-ABC numaralı bir vaka yok." });
  });

  it.each([
    ["InvalidContentError", 400, "bad-json"],
    ["BadRequestError", 400, "bad-request"],
    ["BadDigestError", 400, "bad-request"],
    ["PayloadTooLargeError", 413, "too-large"],
    ["RequestEntityTooLargeError", 413, "too-large"],
    ["UnsupportedMediaTypeError", 415, "unsupported-media-type"],
    ["ResourceNotFoundError", 404, "unknown-endpoint"],
    ["MethodNotAllowedError", 405, "unknown-endpoint"],
    ["TooManyRequestsError", 429, "too-many-requests"],
    ["InternalError", 500, "internal"],
    ["Error", 502, "internal"],
  ] as const)("restify's %s (%i) is %s, answered with the server's own English and the code's Turkish message", (name, status, code) => {
    expect(codeOfRestifyError(name, status)).toBe(code);
    expect(serverRefusal(code)).toEqual({ error: expect.stringMatching(/^[A-Za-z][A-Za-z ;.()-]+$/), code, message: TEXTS.apiErrors[code] });
  });

  it("keeps an English error the server gives", () => {
    expect(serverRefusal("too-many-requests", "why")).toEqual({ error: "why", code: "too-many-requests", message: TEXTS.apiErrors["too-many-requests"] });
  });

  it("takes a multipart body for one by its content type, whatever its case or parameters", () => {
    for (const type of ["multipart/form-data; boundary=x", "Multipart/Mixed", " multipart/related"]) expect([type, isMultipart(type)]).toEqual([type, true]);
    for (const type of [undefined, "application/json", "application/x-www-form-urlencoded", "text/plain; a=multipart/x"]) expect([type, isMultipart(type)]).toEqual([type, false]);
  });
});
