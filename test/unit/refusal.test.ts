import { TEXTS } from "../../bot/conversation/texts";
import { apiRefusal, operatorApiRefusal } from "../../bot/web/refusal";

describe("refusals of the operators' JSON APIs", () => {
  it("fill the code's Turkish message beside the English error", () => {
    expect(apiRefusal("not-found", "no case MMN-ABC", { reference: "MMN-ABC" })).toEqual({ error: "no case MMN-ABC", code: "not-found", message: "MMN-ABC numaralı bir vaka yok." });
  });

  it.each([
    [400, "bad-json"],
    [413, "too-large"],
    [404, "unknown-endpoint"],
    [405, "unknown-endpoint"],
    [429, "too-many-requests"],
    [500, "internal"],
    [502, "internal"],
  ] as const)("made before a route ran: %i is %s", (status, code) => {
    expect(operatorApiRefusal("/api/cases/MMN-ABC", status, "why")).toEqual({ error: "why", code, message: TEXTS.apiErrors[code] });
  });

  it("apply to every path of those APIs, and to no other", () => {
    for (const path of ["/api/report", "/api/report.csv", "/api/recommendations", "/api/recommendations.csv", "/api/cases", "/api/cases/MMN-ABC/x", "/api/case-report"]) {
      expect([path, operatorApiRefusal(path, 400, "x")?.code]).toEqual([path, "bad-json"]);
    }
    for (const path of ["/api/messages", "/api/directline/token", "/v3/directline/conversations", "/api/reports", "/healthz", "/"]) {
      expect([path, operatorApiRefusal(path, 400, "x")]).toEqual([path, undefined]);
    }
  });
});
