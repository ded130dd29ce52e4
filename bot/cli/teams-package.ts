import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { zipSync } from "fflate";
import { loadConfig } from "../config";
import { TEXTS } from "../conversation/texts";
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
const USAGE = TEAMS_PACKAGE.usage(DEFAULT_OUT);

/** A GUID, the shape of a Microsoft Entra app id (Teams requires it as the bot and app id). */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ManifestOptions {
  readonly appId: string;
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
    name: { short: TEXTS.teams.shortName, full: TEXTS.teams.fullName },
    description: { short: TEXTS.teams.shortDescription, full: TEXTS.teams.fullDescription },
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

const httpsUrl = (value: string | undefined): value is string => {
  if (value === undefined) return false;
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
};

/** Runs `teams:package`; returns the exit code. Prints the zip's path on success. */
export async function runTeamsPackage(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: Write, err: Write): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        website: { type: "string" },
        privacy: { type: "string" },
        terms: { type: "string" },
        developer: { type: "string", default: TEXTS.teams.shortName },
        out: { type: "string", default: DEFAULT_OUT },
      },
      strict: true,
    }));
  } catch (error) {
    err(`[teams] ${UsageError.from(error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const website = values.website;
  const privacy = values.privacy ?? website;
  const terms = values.terms ?? website;
  if (!httpsUrl(website) || !httpsUrl(privacy) || !httpsUrl(terms)) {
    err(`[teams] ${TEAMS_PACKAGE.httpsUrls}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const config = loadConfig(env);
  if (!GUID.test(config.appId)) {
    err(`[teams] ${TEAMS_PACKAGE.badAppId(config.appId)}`);
    return EXIT_FAILURE;
  }
  const manifest = teamsManifest({
    appId: config.appId,
    version: VERSION,
    developer: values.developer,
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
  out(target);
  return EXIT_OK;
}

if (require.main === module) runMain(runTeamsPackage, { name: "teams:package", usage: USAGE });
