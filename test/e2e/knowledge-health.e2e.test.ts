import { join } from "node:path";
import type { RunningApp } from "../../bot/index";
import { REPO_ROOT, startTestApp, TEST_DASHBOARD_TOKEN } from "../helpers/app";

interface KnowledgeHealth {
  status: string;
  knowledge: { entries: number; brokenFiles: Array<{ file: string; serving: string; errors: Array<{ line: number; message: string }> }> };
}

describe("/healthz with a broken knowledge file", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ KNOWLEDGE_DIR: join(REPO_ROOT, "test", "fixtures", "knowledge-isolation"), DASHBOARD_TOKEN: TEST_DASHBOARD_TOKEN });
  });
  afterAll(() => app.close());

  it("serves the valid files, is degraded, and names the broken file and line", async () => {
    // the file names are details for an operator: they need the dashboard token
    const response = await fetch(`${app.url}/healthz`, { headers: { authorization: `Bearer ${TEST_DASHBOARD_TOKEN}` } });
    expect(response.status).toBe(200);
    const health = (await response.json()) as KnowledgeHealth;
    expect(health.status).toBe("degraded");
    expect(health.knowledge.entries).toBe(4);
    expect(health.knowledge.brokenFiles).toEqual([
      { file: expect.stringMatching(/knowledge-isolation\/bozuk\.md$/), serving: "nothing", errors: [{ line: 3, message: expect.stringMatching(/^YAML okunamadı: /) }] },
    ]);
    const anonymous = await fetch(`${app.url}/healthz`);
    expect(await anonymous.json()).toEqual({ status: "degraded" });
  });
});
