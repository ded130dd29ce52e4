import { isIP } from "node:net";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";

// natural (used by matching) loads dotenv, which prints tips on stdout (into a CLI's JSON) unless
// told to be quiet: every entry point imports this module before anything that loads natural
process.env.DOTENV_CONFIG_QUIET ??= "true";

/** Log levels understood by pino. */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** The Direct Line service's global endpoint; Azure also runs regional ones (`europe.directline…`). */
const GLOBAL_DIRECT_LINE_DOMAIN = "https://directline.botframework.com/v3/directline";
const HOST_RULE = "must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name";
const ALLOW_LIST_RULE = "must be loopback, a host name or an origin such as http://host:port";
/** A label of a host name (RFC 1123, and the underscores container service names use): letters, digits, inner hyphens. */
const HOST_LABEL = /^[a-z\d_](?:[a-z\d_-]{0,61}[a-z\d_])?$/i;

const DIRECT_LINE_DOMAIN_RULE = "must be an https:// URL (http:// only for localhost, 127.0.0.1 or ::1)";

/**
 * The Direct Line secret travels to this address: never in clear text over a network. Plain
 * http is allowed on the loopback interface only (a local relay, or a test's stand-in service).
 */
function isSafeForSecret(address: string): boolean {
  if (!URL.canParse(address)) return false;
  const url = new URL(address);
  return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname));
}

const WEBHOOK_CREDENTIALS_RULE = "must not hold a user name or password (user:password@)";

/**
 * Whether a URL names no user or password. fetch refuses such a URL on every attempt (so an alert
 * would be retried forever) and its error message quotes the URL, password included.
 */
function hasNoCredentials(address: string): boolean {
  if (!URL.canParse(address)) return true;
  const url = new URL(address);
  return url.username === "" && url.password === "";
}

/**
 * A connection URL (`DATABASE_URL`, `REDIS_URL`): its scheme, and readable as a URL, as the
 * drivers read it (`new URL`). Before, one that was not (`redis://:pw@[bad`, a port that is no
 * number) passed the check and failed only at start, as a bare "Invalid URL" naming no variable.
 * The messages never quote the value: it holds the password.
 */
const connectionUrl = (scheme: RegExp, schemeRule: string, example: string, readable: (value: string) => boolean = (value) => URL.canParse(value)) =>
  z
    .string()
    .regex(scheme, { error: schemeRule, abort: true })
    .refine(readable, { error: `must be a URL such as ${example}; this one cannot be read as a URL (check the host, the port, and that special characters in the password are percent-encoded)` });

/** What pg reads: a URL, also one without a host (`user:pw@/db`: pg's default host), which `new URL` alone refuses. */
const isPostgresUrl = (value: string): boolean => URL.canParse(value.replace("@/", "@localhost/"));

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/**
 * A whole number from `min` to `max` (default `fallback`). Every message about it names the
 * allowed range: a value out of range is not "not a number".
 */
const wholeNumber = (min: number, max: number, fallback: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(emptyToUndefined, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback));
};

/**
 * What the default `RATE_LIMIT_POLL_PER_MINUTE` allows one client address. The chat page polls
 * once a second (`DIRECT_LINE_TUNING.POLL_INTERVAL_MS`), 60 polls a minute per open tab, and
 * once more when a message it sent is answered (a customer types a few a minute); a tab keeps
 * polling while it is open. One address is often many customers (an office NAT, a mobile
 * carrier's shared address) or one customer with several tabs, and over the limit the page's
 * polls wait as told (`Retry-After`) and replies show late: so the default holds 50 open tabs,
 * 3,000 polls a minute (50 a second). A poll is a token check and a read from memory
 * or one Redis script, so that is still far from what a flood needs. Higher = more tabs behind
 * one address, more polls a flooding address may make.
 */
export const POLL_ALLOWANCE = Object.freeze({ TABS_PER_ADDRESS: 50, POLLS_PER_TAB_PER_MINUTE: 60 });

/**
 * What the default `RATE_LIMIT_TOKEN_PER_MINUTE` allows one client address, sized for the same
 * tabs as `POLL_ALLOWANCE`: a page load asks for one token (one new conversation), and each of
 * those 50 tabs may load twice in a minute (a reload, a second try), 100 tokens. At 30, people
 * behind an office NAT opening the page in the same minute were refused from the 31st on, while
 * their polls would have fit. A token starts a conversation in the bounded Direct Line store, where idle ones make room.
 */
export const TOKEN_ALLOWANCE = Object.freeze({ PAGE_LOADS_PER_TAB_PER_MINUTE: 2 });

const schema = z.object({
  MicrosoftAppId: z.string().trim().default(""),
  MicrosoftAppPassword: z.string().default(""),
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  MicrosoftAppTenantId: z.string().trim().default(""),
  PORT: wholeNumber(0, 65535, 3978),
  HOST: z.preprocess(emptyToUndefined, z.string().refine(isHost, { error: HOST_RULE }).default("127.0.0.1")),
  SERVICE_URL_ALLOW_LIST: z.preprocess(emptyToUndefined, z.string().superRefine(checkAllowList).default("loopback")),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default("info")),
  KNOWLEDGE_DIR: z.preprocess(emptyToUndefined, z.string().default("./knowledge")),
  KNOWLEDGE_MAX_FILE_KB: wholeNumber(1, 1_000_000, 256),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  DATABASE_URL: z.preprocess(emptyToUndefined, connectionUrl(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://", "postgres://user:password@host:5432/database", isPostgresUrl).optional()),
  REDIS_URL: z.preprocess(emptyToUndefined, connectionUrl(/^rediss?:\/\//, "must start with redis:// or rediss://", "redis://host:6379").optional()),
  REDIS_KEY_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[\w.:-]{1,64}$/, { error: "must be 1 to 64 letters, digits or . : _ -" })
      .default("memnun:"),
  ),
  MAX_MESSAGE_LENGTH: wholeNumber(1, 100_000, 2000),
  DIRECT_LINE_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  DIRECT_LINE_DOMAIN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(isSafeForSecret, { error: DIRECT_LINE_DOMAIN_RULE })
      .transform((url) => url.replace(/\/+$/, ""))
      .default(GLOBAL_DIRECT_LINE_DOMAIN),
  ),
  INSTALLATION_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  ),
  RATE_LIMIT_CONVERSATION_PER_MINUTE: wholeNumber(1, 100_000, 30),
  RATE_LIMIT_POLL_PER_MINUTE: wholeNumber(1, 1_000_000, POLL_ALLOWANCE.TABS_PER_ADDRESS * POLL_ALLOWANCE.POLLS_PER_TAB_PER_MINUTE),
  RATE_LIMIT_TOKEN_PER_MINUTE: wholeNumber(1, 1_000_000, POLL_ALLOWANCE.TABS_PER_ADDRESS * TOKEN_ALLOWANCE.PAGE_LOADS_PER_TAB_PER_MINUTE),
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: wholeNumber(1, 1_000_000, 20),
  RATE_LIMIT_CLIENT_PER_MINUTE: wholeNumber(1, 1_000_000, 600),
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).default("false")),
  REPORT_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(isTimeZone, { error: "must be an IANA time zone such as Europe/Istanbul" })
      .default("Europe/Istanbul"),
  ),
  DASHBOARD_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(16, { error: "must be at least 16 characters" }).optional(),
  ),
  OPERATOR_TOKENS: z.preprocess(emptyToUndefined, z.string().optional()).transform((raw, ctx) => {
    const { operators, issues } = parseOperatorTokens(raw);
    for (const message of issues) ctx.addIssue({ code: "custom", message });
    return operators;
  }),
  CASE_RESPONSE_HOURS: wholeNumber(1, 8760, 48),
  ALERT_WEBHOOK_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .refine(hasNoCredentials, { error: WEBHOOK_CREDENTIALS_RULE })
      .optional(),
  ),
  ALERT_WEBHOOK_FORMAT: z.preprocess(emptyToUndefined, z.enum(["json", "teams", "slack"], { error: "must be json, teams or slack" }).default("json")),
}).superRefine((v, ctx) => {
  // its sign-ins would be DASHBOARD_TOKEN's: audited as `dashboard`, not as the operator
  for (const operator of v.OPERATOR_TOKENS) {
    if (v.DASHBOARD_TOKEN !== undefined && operator.token === v.DASHBOARD_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["OPERATOR_TOKENS"], message: `the token of ${operator.name} is DASHBOARD_TOKEN's; give every operator a token of their own` });
    }
  }
});

/** Whether `Intl` knows a time zone name (`Europe/Istanbul`, `UTC`). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("tr-TR", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Shortest operator token accepted (as for DASHBOARD_TOKEN). */
const MIN_TOKEN_CHARS = 16;
/** Operator names are shown in audit logs: letters, digits, spaces, dots, dashes, underscores. */
const OPERATOR_NAME = /^[\p{L}\p{N} ._-]{1,64}$/u;

/**
 * The names the audit log gives to those who are no named operator: changes made with
 * `DASHBOARD_TOKEN`, the customer, and the bot's overdue check. No operator may be called so
 * (`OPERATOR_TOKENS`), in any case: their changes would read as someone else's.
 */
export const AUDIT_ACTORS = Object.freeze({ dashboard: "dashboard", customer: "customer", system: "system" } as const);
const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.values(AUDIT_ACTORS));

/** A named dashboard token: every change an operator makes is audited under their name. */
export interface Operator {
  readonly name: string;
  readonly token: string;
}

/**
 * An address to listen on or to allow: an IP address, or a host name whose last label is not all
 * digits (`999.1.1.1` is a mistyped address, not a name, and failed only when the server listened).
 */
function isHost(value: string): boolean {
  if (isIP(value) !== 0) return true;
  const labels = value.split(".");
  return value.length <= 253 && labels.every((label) => HOST_LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1] ?? "");
}

function allowListEntries(raw: string): string[] {
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/** Names each entry of `SERVICE_URL_ALLOW_LIST` that is no `isAllowListEntry`. */
function checkAllowList(raw: string, ctx: z.RefinementCtx): void {
  for (const [index, entry] of allowListEntries(raw).entries()) {
    if (!isAllowListEntry(entry)) ctx.addIssue({ code: "custom", message: `entry ${index + 1} (${entry}): ${ALLOW_LIST_RULE}` });
  }
}

/** `loopback`, a host name, or an http(s) origin (`http://host:port`, nothing after it). */
function isAllowListEntry(entry: string): boolean {
  if (entry === "loopback") return true;
  if (!entry.includes("://")) return isHost(entry);
  try {
    const url = new URL(entry);
    return (url.protocol === "http:" || url.protocol === "https:") && url.username === "" && url.password === "" && url.pathname === "/" && url.search === "" && url.hash === "";
  } catch {
    return false;
  }
}

/** Parses `OPERATOR_TOKENS=<name>:<token>,…`; returns the operators or the problems found. */
export function parseOperatorTokens(raw: string | undefined): { operators: Operator[]; issues: string[] } {
  const operators: Operator[] = [];
  const issues: string[] = [];
  if (raw === undefined) return { operators, issues };
  const names = new Set<string>();
  const tokens = new Set<string>();
  for (const [index, part] of raw.split(",").entries()) {
    const item = part.trim();
    if (item === "") continue;
    const colon = item.indexOf(":");
    const name = colon > 0 ? item.slice(0, colon).trim() : "";
    const token = colon > 0 ? item.slice(colon + 1).trim() : "";
    const where = `entry ${index + 1}`;
    if (name === "" || token === "") issues.push(`${where} must be <name>:<token>`);
    else if (!OPERATOR_NAME.test(name)) issues.push(`${where}: the name may hold letters, digits, spaces, dots, dashes and underscores (at most 64)`);
    else if (RESERVED_NAMES.has(name.toLocaleLowerCase("tr"))) issues.push(`${where}: the name ${name} is reserved (${[...RESERVED_NAMES].join(", ")}: the audit log's names for DASHBOARD_TOKEN, the customer and the overdue check)`);
    else if (token.length < MIN_TOKEN_CHARS) issues.push(`${where} (${name}): the token must be at least ${MIN_TOKEN_CHARS} characters`);
    else if (names.has(name.toLocaleLowerCase("tr"))) issues.push(`${where}: the name ${name} is given twice`);
    else if (tokens.has(token)) issues.push(`${where} (${name}): the token is used by another operator`);
    else {
      names.add(name.toLocaleLowerCase("tr"));
      tokens.add(token);
      operators.push({ name, token });
    }
  }
  return { operators, issues };
}

/** The bot's configuration, read once from the environment, validated and frozen. */
export type Config = Readonly<{
  appId: string;
  appPassword: string;
  appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  appTenantId: string;
  port: number;
  /** Interface to listen on; loopback unless `HOST` says otherwise (a container sets `0.0.0.0`). */
  host: string;
  /**
   * Local mode only: where replies may be posted (`serviceUrl`). Entries are `loopback`, host
   * names or origins (`http://host:port`); anything else gets 403, so the bot cannot be made to
   * reach internal addresses.
   */
  serviceUrlAllowList: readonly string[];
  logLevel: (typeof LOG_LEVELS)[number];
  knowledgeDir: string;
  /** Largest knowledge file read, in bytes; a larger one is a load error naming it. */
  knowledgeMaxFileBytes: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * Redis for what several instances must share and may lose (rate limit windows, the local
   * Direct Line's conversations); undefined: each instance keeps them in its own memory.
   */
  redisUrl: string | undefined;
  /** Put before every Redis key, so several installations (or tests) can share one Redis. */
  redisKeyPrefix: string;
  maxMessageLength: number;
  /** Azure Direct Line secret: the chat page then gets its token from the real Direct Line service. */
  directLineSecret: string | undefined;
  /** That service's endpoint (global, or a region's), without a trailing slash. */
  directLineDomain: string;
  /** Overrides the installation secret kept in the database (pseudonyms, signatures, tokens). */
  installationSecret: string | undefined;
  /** Messages one conversation may send per minute before getting a polite "slow down". */
  rateLimitConversationPerMinute: number;
  /** Local Direct Line polls one client address may make per minute (see `POLL_ALLOWANCE`). */
  rateLimitPollPerMinute: number;
  /** Direct Line tokens (new conversations) one client address may ask for per minute (see `TOKEN_ALLOWANCE`). */
  rateLimitTokenPerMinute: number;
  /**
   * Failed sign-ins per client address per minute: wrong dashboard and API tokens (then that
   * address's tokens get 429 unchecked), and in credential mode failed channel authentications
   * (then 429 without reading the body); each kind counted on its own.
   */
  rateLimitAuthFailuresPerMinute: number;
  /** HTTP requests one client address may make per minute before getting 429. */
  rateLimitClientPerMinute: number;
  /**
   * Behind a TLS-terminating reverse proxy: trust its `X-Forwarded-Proto` (dashboard cookies get
   * `Secure`) and `X-Forwarded-For` (rate limits count the client it forwards, not the proxy).
   */
  trustProxy: boolean;
  /** Bearer token for the dashboard and `/api/report`; undefined turns them off (unless operators are set). */
  dashboardToken: string | undefined;
  /** IANA time zone the dashboard shows times in (report days are UTC days). */
  reportTimeZone: string;
  /** Named operator tokens for the dashboard; case changes are audited under the name. */
  operators: readonly Operator[];
  /** Hours until a case's first response is due (plain hours, around the clock). */
  caseResponseHours: number;
  /** Where alerts are POSTed (new case, NPS detractor, overdue case); undefined: no alerts. */
  alertWebhookUrl: string | undefined;
  alertWebhookFormat: "json" | "teams" | "slack";
  /** True when no app id is set: local / Emulator mode, no channel authentication. */
  localMode: boolean;
}>;

/**
 * Names the environment may hold besides the schema's: the process's `TZ`, which report days fall
 * back to (`withTimeZoneFallback`).
 */
const OTHER_KNOWN_NAMES = ["TZ"] as const;

/** Every variable the bot reads. */
export const KNOWN_VARIABLES: readonly string[] = Object.freeze([...Object.keys(schema.shape), ...OTHER_KNOWN_NAMES]);

/**
 * How many edits (a letter added, removed, changed, or two neighbours swapped) away from a known
 * name a variable is still taken for a misspelling of it, by the known name's length: none below
 * 4 characters, 1 from 4 (`PROT`), 2 from 8 (`DASHBORD_TOKEN`, `MICROSOFT_APP_ID`). Higher = more
 * misspellings caught, and more of the machine's own variables taken for one (`HOME` is two edits
 * from `HOST`).
 */
const NEAR_MISS_EDITS = Object.freeze([
  { minLength: 8, edits: 2 },
  { minLength: 4, edits: 1 },
]);

/** The bot's app registration settings: a misspelling of one leaves the bot without authentication. */
const APP_SETTINGS: ReadonlySet<string> = new Set(["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId"]);

/**
 * What the environment holds that the bot ignores although it was likely meant for it; said by
 * `check:config` and logged at start, never refused (the start goes on).
 * - `near-miss`: `name` is no variable the bot reads, but looks like `known` (another case, or a
 *   typo: `DASHBORD_TOKEN`);
 * - `unauthenticated-near-miss`: the same for an app registration setting while `MicrosoftAppId`
 *   is empty, so the bot runs in local mode without authentication (`MicrosoftAppID`);
 * - `password-without-app-id`: `MicrosoftAppPassword` set, `MicrosoftAppId` empty: local mode, the
 *   password unused.
 */
export type ConfigWarning =
  | { readonly kind: "near-miss" | "unauthenticated-near-miss"; readonly name: string; readonly known: string }
  | { readonly kind: "password-without-app-id" };

/**
 * Edits between two names, ignoring case (optimal string alignment: a swap of neighbours counts
 * as one edit), or `limit + 1` as soon as it is certainly above `limit`.
 */
function nameDistance(a: string, b: string, limit: number): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    if (Math.min(...current) > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[y.length] ?? limit + 1;
}

/** The known name `name` most likely misspells: equal but for case, or within `NEAR_MISS_EDITS`; null for none. */
function misspelled(name: string): string | null {
  let found: { known: string; distance: number } | null = null;
  for (const known of KNOWN_VARIABLES) {
    const limit = NEAR_MISS_EDITS.find((rule) => known.length >= rule.minLength)?.edits ?? 0;
    const distance = nameDistance(name, known, limit);
    if (distance <= limit && (found === null || distance < found.distance)) found = { known, distance };
  }
  return found?.known ?? null;
}

/**
 * The `ConfigWarning`s of an environment. Only names close to the bot's own are looked at, so the
 * machine's other variables (`HOME`, `PATH`, npm's) are never mentioned.
 */
export function configWarnings(env: Readonly<Record<string, string | undefined>>): ConfigWarning[] {
  const present = (name: string): boolean => (env[name] ?? "").trim() !== "";
  const localMode = !present("MicrosoftAppId");
  const known = new Set(KNOWN_VARIABLES);
  const warnings: ConfigWarning[] = [];
  for (const name of Object.keys(env).sort()) {
    if (known.has(name) || !present(name)) continue;
    const meant = misspelled(name);
    if (meant === null) continue;
    warnings.push({ kind: localMode && APP_SETTINGS.has(meant) ? "unauthenticated-near-miss" : "near-miss", name, known: meant });
  }
  if (localMode && present("MicrosoftAppPassword")) warnings.push({ kind: "password-without-app-id" });
  // the ones that leave the bot without authentication first
  return warnings.sort((a, b) => Number(a.kind === "near-miss") - Number(b.kind === "near-miss"));
}

/** A `ConfigWarning` as the server logs it (English; `check:config` says it in Turkish). */
export function configWarningText(warning: ConfigWarning): string {
  switch (warning.kind) {
    case "near-miss":
      return `[config] ${warning.name} is not a variable the bot reads and is ignored; did you mean ${warning.known}?`;
    case "unauthenticated-near-miss":
      return `[config] the bot runs in local mode WITHOUT AUTHENTICATION because MicrosoftAppId is empty; ${warning.name} is ignored: did you mean ${warning.known}? (names are case-sensitive)`;
    case "password-without-app-id":
      return "[config] MicrosoftAppPassword is set but MicrosoftAppId is empty: the bot runs in local mode WITHOUT AUTHENTICATION and the password is not used";
  }
}

/** Thrown when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`[config] invalid environment:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/** The process's environment, with `.env` (if present) loaded into it: what `loadConfig` reads in production. */
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  loadDotenv({ quiet: true });
  return process.env;
}

/**
 * Validates the environment and returns a frozen configuration.
 * Every variable and its default is documented in `.env.example`.
 */
/**
 * Report days follow `REPORT_TIMEZONE`, or else the process's `TZ` when it names an IANA zone
 * (the usual way a container is given its zone), or else Europe/Istanbul.
 */
function withTimeZoneFallback(env: Readonly<Record<string, string | undefined>>): Readonly<Record<string, string | undefined>> {
  if ((env.REPORT_TIMEZONE ?? "").trim() !== "") return env;
  const tz = (env.TZ ?? "").trim();
  return tz !== "" && isTimeZone(tz) ? { ...env, REPORT_TIMEZONE: tz } : env;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = schema.safeParse(withTimeZoneFallback(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`),
    );
  }
  const v = parsed.data;
  if (v.MicrosoftAppId !== "" && v.MicrosoftAppType !== "UserAssignedMSI" && v.MicrosoftAppPassword === "") {
    throw new ConfigError(["MicrosoftAppPassword: required when MicrosoftAppId is set"]);
  }
  if (v.MicrosoftAppType === "SingleTenant" && v.MicrosoftAppId !== "" && v.MicrosoftAppTenantId === "") {
    throw new ConfigError(["MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant"]);
  }
  return Object.freeze({
    appId: v.MicrosoftAppId,
    appPassword: v.MicrosoftAppPassword,
    appType: v.MicrosoftAppType,
    appTenantId: v.MicrosoftAppTenantId,
    port: v.PORT,
    host: v.HOST,
    serviceUrlAllowList: Object.freeze(allowListEntries(v.SERVICE_URL_ALLOW_LIST)),
    logLevel: v.LOG_LEVEL,
    knowledgeDir: v.KNOWLEDGE_DIR,
    knowledgeMaxFileBytes: v.KNOWLEDGE_MAX_FILE_KB * 1024,
    dataDir: v.DATA_DIR,
    databaseUrl: v.DATABASE_URL,
    redisUrl: v.REDIS_URL,
    redisKeyPrefix: v.REDIS_KEY_PREFIX,
    maxMessageLength: v.MAX_MESSAGE_LENGTH,
    directLineSecret: v.DIRECT_LINE_SECRET,
    directLineDomain: v.DIRECT_LINE_DOMAIN,
    dashboardToken: v.DASHBOARD_TOKEN,
    reportTimeZone: v.REPORT_TIMEZONE,
    operators: Object.freeze(v.OPERATOR_TOKENS.map((operator) => Object.freeze(operator))),
    caseResponseHours: v.CASE_RESPONSE_HOURS,
    alertWebhookUrl: v.ALERT_WEBHOOK_URL,
    alertWebhookFormat: v.ALERT_WEBHOOK_FORMAT,
    trustProxy: v.TRUST_PROXY === "true" || v.TRUST_PROXY === "1",
    installationSecret: v.INSTALLATION_SECRET,
    rateLimitConversationPerMinute: v.RATE_LIMIT_CONVERSATION_PER_MINUTE,
    rateLimitClientPerMinute: v.RATE_LIMIT_CLIENT_PER_MINUTE,
    rateLimitPollPerMinute: v.RATE_LIMIT_POLL_PER_MINUTE,
    rateLimitAuthFailuresPerMinute: v.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    rateLimitTokenPerMinute: v.RATE_LIMIT_TOKEN_PER_MINUTE,
    localMode: v.MicrosoftAppId === "",
  });
}
