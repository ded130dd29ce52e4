import { ConfigError, configWarnings, loadConfig, POLL_ALLOWANCE, TOKEN_ALLOWANCE } from "../../bot/config";
import { DIRECT_LINE_TUNING } from "../../bot/web/direct-line";

describe("loadConfig", () => {
  it("shows the dashboard's times in Europe/Istanbul unless REPORT_TIMEZONE names another IANA zone", () => {
    expect(loadConfig({}).reportTimeZone).toBe("Europe/Istanbul");
    expect(loadConfig({ REPORT_TIMEZONE: "UTC" }).reportTimeZone).toBe("UTC");
    expect(() => loadConfig({ REPORT_TIMEZONE: "Mars/Olympus" })).toThrow(/REPORT_TIMEZONE: must be an IANA time zone/);
    // a container's TZ counts when REPORT_TIMEZONE is unset; a TZ that is no IANA zone is ignored
    expect(loadConfig({ TZ: "America/New_York" }).reportTimeZone).toBe("America/New_York");
    expect(loadConfig({ TZ: "America/New_York", REPORT_TIMEZONE: "Europe/Berlin" }).reportTimeZone).toBe("Europe/Berlin");
    expect(loadConfig({ TZ: ":/etc/localtime" }).reportTimeZone).toBe("Europe/Istanbul");
  });

  it("uses documented defaults for an empty environment (Emulator mode)", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      logLevel: "info",
      knowledgeDir: "./knowledge",
      dataDir: "./data",
      databaseUrl: undefined,
      appId: "",
      localMode: true,
      maxMessageLength: 2000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("allows one address by default the polls of many open chat tabs at the chat page's polling interval (QA: 3 tabs were refused)", () => {
    const pollsPerTabPerMinute = 60_000 / DIRECT_LINE_TUNING.POLL_INTERVAL_MS;
    expect(pollsPerTabPerMinute).toBeLessThanOrEqual(POLL_ALLOWANCE.POLLS_PER_TAB_PER_MINUTE);
    expect(POLL_ALLOWANCE.TABS_PER_ADDRESS).toBeGreaterThanOrEqual(20);
    expect(loadConfig({}).rateLimitPollPerMinute / pollsPerTabPerMinute).toBeGreaterThanOrEqual(POLL_ALLOWANCE.TABS_PER_ADDRESS);
  });

  it("lets as many tabs behind one address start a chat in a minute as its poll limit holds, each loading twice (QA 47 #10: the 31st was refused)", () => {
    const config = loadConfig({});
    expect(TOKEN_ALLOWANCE.PAGE_LOADS_PER_TAB_PER_MINUTE).toBeGreaterThanOrEqual(1);
    expect(config.rateLimitTokenPerMinute).toBeGreaterThanOrEqual(POLL_ALLOWANCE.TABS_PER_ADDRESS * TOKEN_ALLOWANCE.PAGE_LOADS_PER_TAB_PER_MINUTE);
    // a page load is a token and a conversation, two POSTs, within the per-address request limit
    expect(config.rateLimitClientPerMinute).toBeGreaterThanOrEqual(2 * config.rateLimitTokenPerMinute);
  });

  it("reads values from the environment", () => {
    const config = loadConfig({
      PORT: "4000",
      LOG_LEVEL: "debug",
      KNOWLEDGE_DIR: "/kb",
      MicrosoftAppId: "app",
      MicrosoftAppPassword: "secret",
      DATABASE_URL: "postgres://u@h/db",
    });
    expect(config.port).toBe(4000);
    expect(config.logLevel).toBe("debug");
    expect(config.knowledgeDir).toBe("/kb");
    expect(config.localMode).toBe(false);
    expect(config.databaseUrl).toBe("postgres://u@h/db");
  });

  it.each([["abc"], ["-1"], ["70000"], ["3.5"]])("rejects PORT=%s naming the variable", (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it.each([
    ["RATE_LIMIT_CLIENT_PER_MINUTE", "99999999", "from 1 to 1000000"],
    ["RATE_LIMIT_CLIENT_PER_MINUTE", "0", "from 1 to 1000000"],
    ["RATE_LIMIT_CONVERSATION_PER_MINUTE", "many", "from 1 to 100000"],
    ["MAX_MESSAGE_LENGTH", "100001", "from 1 to 100000"],
    ["MAX_MESSAGE_LENGTH", "1.5", "from 1 to 100000"],
    ["PORT", "70000", "from 0 to 65535"],
    ["PORT", "abc", "from 0 to 65535"],
  ])("rejects %s=%s naming the variable and the allowed range", (name, value, range) => {
    expect(() => loadConfig({ [name]: value })).toThrow(`[config] invalid environment:\n  ${name}: must be a whole number ${range}`);
  });

  it("names every invalid variable at once", () => {
    expect(() => loadConfig({ PORT: "-1", MAX_MESSAGE_LENGTH: "0" })).toThrow(/PORT: must be a whole number from 0 to 65535\n {2}MAX_MESSAGE_LENGTH: must be a whole number from 1 to 100000$/);
  });

  it("takes HOST as an IP address or a host name, refusing a mistyped address before the server tries to listen on it", () => {
    for (const host of ["0.0.0.0", "127.0.0.1", "::", "::1", "localhost", "bot.example.com", "memnun_bot"]) expect(loadConfig({ HOST: host }).host).toBe(host);
    for (const host of ["999.1.1.1", "10.0.0", "bad host", "http://localhost", "-x.example.com"]) {
      expect(() => loadConfig({ HOST: host })).toThrow(/HOST: must be an IP address \(127\.0\.0\.1, 0\.0\.0\.0, ::\) or a host name/);
    }
  });

  it("reads SERVICE_URL_ALLOW_LIST as loopback, host names and origins, naming an entry that is none of them", () => {
    expect(loadConfig({ SERVICE_URL_ALLOW_LIST: " loopback, emulator.example.com ,http://10.0.0.5:3978" }).serviceUrlAllowList).toEqual(["loopback", "emulator.example.com", "http://10.0.0.5:3978"]);
    expect(() => loadConfig({ SERVICE_URL_ALLOW_LIST: "loopback,http://[bad" })).toThrow(/SERVICE_URL_ALLOW_LIST: entry 2 \(http:\/\/\[bad\): must be loopback, a host name or an origin/);
    for (const entry of ["ftp://files.example.com", "http://example.com/v3/conversations", "http://user:pw@example.com", "999.1.1.1"]) {
      expect(() => loadConfig({ SERVICE_URL_ALLOW_LIST: entry })).toThrow(/SERVICE_URL_ALLOW_LIST: entry 1/);
    }
  });

  it("rejects an unknown LOG_LEVEL", () => {
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });

  it("requires a password when an app id is set", () => {
    expect(() => loadConfig({ MicrosoftAppId: "app" })).toThrow(/MicrosoftAppPassword/);
  });

  it("reads the Direct Line service's endpoint, refusing one the secret would reach in clear text", () => {
    expect(loadConfig({}).directLineDomain).toBe("https://directline.botframework.com/v3/directline");
    // a region's endpoint, as Azure names it in the bot's Direct Line channel
    expect(loadConfig({ DIRECT_LINE_DOMAIN: "https://europe.directline.botframework.com/v3/directline/" }).directLineDomain).toBe(
      "https://europe.directline.botframework.com/v3/directline",
    );
    expect(loadConfig({ DIRECT_LINE_DOMAIN: "http://127.0.0.1:8080/v3/directline" }).directLineDomain).toBe("http://127.0.0.1:8080/v3/directline");
    expect(loadConfig({ DIRECT_LINE_DOMAIN: "http://localhost:8080/v3/directline" }).directLineDomain).toBe("http://localhost:8080/v3/directline");
    for (const domain of ["http://directline.example.com/v3/directline", "ftp://127.0.0.1/x", "directline.botframework.com"]) {
      expect(() => loadConfig({ DIRECT_LINE_DOMAIN: domain })).toThrow(
        "[config] invalid environment:\n  DIRECT_LINE_DOMAIN: must be an https:// URL (http:// only for localhost, 127.0.0.1 or ::1)",
      );
    }
  });

  it("rejects a DATABASE_URL that is not PostgreSQL", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });

  it.each([
    ["REDIS_URL", "redis://:RdSECRET@[bad"],
    ["REDIS_URL", "redis://:RdSECRET@host:99999"],
    ["REDIS_URL", "rediss://:RdSECRET@host:port"],
    ["DATABASE_URL", "postgres://u:PgSECRET@host:notaport/db"],
    ["DATABASE_URL", "postgresql://u:Pg#SECRET@host/db"],
  ])("refuses a %s the driver could not read (%s), naming the variable and never the password (QA 48 bug 3)", (name, value) => {
    let message = "";
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      if (error instanceof ConfigError) message = error.message;
    }
    expect(message).toContain(`${name}: must be a URL such as`);
    expect(message).not.toMatch(/SECRET/);
  });

  it("takes the connection URLs the drivers read: a percent-encoded password, an IPv6 host, pg's URL without a host", () => {
    expect(loadConfig({ REDIS_URL: "rediss://:p%23w@[::1]:6380/1" }).redisUrl).toBe("rediss://:p%23w@[::1]:6380/1");
    for (const url of ["postgres://u:p%40ss@db.example:5432/memnun?sslmode=require", "postgresql://u:pw@/memnun", "postgres://u@h/db"]) expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it("reads REDIS_URL and its key prefix, refusing what is not Redis", () => {
    expect(loadConfig({})).toMatchObject({ redisUrl: undefined, redisKeyPrefix: "memnun:" });
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379/2", REDIS_KEY_PREFIX: "faq-a:" })).toMatchObject({ redisUrl: "redis://127.0.0.1:6379/2", redisKeyPrefix: "faq-a:" });
    expect(() => loadConfig({ REDIS_URL: "http://cache" })).toThrow("REDIS_URL: must start with redis:// or rediss://");
    expect(() => loadConfig({ REDIS_KEY_PREFIX: "a b" })).toThrow(/REDIS_KEY_PREFIX: must be 1 to 64/);
  });

  describe("configWarnings (QA 48 bug 4)", () => {
    it("takes a name equal but for case, or one edit from a known name of 4 or more characters, or two from one of 8 or more, for a misspelling of it", () => {
      expect(configWarnings({ log_level: "debug", PROT: "1", DATA_DIRS: "x", MICROSOFT_APP_ID: "x", RATE_LIMIT_CLIENTS_PER_MINUTE: "5", OPERATOR_TOKEN: "a:b" })).toEqual([
        { kind: "unauthenticated-near-miss", name: "MICROSOFT_APP_ID", known: "MicrosoftAppId" },
        { kind: "near-miss", name: "DATA_DIRS", known: "DATA_DIR" },
        { kind: "near-miss", name: "OPERATOR_TOKEN", known: "OPERATOR_TOKENS" },
        { kind: "near-miss", name: "PROT", known: "PORT" },
        { kind: "near-miss", name: "RATE_LIMIT_CLIENTS_PER_MINUTE", known: "RATE_LIMIT_CLIENT_PER_MINUTE" },
        { kind: "near-miss", name: "log_level", known: "LOG_LEVEL" },
      ]);
    });

    it("says a misspelled app setting leaves the bot without authentication only while MicrosoftAppId is empty", () => {
      expect(configWarnings({ MicrosoftAppID: "id" })).toEqual([{ kind: "unauthenticated-near-miss", name: "MicrosoftAppID", known: "MicrosoftAppId" }]);
      expect(configWarnings({ MicrosoftAppId: "id", MicrosoftAppPasword: "pw" })).toEqual([{ kind: "near-miss", name: "MicrosoftAppPasword", known: "MicrosoftAppPassword" }]);
      expect(configWarnings({ MicrosoftAppPassword: "pw" })).toEqual([{ kind: "password-without-app-id" }]);
      expect(configWarnings({ MicrosoftAppId: "id", MicrosoftAppPassword: "pw" })).toEqual([]);
    });

    it("leaves the machine's own variables, the bot's own names and empty values alone", () => {
      expect(configWarnings({ HOME: "/root", HOSTNAME: "h", PATH: "/bin", USER: "u", LANG: "C", TERM: "xterm", PWD: "/", NODE: "node", NO_PROXY: "x", HTTP_PROXY: "x", TEST_REDIS_URL: "redis://x", npm_config_port: "1", TZ: "UTC", PORT: "1", DASHBORD_TOKEN: "" })).toEqual([]);
    });
  });
});
