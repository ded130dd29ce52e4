import { tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, runProcess } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/**
 * `npm start` as a user runs it: the configuration is checked before the (incremental) build,
 * so a mistake is reported at once and nothing is built or started.
 */
describe("npm start", () => {
  it("refuses an invalid PORT before building, naming the variable and its range", async () => {
    const run = await runProcess("npm", ["start", "--silent"], { env: { PORT: "abc" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\[config\] ortam değişkenleri geçersiz[^\n]*\n\s+PORT: 0 ile 65535 arasında bir tam sayı olmalı/);
    expect(run.stdout).not.toMatch(/tsc/);
  });

  it("refuses a KNOWLEDGE_DIR that is not a folder", async () => {
    const run = await runProcess("npm", ["start", "--silent"], { env: { KNOWLEDGE_DIR: "/no/such/knowledge" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("[config] KNOWLEDGE_DIR: böyle bir klasör yok: /no/such/knowledge");
  });

  it("check:config refuses a webhook URL with a user and password, in Turkish, without repeating the URL", async () => {
    const run = await runProcess("npm", ["run", "--silent", "check:config"], {
      env: { ALERT_WEBHOOK_URL: "http://user:pw-SECRETX@127.0.0.1:4402/webhookb2/SECRET123?sig=SECRETSIG" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\[config\] ortam değişkenleri geçersiz[^\n]*\n\s+ALERT_WEBHOOK_URL: kullanıcı adı ya da parola içermemeli \(kullanıcı:parola@\)/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/SECRET/);
  });

  it("check:config refuses an operator named as the audit log's own actors, or holding DASHBOARD_TOKEN's token, saying why in Turkish", async () => {
    const named = await runProcess("npm", ["run", "--silent", "check:config"], { env: { OPERATOR_TOKENS: "Mehmet:mehmet-token-1234567890,dashboard:other-token-1234567890" } });
    expect(named.code).toBe(1);
    expect(named.stderr).toContain("OPERATOR_TOKENS: 2. öğe: dashboard adı ayrılmış (dashboard, customer, system: değişiklik kaydı");
    const shared = await runProcess("npm", ["run", "--silent", "check:config"], {
      env: { DASHBOARD_TOKEN: "dash-token-abcdefghijklmnop", OPERATOR_TOKENS: "Mehmet:dash-token-abcdefghijklmnop" },
    });
    expect(shared.code).toBe(1);
    expect(shared.stderr).toContain("OPERATOR_TOKENS: Mehmet adlı operatörün token'ı DASHBOARD_TOKEN ile aynı");
    expect(shared.stderr).not.toContain("dash-token-abcdefghijklmnop");
  });

  it.each([
    ["REDIS_URL", "redis://:RdSECRET@[bad", "redis://host:6379"],
    ["DATABASE_URL", "postgres://u:PgSECRET@host:notaport/db", "postgres://user:password@host:5432/database"],
  ])("refuses a %s no driver can read, in check:config, npm start and the server itself, naming the variable, never the password (QA 48 bug 3)", async (name, value, example) => {
    const env = { [name]: value, DATA_DIR: tempDataDir() };
    const turkish = new RegExp(`\\[config\\] ortam değişkenleri geçersiz[^\\n]*\\n\\s+${name}: ${example.replace(/[/.]/g, "\\$&")} gibi bir adres olmalı; verilen değer adres olarak okunamıyor`);
    for (const run of [await runProcess("npm", ["run", "--silent", "check:config"], { env }), await runProcess("npm", ["start", "--silent"], { env })]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(turkish);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/SECRET|Invalid URL/);
    }
    // the server run without `npm start` (node dist/bot/index.js) checks the same, in English
    const server = await runProcess(process.execPath, ["--import", "tsx", "bot/index.ts"], { env: { ...env, PORT: "0" } });
    expect(server.code).toBe(1);
    expect(server.stderr).toContain(`${name}: must be a URL such as ${example}; this one cannot be read as a URL`);
    expect(`${server.stdout}${server.stderr}`).not.toMatch(/SECRET|Invalid URL/);
  });

  it("check:config passes the shipped defaults and says so in one Turkish line", async () => {
    const run = await runProcess("npm", ["run", "--silent", "check:config"]);
    expect(run).toMatchObject({ code: 0, stdout: "yapılandırma geçerli (bilgi klasörü: ./knowledge)\n", stderr: "" });
  });
});
