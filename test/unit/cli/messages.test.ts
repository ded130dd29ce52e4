import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../../../bot/cli/main";
import { ConfigError, loadConfig } from "../../../bot/config";
import * as messages from "../../../bot/cli/messages";

/**
 * The commands speak Turkish: every text of bot/cli/messages.ts (functions called with sample
 * values), and parseArgs' English mistakes said again in Turkish.
 */

/** English words none of the texts may use as words of their own (quoted parts, options and names aside). */
const ENGLISH =
  /(?<![\p{L}\p{N}-])(usage|missing|unknown|invalid|must|empty|expected|unexpected|cannot|found|not|error|skipped|nothing|apply|added|written|entries|questions?|answers?|ratings?|comments?|cases?|opened|resolved|overdue|file|folder|the|of|in|is|are|and|or|no|none|to|from|with)(?![\p{L}\p{N}-])/iu;

/** A text without what it quotes, its options (`--since`), upper-case names (KNOWLEDGE_DIR), commands and paths. */
function ownWords(text: string): string {
  return text
    .replace(/(?<=\S)'\p{L}+/gu, " ") // Turkish suffixes: KNOWLEDGE_DIR'in, .env'i
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, " ")
    .replace(/--?[\w-]+/g, " ")
    .replace(/\b[A-Z][A-Z_]+\b/g, " ")
    .replace(/npm run [\w:-]+/g, " ")
    .replace(/<[^>]*>|\[[^\]]*\b(id|N|AD|YYYY-AA-GG)\b[^\]]*\]/g, " ")
    .replace(/\b(MicrosoftAppId|Microsoft Entra|Teams|Memnun|GUID|CSAT|NPS|CES|ISO|JSON|Markdown|https|entries|unanswered|comments|trend|weeks|channels|cases)\b/g, " ")
    .replace(/\S*[/.]\S*/g, " ");
}

/** Every text of a messages section, functions called with sample arguments. */
function texts(value: unknown): string[] {
  if (typeof value === "string") return [value];
  // one-item lists stand in for every parameter: they join, map and print like the text they hold
  if (typeof value === "function") return texts(Reflect.apply(value, undefined, [["x"], ["y"], ["z"], ["w"]]));
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(texts);
  return [];
}

describe("CLI messages", () => {
  it.each(Object.entries(messages).filter(([name]) => name !== "trNumber" && name !== "configIssue"))("%s is Turkish", (_name, section) => {
    const all = texts(section);
    expect(all.length).toBeGreaterThan(0);
    const english = all.map((text) => ({ text, english: ENGLISH.exec(ownWords(text))?.[0] ?? null })).filter((found) => found.english !== null);
    expect(english).toEqual([]);
  });

  it("starts every usage with 'kullanım:'", () => {
    const usages = [messages.ASK.usage, messages.KB_CHECK.usage, messages.KB_RECOMMEND.usage(3), messages.KB_IMPORT.usage, messages.KB_EXPORT.usage, messages.CHECK_CONFIG.usage, messages.TEAMS_PACKAGE.usage("x.zip", 32, 2048), messages.REPORT.usage(["entries"])];
    for (const usage of usages) expect(usage).toMatch(/^kullanım: npm run /);
  });

  it("says parseArgs' mistakes again in Turkish", () => {
    const mistake = (args: string[], options: ParseArgsConfig["options"] = {}): string => {
      try {
        parseArgs({ args, options, strict: true });
      } catch (error) {
        return UsageError.from(error).message;
      }
      return "";
    };
    expect(mistake(["--colour"])).toBe("bilinmeyen seçenek '--colour'");
    expect(mistake(["--since"], { since: { type: "string" } })).toBe("'--since' seçeneği bir değer ister");
    expect(mistake(["--json=1"], { json: { type: "boolean" } })).toBe("'--json' seçeneği değer almaz");
    expect(mistake(["fazla"])).toBe("beklenmeyen argüman 'fazla': bu komut argüman almaz");
  });

  it("says every configuration rule the environment can break in Turkish, naming the variable", () => {
    const broken: Array<Record<string, string>> = [
      { PORT: "abc" }, { DATABASE_URL: "mysql://x" }, { REDIS_URL: "http://x" }, { REDIS_KEY_PREFIX: "a b" }, { INSTALLATION_SECRET: "kısa" },
      { TRUST_PROXY: "maybe" }, { REPORT_TIMEZONE: "Mars/Olympus" }, { DASHBOARD_TOKEN: "kısa" }, { ALERT_WEBHOOK_URL: "ftp://x" },
      { ALERT_WEBHOOK_URL: "https://user:secret@hooks.example.com/x" }, { DIRECT_LINE_DOMAIN: "http://directline.example.com/v3/directline" },
      { ALERT_WEBHOOK_FORMAT: "xml" }, { MicrosoftAppType: "Other" }, { LOG_LEVEL: "loud" }, { MicrosoftAppId: "id" },
      { MicrosoftAppId: "id", MicrosoftAppPassword: "p", MicrosoftAppType: "SingleTenant" },
      { OPERATOR_TOKENS: "ayse" }, { OPERATOR_TOKENS: "ay$e:0123456789abcdef" }, { OPERATOR_TOKENS: "ayse:kısa" },
      { OPERATOR_TOKENS: "ayse:0123456789abcdef,ayse:fedcba9876543210" }, { OPERATOR_TOKENS: "ayse:0123456789abcdef,ali:0123456789abcdef" },
      { OPERATOR_TOKENS: "Dashboard:0123456789abcdef" }, { DASHBOARD_TOKEN: "0123456789abcdef", OPERATOR_TOKENS: "ayse:0123456789abcdef" },
      { HOST: "999.1.1.1" }, { SERVICE_URL_ALLOW_LIST: "loopback,http://[bad" },
      { REDIS_URL: "redis://:pw@[bad" }, { DATABASE_URL: "postgres://u:pw@host:notaport/db" },
    ];
    for (const env of broken) {
      let issues: readonly string[] = [];
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) issues = error.issues;
      }
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        const turkish = messages.configIssue(issue);
        expect(turkish.startsWith(issue.split(":")[0] ?? "")).toBe(true);
        expect({ issue, english: ENGLISH.exec(ownWords(turkish))?.[0] ?? null }).toEqual({ issue, english: null });
        expect(turkish).not.toMatch(/\bentry\b/);
      }
    }
  });

  it("writes numbers the Turkish way", () => {
    expect([messages.trNumber(45.5, true), messages.trNumber(3.09), messages.trNumber(null), messages.trNumber(1234.5)]).toEqual(["%45,5", "3,09", "–", "1.234,5"]);
  });
});
