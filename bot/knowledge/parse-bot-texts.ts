import { parseTextsFile, type ParsedTexts, type TextsFileSpec } from "./parse-texts";

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
} satisfies Record<string, readonly string[]>);

export type BotTextKey = keyof typeof BOT_TEXT_KEYS;
export type BotTexts = Readonly<Record<BotTextKey, string>>;

const BOT_TEXTS_FILE: TextsFileSpec<BotTextKey> = Object.freeze({
  keys: BOT_TEXT_KEYS,
  example: "greeting: Merhaba! Size nasıl yardımcı olabilirim?",
});

/**
 * Parses `bot.yaml`: a YAML mapping of text keys to Turkish texts (see `parseTextsFile`). A file
 * with errors yields no texts; a key left out is a warning: its built-in text is used.
 */
export function parseBotTextsFile(rawInput: string, file: string): ParsedTexts<BotTextKey> {
  return parseTextsFile(rawInput, file, BOT_TEXTS_FILE);
}
