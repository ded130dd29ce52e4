import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { zipSync } from "fflate";
import { loadConfig } from "../config";
import { botTexts, TEXTS } from "../conversation/texts";
import { loadKnowledge } from "../knowledge/loader";
import { displayPath } from "../knowledge/display-path";
import { CHECK } from "../knowledge/messages";
import { isBotTextsFile, TEAMS_TEXT_LIMITS, type BotTexts } from "../knowledge/parse-bot-texts";
import { formatIssue, type KnowledgeIssue } from "../knowledge/types";
import { VERSION } from "../version";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runMain, UsageError, type Write } from "./main";
import { TEAMS_PACKAGE } from "./messages";

/** Teams app manifest schema this package follows. */
export const MANIFEST_VERSION = "1.17";
/** The Teams accent colour behind the outline icon (the colour icon's background). */
const ACCENT_COLOR = "#5B5FC7";
/** The icons shipped in `bot/teams/` (read from the sources, also when run from `dist/`): 192×192 in colour, 32×32 white outline. */
const ICON_DIR = [join(__dirname, "..", "teams"), join(__dirname, "..", "..", "..", "bot", "teams")].find((dir) => existsSync(join(dir, "color.png"))) ?? join(__dirname, "..", "teams");
const DEFAULT_OUT = "dist/memnun-teams.zip";

/**
 * The Teams app manifest schema's limits (v1.17) on what the command line gives: `developer.name`
 * at most 32 characters (and required: Teams shows it as the app's publisher), the developer's
 * URLs at most 2048 (the schema's `httpsUrl`). A longer value makes the package fail when an
 * administrator uploads it.
 */
export const MANIFEST_LIMITS = Object.freeze({ DEVELOPER_NAME: 32, URL: 2048 });

const USAGE = TEAMS_PACKAGE.usage(DEFAULT_OUT, MANIFEST_LIMITS.DEVELOPER_NAME, MANIFEST_LIMITS.URL);

/** A GUID, the shape of a Microsoft Entra app id (Teams requires it as the bot and app id). */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What Teams shows of the app: its names and descriptions, which say what the bot answers about. */
export type TeamsAppTexts = Pick<BotTexts, TeamsTextKey>;
type TeamsTextKey = keyof typeof TEAMS_TEXT_LIMITS;
const TEAMS_TEXT_KEYS = Object.keys(TEAMS_TEXT_LIMITS).filter((key): key is TeamsTextKey => Object.hasOwn(TEAMS_TEXT_LIMITS, key));

export interface ManifestOptions {
  readonly appId: string;
  /** The editors' names and descriptions (`bot.yaml`), or the built-in ones. */
  readonly texts: TeamsAppTexts;
  readonly version: string;
  readonly developer: string;
  readonly websiteUrl: string;
  readonly privacyUrl: string;
  readonly termsOfUseUrl: string;
}

/**
 * The Teams app manifest. Personal scope only: ratings, comments and surveys belong to one
 * person's conversation, and a team channel's conversation is shared by everyone in it.
 */
export function teamsManifest(options: ManifestOptions): Record<string, unknown> {
  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId,
    developer: {
      name: options.developer,
      websiteUrl: options.websiteUrl,
      privacyUrl: options.privacyUrl,
      termsOfUseUrl: options.termsOfUseUrl,
    },
    name: { short: options.texts.teamsShortName, full: options.texts.teamsFullName },
    description: { short: options.texts.teamsShortDescription, full: options.texts.teamsFullDescription },
    icons: { color: "color.png", outline: "outline.png" },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: options.appId,
        scopes: ["personal"],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ["personal"], commands: [{ title: TEXTS.teams.helpCommand, description: TEXTS.teams.helpDescription }] }],
      },
    ],
    permissions: ["identity", "messageTeamMembers"],
    validDomains: [],
  };
}

const isHttpsUrl = (value: string): boolean => {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
};

/** Characters as Teams counts them (code points, as `bot.yaml`'s limits are counted). */
const characters = (value: string): number => [...value].length;

/** The developer's URLs by the option that gives them. */
type UrlOption = "website" | "privacy" | "terms";

/**
 * What is wrong with the manifest fields the command line gives, each problem naming its option
 * (`TEAMS_PACKAGE`'s Turkish); none when the manifest will pass the schema's limits.
 */
function optionProblems(values: { readonly website?: string; readonly privacy?: string; readonly terms?: string; readonly developer?: string; readonly out: string }): string[] {
  const problems: string[] = [];
  const urls: ReadonlyArray<readonly [UrlOption, string | undefined]> = [
    ["website", values.website],
    ["privacy", values.privacy],
    ["terms", values.terms],
  ];
  for (const [option, value] of urls) {
    if (value === undefined) {
      if (option === "website") problems.push(TEAMS_PACKAGE.websiteMissing);
    } else if (!isHttpsUrl(value)) problems.push(TEAMS_PACKAGE.httpsUrl(option, value));
    else if (characters(value) > MANIFEST_LIMITS.URL) problems.push(TEAMS_PACKAGE.tooLong(option, MANIFEST_LIMITS.URL, characters(value)));
  }
  if (values.developer !== undefined) {
    if (values.developer.trim() === "") problems.push(TEAMS_PACKAGE.developerEmpty);
    else if (characters(values.developer) > MANIFEST_LIMITS.DEVELOPER_NAME) problems.push(TEAMS_PACKAGE.tooLong("developer", MANIFEST_LIMITS.DEVELOPER_NAME, characters(values.developer)));
  }
  if (values.out.trim() === "") problems.push(TEAMS_PACKAGE.outEmpty);
  return problems;
}

/** The app's texts as the knowledge folder holds them now, and the files they came from. */
interface KnowledgeTexts {
  readonly texts: TeamsAppTexts;
  /** The `bot.yaml` files that gave at least one of the texts, in path order. */
  readonly files: readonly string[];
  /** The keys no `bot.yaml` gives: their built-in texts are used. */
  readonly builtIn: readonly TeamsTextKey[];
}

/**
 * Reads the app's names and descriptions from the knowledge folder's `bot.yaml` at packaging time,
 * as the running bot reads them (several files merge in path order). Only problems that decide
 * them refuse the package: the folder's, and a `bot.yaml` with errors (its texts are unknown).
 */
async function knowledgeTexts(dir: string, maxFileBytes: number): Promise<KnowledgeTexts | readonly KnowledgeIssue[]> {
  const loaded = await loadKnowledge(dir, { maxFileBytes });
  const problems = loaded.errors.filter((issue) => issue.file === "." || isBotTextsFile(basename(issue.file)));
  if (problems.length > 0) return problems;
  const from = new Map<TeamsTextKey, string>();
  for (const version of loaded.accepted.values()) {
    for (const key of TEAMS_TEXT_KEYS) if (version.botTexts?.[key] !== undefined) from.set(key, version.file);
  }
  return {
    texts: botTexts(loaded.knowledgeBase?.botTexts ?? {}),
    files: [...new Set(TEAMS_TEXT_KEYS.flatMap((key) => from.get(key) ?? []))].sort(),
    builtIn: TEAMS_TEXT_KEYS.filter((key) => !from.has(key)),
  };
}

/**
 * Runs `teams:package`; returns the exit code. On success prints where the app's texts came
 * from, then the zip's path as the last line.
 */
export async function runTeamsPackage(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: Write, err: Write): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        website: { type: "string" },
        privacy: { type: "string" },
        terms: { type: "string" },
        developer: { type: "string" },
        out: { type: "string", default: DEFAULT_OUT },
      },
      strict: true,
    }));
  } catch (error) {
    err(`[teams] ${UsageError.from(error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const problems = optionProblems(values);
  const website = values.website;
  if (problems.length > 0 || website === undefined) {
    err(`${problems.map((problem) => `[teams] ${problem}`).join("\n")}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const privacy = values.privacy ?? website;
  const terms = values.terms ?? website;
  const config = loadConfig(env);
  if (!GUID.test(config.appId)) {
    err(`[teams] ${TEAMS_PACKAGE.badAppId(config.appId)}`);
    return EXIT_FAILURE;
  }
  const label = displayPath(config.knowledgeDir);
  const read = await knowledgeTexts(config.knowledgeDir, config.knowledgeMaxFileBytes);
  if (!("texts" in read)) {
    for (const issue of read) err(formatIssue(issue, label).replace("[knowledge] ", CHECK.errorLabel));
    err(`[teams] ${TEAMS_PACKAGE.textsBroken(label)}`);
    return EXIT_FAILURE;
  }
  const manifest = teamsManifest({
    appId: config.appId,
    texts: read.texts,
    version: VERSION,
    developer: values.developer ?? read.texts.teamsShortName,
    websiteUrl: website,
    privacyUrl: privacy,
    termsOfUseUrl: terms,
  });
  const zip = zipSync({
    "manifest.json": new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    "color.png": readFileSync(join(ICON_DIR, "color.png")),
    "outline.png": readFileSync(join(ICON_DIR, "outline.png")),
  });
  const target = resolve(values.out);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, zip);
  out(TEAMS_PACKAGE.textsFrom(read.texts.teamsFullName, read.files.map((file) => `${label}/${file}`), read.builtIn));
  out(target);
  return EXIT_OK;
}

if (require.main === module) runMain(runTeamsPackage, { name: "teams:package", usage: USAGE });
