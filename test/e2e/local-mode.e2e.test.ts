import { loadConfig } from "../../bot/config";
import type { RunningApp } from "../../bot/index";
import { isAllowedServiceUrl } from "../../bot/server/activity-guard";
import { emulatorActivity, post, startTestApp } from "../helpers/app";
import { LocalConnector } from "../helpers/connector";

describe("local mode is safe by default", () => {
  it("listens on loopback unless HOST is set", () => {
    expect(loadConfig({}).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(loadConfig({}).serviceUrlAllowList).toEqual(["loopback"]);
  });

  it("allows loopback service URLs by default, and what the list names", () => {
    const loopback = ["loopback"];
    expect(isAllowedServiceUrl("http://127.0.0.1:3978/", loopback)).toBe(true);
    expect(isAllowedServiceUrl("http://localhost:9000", loopback)).toBe(true);
    expect(isAllowedServiceUrl("http://[::1]:9000/x", loopback)).toBe(true);
    expect(isAllowedServiceUrl("http://169.254.169.254/latest/meta-data", loopback)).toBe(false);
    expect(isAllowedServiceUrl("http://10.0.0.7:8080", loopback)).toBe(false);
    expect(isAllowedServiceUrl("http://127.0.0.1.evil.example", loopback)).toBe(false);
    expect(isAllowedServiceUrl("http://user:pw@127.0.0.1", loopback)).toBe(false);
    expect(isAllowedServiceUrl("http://emulator.lan:5000/", ["emulator.lan"])).toBe(true);
    expect(isAllowedServiceUrl("http://emulator.lan:5000/", ["http://emulator.lan:5001"])).toBe(false);
    expect(isAllowedServiceUrl("http://emulator.lan:5001/v3", ["http://emulator.lan:5001"])).toBe(true);
  });

  describe("the running server", () => {
    let app: RunningApp;
    let connector: LocalConnector;
    beforeAll(async () => {
      connector = await new LocalConnector().start();
      app = await startTestApp();
    });
    afterAll(async () => {
      await app.close();
      await connector.stop();
    });

    it("replies to a loopback serviceUrl", async () => {
      const { status } = await post(`${app.url}/api/messages`, emulatorActivity(connector.url, "ok", { text: "crm nedir" }));
      expect(status).toBeLessThan(300);
      expect(connector.messages("ok").length).toBeGreaterThan(0);
    });

    it("refuses with 403 an activity whose serviceUrl is not on the allow-list, and posts nothing", async () => {
      const before = connector.received.length;
      for (const serviceUrl of ["http://169.254.169.254/", "http://internal.example:8080/", "http://10.1.2.3:5432/"]) {
        const { status, body } = await post(`${app.url}/api/messages`, emulatorActivity(serviceUrl, "ssrf", { text: "crm nedir" }));
        expect(status).toBe(403);
        expect(JSON.stringify(body)).toMatch(/SERVICE_URL_ALLOW_LIST/);
      }
      expect(connector.received.length).toBe(before);
    });
  });
});
