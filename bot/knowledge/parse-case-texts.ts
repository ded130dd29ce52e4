import { parseTextsFile, type ParsedTexts, type TextsFileSpec } from "./parse-texts";

/** The file name editors give the complaint loop's texts (`knowledge/cases.yaml`). */
export function isCaseTextsFile(name: string): boolean {
  return /^cases\.ya?ml$/i.test(name);
}

/**
 * Every text of the complaint loop an editor may write, with the placeholders it must contain
 * (`{reference}` is replaced by the case reference, and so on). A placeholder not listed for a
 * key is refused: it would reach the customer as written.
 */
export const CASE_TEXT_KEYS = Object.freeze({
  offerRating: [],
  offerComplaint: [],
  offerHuman: ["hours"],
  offerNps: [],
  offerEscalation: [],
  confirmDescription: [],
  acceptButton: [],
  declineButton: [],
  declined: [],
  describe: [],
  describeAnswered: [],
  describeTooLong: ["limit"],
  cancelDescribeButton: [],
  created: ["reference", "hours"],
  contactMasked: [],
  consentQuestion: [],
  consentYesButton: [],
  consentNoButton: [],
  askContact: [],
  invalidContact: [],
  cancelContactButton: [],
  contactSaved: [],
  contactDeclined: ["reference"],
  statusOwn: ["reference", "status"],
  statusNote: ["note"],
  statusNoNote: [],
  statusOther: ["reference", "open"],
  otherOpen: [],
  otherClosed: [],
  notFound: ["reference"],
  noCase: [],
  statusOpen: [],
  statusInProgress: [],
  statusResolved: [],
  statusClosed: [],
  proactive: ["reference", "status"],
  unavailable: [],
  alreadyOpened: ["reference"],
  alreadyAnswered: [],
} satisfies Record<string, readonly string[]>);

export type CaseTextKey = keyof typeof CASE_TEXT_KEYS;
export type CaseTexts = Readonly<Record<CaseTextKey, string>>;

/** The complaint loop's texts as editors write them: placeholders each may use, what its buttons start with. */
const CASE_TEXTS_FILE: TextsFileSpec<CaseTextKey> = Object.freeze({
  keys: CASE_TEXT_KEYS,
  optionalPlaceholders: { statusOwn: ["created"], proactive: ["note"], offerEscalation: ["hours"], describeAnswered: ["button"] },
  buttonPrefixes: { acceptButton: ["Şikayet", "Evet"], declineButton: ["Hayır"] },
  example: "declined: Anlaşıldı, kayıt açmadım.",
});

/** What parsing `cases.yaml` produced: only the texts that passed every check. */
export type ParsedCaseTexts = ParsedTexts<CaseTextKey>;

/**
 * Parses `cases.yaml`: a YAML mapping of text keys to Turkish texts (see `parseTextsFile`). A
 * file with errors yields no texts; a key left out is a warning: its built-in text is used.
 */
export function parseCaseTextsFile(rawInput: string, file: string): ParsedCaseTexts {
  return parseTextsFile(rawInput, file, CASE_TEXTS_FILE);
}

/** Fills `{name}` placeholders; unknown ones are left as written (the parser refuses them in files). */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([^{}\s]*)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
