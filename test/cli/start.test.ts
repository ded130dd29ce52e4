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

  it("check:config passes the shipped defaults and says so in one Turkish line", async () => {
    const run = await runProcess("npm", ["run", "--silent", "check:config"]);
    expect(run).toMatchObject({ code: 0, stdout: "yapılandırma geçerli (bilgi klasörü: ./knowledge)\n", stderr: "" });
  });
});
