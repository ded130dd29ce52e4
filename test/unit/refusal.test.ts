import { TEXTS } from "../../bot/conversation/texts";
import { apiRefusal, jsonApiRefusal } from "../../bot/web/refusal";

describe("refusals of the operators' JSON APIs", () => {
  it("fill the code's Turkish message beside the English error", () => {
    expect(apiRefusal("not-found", "no case MMN-ABC", { reference: "MMN-ABC" })).toEqual({ error: "no case MMN-ABC", code: "not-found", message: "MMN-ABC numaralı bir vaka yok." });
  });

  it.each([
    [400, "bad-json"],
    [413, "too-large"],
    [415, "unsupported-encoding"],
    [404, "unknown-endpoint"],
    [405, "unknown-endpoint"],
    [429, "too-many-requests"],
    [500, "internal"],
    [502, "internal"],
  ] as const)("made before a route ran: %i is %s", (status, code) => {
    expect(jsonApiRefusal("/api/cases/MMN-ABC", status, "why")).toEqual({ error: "why", code, message: TEXTS.apiErrors[code] });
    // restify's own message is never passed: the error is the server's English for the code
    expect(jsonApiRefusal("/api/messages", status)).toEqual({ error: expect.stringMatching(/^[A-Za-z][A-Za-z ;.-]+$/), code, message: TEXTS.apiErrors[code] });
  });

  it("apply to every path of those APIs and to the bot endpoint, and to no other", () => {
    for (const path of ["/api/messages", "/api/report", "/api/report.csv", "/api/recommendations", "/api/recommendations.csv", "/api/cases", "/api/cases/MMN-ABC/x", "/api/case-report"]) {
      expect([path, jsonApiRefusal(path, 400, "x")?.code]).toEqual([path, "bad-json"]);
    }
    for (const path of ["/api/messages/x", "/api/directline/token", "/v3/directline/conversations", "/api/reports", "/healthz", "/"]) {
      expect([path, jsonApiRefusal(path, 400, "x")]).toEqual([path, undefined]);
    }
  });
});
