import { BOT_TEXTS } from "./messages";
import { parseTextsFile, type ParsedTexts, type TextLimit, type TextsFileSpec } from "./parse-texts";

/** The file name editors give the bot's own conversation texts (`knowledge/bot.yaml`). */
export function isBotTextsFile(name: string): boolean {
  return /^bot\.ya?ml$/i.test(name);
}

/**
 * The texts in which the bot presents itself, which name what it answers about: they belong to
 * the knowledge's owners, not to the code (its built-in texts name no topic). None takes a
 * placeholder: the welcome's example question and help line are added by the bot.
 */
export const BOT_TEXT_KEYS = Object.freeze({
  /** The start of the welcome a customer gets on joining: who the bot is and what it answers. */
  welcome: [],
  /** The reply to "merhaba" and other greetings. */
  greeting: [],
  /** The chat page's title (the browser tab, bookmarks). */
  pageTitle: [],
  /** The chat page's heading, above the conversation. */
  pageHeading: [],
  /** The chat page's line under its heading: what to ask about. */
  pageIntro: [],
  /** The Teams app's name where space is short (its chat header), manifest `name.short`. */
  teamsShortName: [],
  /** The Teams app's name in the app catalogue and on its details page, manifest `name.full`. */
  teamsFullName: [],
  /** The Teams app's one-line description, manifest `description.short`. */
  teamsShortDescription: [],
  /** The Teams app's description on its details page, manifest `description.full`. */
  teamsFullDescription: [],
} satisfies Record<string, readonly string[]>);

export type BotTextKey = keyof typeof BOT_TEXT_KEYS;
export type BotTexts = Readonly<Record<BotTextKey, string>>;

const teams = (max: number): TextLimit => ({ max, why: BOT_TEXTS.teamsLimit });

/**
 * The Teams app manifest schema's limits (v1.17: `name.short` 30, `name.full` 100,
 * `description.short` 80, `description.full` 4000): a longer text would make the package that
 * `teams:package` writes fail when an administrator uploads it.
 */
export const TEAMS_TEXT_LIMITS = Object.freeze({
  teamsShortName: teams(30),
  teamsFullName: teams(100),
  teamsShortDescription: teams(80),
  teamsFullDescription: teams(4000),
} satisfies Partial<Record<BotTextKey, TextLimit>>);

const BOT_TEXTS_FILE: TextsFileSpec<BotTextKey> = Object.freeze({
  keys: BOT_TEXT_KEYS,
  maxLengths: TEAMS_TEXT_LIMITS,
  example: "greeting: Merhaba! Size nasıl yardımcı olabilirim?",
});

/**
 * Parses `bot.yaml`: a YAML mapping of text keys to Turkish texts (see `parseTextsFile`). A file
 * with errors yields no texts; a key left out is a warning: its built-in text is used.
 */
export function parseBotTextsFile(rawInput: string, file: string): ParsedTexts<BotTextKey> {
  return parseTextsFile(rawInput, file, BOT_TEXTS_FILE);
}
