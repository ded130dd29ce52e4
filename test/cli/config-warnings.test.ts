import { tempDataDir } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS, runProcess, startProcess } from "../helpers/cli";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/** What QA 48 appended to `.env`: misspelled settings, a stray variable, an app password. */
const MISSPELLED = {
  MicrosoftAppID: "11111111-2222-3333-4444-555555555555",
  MicrosoftAppPassword: "secretpw123",
  DASHBORD_TOKEN: "abcdefabcdefabcdef",
  PROT: "4451",
  FOO: "bar",
};

describe("variables that look like the bot's own but are not (QA 48 bug 4)", () => {
  it("check:config names each one with the variable it likely meant, loudest where the bot is left without authentication, and still passes", async () => {
    const run = await runProcess("npm", ["run", "--silent", "check:config"], { env: MISSPELLED });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("yapılandırma geçerli (bilgi klasörü: ./knowledge)\n");
    const lines = run.stderr.trim().split("\n");
    expect(lines).toEqual([
      "[config] UYARI: MicrosoftAppId boş olduğu için bot KİMLİK DOĞRULAMASI OLMADAN yerel kipte çalışacak; MicrosoftAppID yok sayılıyor: MicrosoftAppId mi demek istediniz? (büyük-küçük harf önemlidir)",
      "[config] UYARI: MicrosoftAppPassword verilmiş ama MicrosoftAppId boş: bot KİMLİK DOĞRULAMASI OLMADAN yerel kipte çalışacak, parola kullanılmayacak",
      "[config] uyarı: DASHBORD_TOKEN botun okuduğu bir değişken değil, yok sayılıyor; DASHBOARD_TOKEN mi demek istediniz?",
      "[config] uyarı: PROT botun okuduğu bir değişken değil, yok sayılıyor; PORT mi demek istediniz?",
    ]);
    expect(run.stderr).not.toMatch(/FOO|secretpw|abcdef/);
  });

  it("says nothing of the machine's own variables (the test process's whole environment, npm's)", async () => {
    const run = await runProcess("npm", ["run", "--silent", "check:config"], { env: { HOME: "/root", HOSTNAME: "memnun-1", NODE_ENV: "production", HTTP_PROXY: "", NO_PROXY: "localhost", LOGNAME: "memnun", DATABASE: "x" } });
    expect(run).toMatchObject({ code: 0, stderr: "" });
  });

  it("warns before an error a misspelling explains: MicrosoftAppPasword beside MicrosoftAppId", async () => {
    const run = await runProcess("npm", ["run", "--silent", "check:config"], { env: { MicrosoftAppId: "11111111-2222-3333-4444-555555555555", MicrosoftAppPasword: "secretpw123" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\[config\] uyarı: MicrosoftAppPasword botun okuduğu bir değişken değil, yok sayılıyor; MicrosoftAppPassword mi demek istediniz\?\n\[config\] ortam değişkenleri geçersiz[^\n]*\n\s+MicrosoftAppPassword: MicrosoftAppId verildiğinde zorunlu/);
  });

  it("the server logs the same warnings at start, in English, and starts in local mode", async () => {
    const started = await startProcess(process.execPath, ["--import", "tsx", "bot/index.ts"], { env: { ...MISSPELLED, PORT: "0", HOST: "127.0.0.1", DATA_DIR: tempDataDir() } });
    started.child.kill("SIGTERM");
    const done = await started.finished;
    const warnings = done.stdout
      .split("\n")
      .filter((line) => line.includes('"level":40') && line.includes("[config]"))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(warnings).toEqual([
      "[config] the bot runs in local mode WITHOUT AUTHENTICATION because MicrosoftAppId is empty; MicrosoftAppID is ignored: did you mean MicrosoftAppId? (names are case-sensitive)",
      "[config] MicrosoftAppPassword is set but MicrosoftAppId is empty: the bot runs in local mode WITHOUT AUTHENTICATION and the password is not used",
      "[config] DASHBORD_TOKEN is not a variable the bot reads and is ignored; did you mean DASHBOARD_TOKEN?",
      "[config] PROT is not a variable the bot reads and is ignored; did you mean PORT?",
    ]);
    expect(done.stdout).toMatch(/"localMode":true/);
    expect(done.stdout).not.toMatch(/secretpw|FOO/);
  });
});
