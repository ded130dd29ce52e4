/**
 * What the operators' and editors' commands say to people, in Turkish, in one place for
 * translators. Three things stay English on purpose: the `[command]` tag that starts a
 * diagnostic (it names the program, as log lines do), option names and JSON keys and CSV headers
 * (they are an interface: scripts read them), and errors of the rooms below (`[storage] …`,
 * `[config] …`), which are the server's log lines too; the ones a user meets often (an invalid
 * environment, a database that cannot be opened) are said again here, in Turkish. Knowledge
 * errors come Turkish from `bot/knowledge/messages.ts`.
 */

import { resolve } from "node:path";
import type { ConfigWarning } from "../config";
import type { DataDirProblem } from "../storage/data-dir";
import { systemErrorText } from "../knowledge/messages";
import type { ExportChange } from "../knowledge/convert";

/** Numbers as Turkish readers write them: 3,09 and %45,5. */
const numbers = new Intl.NumberFormat("tr-TR", { maximumFractionDigits: 2 });

/** A number in Turkish format, `–` for none; `percent` puts the sign first (%45,5). */
export function trNumber(value: number | null, percent = false): string {
  if (value === null) return "–";
  return percent ? `%${numbers.format(value)}` : numbers.format(value);
}

/** Shared by every command (`main.ts`). */
export const COMMON = {
  exitCodes:
    "Çıkış kodları: 0 tamam; 1 hata (örneğin bozuk bilgi dosyası, ulaşılamayan veritabanı, geçersiz ortam); 2 kullanım hatası (bilinmeyen seçenek ya da hatalı değer; hiçbir şey yapılmadı).",
  unknownOption: (option: string) => `bilinmeyen seçenek '${option}'`,
  missingValue: (option: string) => `'${option}' seçeneği bir değer ister`,
  noValue: (option: string) => `'${option}' seçeneği değer almaz`,
  unexpectedArgument: (argument: string) => `beklenmeyen argüman '${argument}': bu komut argüman almaz`,
  /** Any other mistake `parseArgs` reports (its own text is English). */
  badArguments: (detail: string) => `argümanlar okunamadı (${detail})`,
  endedEarly: "iç hata: süreç komut bitmeden sona erdi (beklenecek bir şey kalmamıştı)",
  invalidConfig: "ortam değişkenleri geçersiz (ayrıntılar: .env.example):",
  noDatabase: (file: string) => `${file} konumunda veritabanı bulunamadı; DATA_DIR'i (ya da DATABASE_URL'i) denetleyin`,
  /**
   * A file or folder the system refused to the command (`path` as the command gave it), said by
   * `runMain` for any command; `action` is `fileActionText`'s, `reason` `fileErrorText`'s.
   */
  fileFailed: (path: string, action: string, reason: string) => `${path} ${action}: ${reason}`,
  /** `location` is the database's address without its password; `reason` is `databaseErrorText`'s. */
  databaseNotOpened: (kind: "sqlite" | "postgres", location: string, reason: string) =>
    kind === "postgres"
      ? `PostgreSQL veritabanına bağlanılamadı (${location}): ${reason}; DATABASE_URL'i ve veritabanı sunucusunun çalıştığını denetleyin`
      : `SQLite veritabanı açılamadı (${location}): ${reason}; DATA_DIR'i denetleyin`,
} as const;

/**
 * A configuration problem (`ConfigError`'s issues are English, for the server's logs) as the
 * CLIs say it: each known rule in Turkish, the variable's name kept; an unknown text unchanged.
 */
export function configIssue(issue: string): string {
  // a list's item by its place (`OPERATOR_TOKENS`, `SERVICE_URL_ALLOW_LIST`: "entry 2 (…): …")
  const said = issue.replace(/\bentry (\d+)/, "$1. öğe");
  for (const [pattern, turkish] of CONFIG_RULES) if (pattern.test(said)) return said.replace(pattern, turkish);
  return said;
}

const CONFIG_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/must be a whole number from (-?\d+) to (-?\d+)$/, "$1 ile $2 arasında bir tam sayı olmalı"],
  [/must start with postgres:\/\/ or postgresql:\/\/$/, "postgres:// ya da postgresql:// ile başlamalı"],
  [/must start with redis:\/\/ or rediss:\/\/$/, "redis:// ya da rediss:// ile başlamalı"],
  [
    /must be a URL such as (\S+); this one cannot be read as a URL \(check the host, the port, and that special characters in the password are percent-encoded\)$/,
    "$1 gibi bir adres olmalı; verilen değer adres olarak okunamıyor (sunucu adını, portu ve paroladaki özel karakterlerin yüzde kodlamasıyla yazıldığını denetleyin)",
  ],
  [/must be 1 to 64 letters, digits or \. : _ -$/, "1–64 harf, rakam ya da . : _ - olmalı"],
  [/the token must be at least (\d+) characters$/, "token en az $1 karakter olmalı"],
  [/must be at least (\d+) characters$/, "en az $1 karakter olmalı"],
  [/must be true or false$/, "true ya da false olmalı"],
  [/must be an IANA time zone such as Europe\/Istanbul$/, "Europe/Istanbul gibi bir IANA saat dilimi olmalı"],
  [/must be an http:\/\/ or https:\/\/ URL$/, "http:// ya da https:// ile başlayan bir adres olmalı"],
  [/must be json, teams or slack$/, "json, teams ya da slack olmalı"],
  [/must not hold a user name or password \(user:password@\)$/, "kullanıcı adı ya da parola içermemeli (kullanıcı:parola@)"],
  [/must be an https:\/\/ URL \(http:\/\/ only for localhost, 127\.0\.0\.1 or ::1\)$/, "https:// ile başlayan bir adres olmalı (http:// yalnızca localhost, 127.0.0.1 ya da ::1 için)"],
  [/required when MicrosoftAppId is set$/, "MicrosoftAppId verildiğinde zorunlu"],
  [/required when MicrosoftAppType is SingleTenant$/, "MicrosoftAppType SingleTenant iken zorunlu"],
  [/must be <name>:<token>$/, "<ad>:<token> biçiminde olmalı"],
  [/must be an IP address \(127\.0\.0\.1, 0\.0\.0\.0, ::\) or a host name$/, "bir IP adresi (127.0.0.1, 0.0.0.0, ::) ya da bir ana makine adı olmalı"],
  [/must be loopback, a host name or an origin such as http:\/\/host:port$/, "loopback, bir ana makine adı ya da http://makine:port gibi bir köken olmalı"],
  [/the name may hold letters, digits, spaces, dots, dashes and underscores \(at most 64\)$/, "ad yalnızca harf, rakam, boşluk, nokta, tire ve alt çizgi içerebilir (en fazla 64)"],
  [/the name (.+) is given twice$/, "$1 adı iki kez verilmiş"],
  [/the token is used by another operator$/, "bu token başka bir operatörde de kullanılıyor"],
  [
    /the name (.+) is reserved \((.+): the audit log's names for DASHBOARD_TOKEN, the customer and the overdue check\)$/,
    "$1 adı ayrılmış ($2: değişiklik kaydı DASHBOARD_TOKEN ile yapılan değişiklikleri, müşteriyi ve gecikme denetimini bu adlarla yazar); başka bir ad seçin",
  ],
  [/the token of (.+) is DASHBOARD_TOKEN's; give every operator a token of their own$/, "$1 adlı operatörün token'ı DASHBOARD_TOKEN ile aynı (girişleri dashboard adıyla kaydedilirdi); her operatöre kendine ait bir token verin"],
  [/Invalid option: expected one of (.+)$/, "şunlardan biri olmalı: $1"],
];

/** `--since` / `--until`, shared by `report` and `kb:recommend`. */
export const RANGE = {
  malformed: (option: "since" | "until", value: string) => `--${option} 2026-11-23 biçiminde bir tarih olmalı (yıl-ay-gün), verilen: "${value}"`,
  reversed: (since: string, until: string) => `--since ${since}, --until ${until} tarihinden sonra olamaz`,
} as const;

export const ASK = {
  usage:
    "kullanım: npm run ask -- [--json] [soru …]\n" +
    "       Soruyu KNOWLEDGE_DIR'deki bilgiyle eşleştirir; soru verilmezse standart girdinin her satırını.\n" +
    "       --json her soru için bir JSON satırı yazar.",
  noEntries: "hiç bilgi girdisi yüklenemedi; npm run kb:check çalıştırın",
  emptyQuestion: "soru boş: bir soru yazın ya da soruları standart girdiden satır satır verin",
  smallTalk: (kind: string) => `sohbet (${kind})`,
  answered: (id: string, score: string) => `cevaplandı: ${id} (${score})`,
  ambiguous: (choices: string) => `belirsiz: şunlardan biri mi? ${choices}`,
  none: (best: string | null) => `cevap yok${best ? ` (en yakın: ${best})` : ""}`,
} as const;

export const KB_CHECK = {
  usage:
    "kullanım: npm run kb:check -- [--json] [klasör (varsayılan KNOWLEDGE_DIR)]\n" +
    "       Her bilgi dosyasını denetler; bir dosyada hata varsa 1 ile çıkar (yalnızca uyarılar geçer).",
  oneFolder: (count: number) => `en çok bir klasör verilebilir, verilen: ${count}`,
  /** The summary when the folder itself could not be read or holds no knowledge file: there are no files to tell about. */
  nothingChecked: (label: string) =>
    `${label}: hiçbir bilgi dosyası denetlenmedi (yukarıdaki hata); klasörün yolunu denetleyin: varsayılan KNOWLEDGE_DIR, başka bir klasör için npm run kb:check -- <klasör>`,
} as const;

export const KB_KEEP = {
  usage:
    "kullanım: npm run build (son adımı: node dist/bot/cli/kb-keep.js [--keep-dir klasör])\n" +
    "       KNOWLEDGE_DIR'deki girdileri botun ilk açılışında olduğu gibi bir kez dizinler; çözümleyicinin okumalarını\n" +
    "       sonraki süreçler için saklar (varsayılan klasör: node_modules/.cache/memnun, botun okuduğu yer).",
  invalidConfig: "ortam değişkenleri geçersiz: yalnızca paketle gelen bilgi klasörü okunuyor (ayrıntılar: npm run check:config)",
  summary: (dir: string, entries: number) => `okumalar saklandı: ${dir} (${entries} girdi) ve yerleşik listeler`,
  nothingToKeep: (dir: string) => `${dir}: okunacak girdi yok; hiçbir şey saklanmadı (hatalar için: npm run kb:check)`,
  alreadyKept: "okumalar bu derleme için zaten saklı: atlandı",
  notWritable: (dir: string) => `${dir} klasörüne yazılamıyor: okumalar saklanamaz, atlandı (bot ilk açılışta kelimeleri kendisi okur)`,
} as const;

export const KB_RECOMMEND = {
  usage: (minCount: number) =>
    "kullanım: npm run kb:recommend -- [--json] [--since YYYY-AA-GG] [--until YYYY-AA-GG]\n" +
    `       npm run kb:recommend -- --apply [--min-count N (varsayılan ${minCount})] [--entry <id> …]\n` +
    "       Kaydedilen sorulardan ve puanlardan bilgi bankası için öneriler çıkarır; --apply alternatif soruları dosyalara ekler\n" +
    "       (birden çok girdi için seçilmiş ya da başka bir girdide zaten olan bir soruyu hiçbirine eklemez).",
  minCount: "--min-count 1 ya da daha büyük bir tam sayı olmalı",
  alternates: 'Önerilen alternatif sorular ("şunu mu demek istediniz" seçimlerinden)',
  newEntries: "Yeni bir girdi gerektirebilecek yanıtlanamayan sorular",
  rewrite: (csat: number, ratings: number) => `Yeniden yazılması önerilen cevaplar (CSAT ≤ %${csat}, en az ${ratings} puan)`,
  none: "(yok)",
  alternateColumns: ["adet", "alternatif", "dayanak"],
  clusterColumns: ["soru", "ortak kelimeler", "örnekler"],
  rewriteColumns: ["girdi", "puan", "CSAT", "soru", "yorumlar"],
  /** The "dayanak" column: who picked it, and what the bot does with it today (`today` and `nearest` below). */
  evidence: (users: number, picks: number, today: string) => `"şunu mu demek istediniz" listesinden ${users} kişi seçti (${picks} kez); bugün: ${today}`,
  today: { answered: "başka bir girdiyle cevaplanıyor", ambiguous: "belirsiz", none: "cevap yok" },
  nearest: (today: string, entryId: string, confidence: string) => `${today} (en yakın: ${entryId}, ${confidence})`,
  /** Appended to the evidence of a text `--apply` leaves out. */
  alsoPickedFor: (entries: string) => `aynı soru başka girdi için de seçildi: ${entries}; hangisine ait olduğuna siz karar verin, --apply eklemez`,
  users: (entryId: string, users: number) => `${entryId} (${users} kişi)`,
  alreadyIn: (entryId: string) => `zaten ${entryId} girdisinin sorusu ya da alternatifi; --apply eklemez`,
  notApplied: (file: string, text: string, reason: string) => `${file}: "${text}" eklenmedi: ${reason}`,
  unknownEntry: (ids: string) => `--entry ile verilen girdi yok: ${ids} (girdilerin id'leri: npm run kb:check -- --json)`,
  skipped: (file: string, reason: string) => `${file}: atlandı: ${reason}`,
  /** `--apply` with a refused knowledge file (its errors are printed above). */
  brokenKnowledge: "bilgi dosyalarında hata var; --apply hiçbir şey yazmadı. Önce hataları düzeltin (npm run kb:check).",
  nothingToApply: "eklenecek öneri yok",
  /** Nothing written, but `below` texts were picked fewer times than `--min-count`. */
  nothingAtMinCount: (below: number, minCount: number) =>
    `eklenecek öneri yok: ${below} öneriyi ${minCount} kişiden az kişi seçmiş (--min-count ${minCount}); onları da eklemek için daha küçük bir --min-count verin`,
  added: (file: string, texts: readonly string[]) => `${file}: eklendi ${texts.map((t) => `"${t}"`).join(", ")}`,
} as const;

/** A synonym group as the messages show it: `[parola, şifre, password]`. */
const group = (words: readonly string[]): string => `[${words.join(", ")}]`;
const quotedWords = (words: readonly string[]): string => words.map((word) => `"${word}"`).join(", ");
/** Paths one a line, indented. */
const list = (paths: readonly string[]): string => paths.map((path) => `  ${path}`).join("\n");

export const KB_IMPORT = {
  usage:
    "kullanım: npm run kb:import -- <dosya.qna> [--out <klasör>] [--force]\n" +
    "       (varsayılan klasör: <KNOWLEDGE_DIR>/<.qna'sız dosya adı>)\n" +
    "       Eş anlamlılar o klasördeki synonyms.yaml dosyasının sonuna eklenir (yoksa oluşturulur); var olan gruplar ve açıklamalar olduğu gibi kalır.\n" +
    "       --force var olan girdi dosyalarının yerine yazar; önce şimdiki hâllerini klasördeki .kb-import-yedek/ altına kopyalar.\n" +
    "       Aynı .qna dosyasının önceki içe aktarımından kalan, artık olmayan çiftlerin dosyalarını da oraya taşır.\n" +
    "       Bilgi klasöründeki bir girdiyle aynı soruyu ya da kimliği taşıyacak bir çift varsa hiçbir şey yazılmaz.",
  oneFile: "tek bir .qna dosyası verin",
  unreadable: (file: string, reason: string) => `${file} okunamadı: ${reason}`,
  hasErrors: (file: string) => `${file} dosyasında hatalar var; hiçbir şey yazılmadı`,
  /** `stale`: entry files of an earlier import of the same `.qna` file whose pairs it no longer has. */
  exists: (taken: readonly string[], stale: readonly string[], qna: string, backups: string) =>
    (taken.length > 0 ? `bu girdi dosyaları zaten var; hiçbir şey yazılmadı:\n${list(taken)}\n` : "hiçbir şey yazılmadı.\n") +
    (stale.length > 0
      ? `${qna} dosyasının önceki içe aktarımından kalan bu girdi dosyalarının çiftleri artık ${qna} dosyasında yok; bot onları sunmaya devam eder:\n${list(stale)}\n`
      : "") +
    (taken.length > 0
      ? `Başka bir klasöre aktarmak için --out <klasör> verin. Bu dosyaların yerine içe aktarılanları yazmak için --force ekleyin: şimdiki hâlleri önce ${backups}/ altına kopyalanır`
      : `Yeni dosyaları yazmak için --force ekleyin`) +
    (stale.length > 0 ? `${taken.length > 0 ? "; " : ": "}artık olmayan çiftlerin dosyaları ${backups}/ altına taşınır (silinmez, bot onları artık sunmaz).` : "."),
  /** One new entry file that would clash with an entry of the knowledge folder (`where`: its file and line). */
  clash: (file: string, question: string | undefined, id: string | undefined, where: string) =>
    `${file} yazılamaz: ` +
    [question === undefined ? undefined : `aynı soru ("${question}")`, id === undefined ? undefined : `aynı kimlik ("${id}")`].filter((part) => part !== undefined).join(" ve ") +
    ` ${where} girdisinde de var`,
  clashes: (qna: string, count: number) =>
    `${qna}: ${count} çift bilgi klasöründeki girdilerle çakışıyor; hiçbir şey yazılmadı. Yazılsaydı npm run kb:check hata verirdi ve bot ` +
    "yeniden başladığında iki girdiden biri sunulmazdı (belki sizin girdiniz). Her çakışma için birini seçin: çifti .qna dosyasından silin ya da " +
    "var olan girdiyi kaldırın veya sorusunu değiştirin; sonra komutu yeniden çalıştırın.",
  /** The clashing entries were written by an earlier import of the same `.qna` file, into `folders`. */
  importedBefore: (qna: string, count: number, folders: readonly string[]) =>
    `${count} çift ${qna} dosyasının önceki içe aktarımıyla (${folders.join(", ")}) çakışıyor: yeniden içe aktarmak için aynı klasörü verin ` +
    `(--out ${folders[0] ?? "<klasör>"} --force); kimlikler, onlara bağlı puanlar ve raporlar korunur.`,
  /** The clashing entries were written by an earlier import of another `.qna` file (`earlier`), into `folders`. */
  importedAs: (qna: string, earlier: string, count: number, folders: readonly string[]) =>
    `${count} çift ${earlier} dosyasının önceki içe aktarımıyla (${folders.join(", ")}) çakışıyor. ${qna} aynı bilgi bankasının yeni bir ` +
    `dışa aktarımıysa onu ${earlier} adıyla kaydedip --out ${folders[0] ?? "<klasör>"} --force ile içe aktarın: girdilerin kimlikleri ` +
    "(dosya adından gelir) ve onlara bağlı puanlar korunur, yeni dosyada olmayan çiftlerin dosyaları yedek klasörüne taşınır.",
  written: (file: string, entries: number, folder: string) => `${file}: ${entries} girdi ${folder} klasörüne yazıldı`,
  backedUp: (count: number, folder: string) => `yerine yazılan ${count} girdi dosyasının önceki hâli ${folder} klasörüne kopyalandı`,
  staleMoved: (qna: string, folder: string, files: readonly string[]) =>
    `${qna} dosyasında artık olmayan ${files.length} çiftin girdi dosyası ${folder} klasörüne taşındı; bot onları artık sunmaz:\n${list(files)}`,
  /** `where` is the later pair's `.qna` file and line. */
  repeatDistinguished: (where: string, firstLine: number, file: string, tag: string) =>
    `${where}: aynı soru ${firstLine}. satırdaki çiftte de var; Markdown'da ikisi de ayrı girdi olarak kalsın diye ${file} dosyasına "${tag}" etiketi eklendi ` +
    "(bot hangisinin kastedildiğini sorar; soruları ayırdığınızda ya da girdileri birleştirdiğinizde etiketi silebilirsiniz)",
  synonymsWritten: (file: string, groups: number) => `${file}: ${groups} eş anlamlı grubu yazıldı`,
  synonymsAppended: (file: string, added: number, kept: number) =>
    `${file}: ${added} eş anlamlı grubu dosyanın sonuna eklendi; var olan ${kept} grup ve açıklamalar olduğu gibi kaldı`,
  synonymsNotWritten: (file: string) => `${file}: eş anlamlı grubu eklenmedi: içe aktarılan her grubun en az bir kelimesi var olan bir grupta`,
  /** As `synonymsNotWritten`, when the target folder has no synonyms file (the groups met are in others). */
  synonymsNotNeeded: "eş anlamlı grubu yazılmadı: içe aktarılan her grubun en az bir kelimesi bilgi klasöründeki bir grupta zaten var",
  duplicateGroup: (words: readonly string[], where: string) => `  ${group(words)} eklenmedi: ${where} grubunda zaten var`,
  clashWithExisting: (words: readonly string[], shared: readonly string[]) =>
    `içe aktarılan ${group(words)} grubu eklenmedi: ${quotedWords(shared)} bu grupta da var ve bir kelime yalnızca bir grupta olabilir; ` +
    "öteki kelimeleri isterseniz bu gruba elle ekleyin",
  clashWithinImport: (words: readonly string[], shared: readonly string[], firstLine: number) =>
    `${group(words)} grubu synonyms.yaml dosyasına eklenmedi: ${quotedWords(shared)} ${firstLine}. satırdaki grupta da var ve bir kelime yalnızca bir grupta olabilir; ` +
    "öteki kelimeleri isterseniz o gruba elle ekleyin",
  synonymsBroken: (file: string) =>
    `${file} dosyasında hatalar var: içe aktarılan eş anlamlılar ona eklenemez; hiçbir şey yazılmadı. Önce dosyayı düzeltin (npm run kb:check).`,
  group,
  /** `groups` as `group` shows them. */
  synonymsUnmergeable: (file: string, groups: readonly string[]) =>
    `${file} dosyasının sonuna yeni grup güvenle eklenemiyor; hiçbir şey yazılmadı. Şu grupları dosyaya elle ekleyin, sonra komutu yeniden çalıştırın:\n` +
    groups.map((shown) => `  - ${shown}`).join("\n"),
  next: (source: string) =>
    `Sonra: ${source} bilgi klasöründeyse oradan çıkarın (çiftleri iki kez sunulur), ardından npm run kb:check çalıştırın.`,
  /** `--out` outside the knowledge folder: the bot does not serve it, and `kb:check` checks the knowledge folder unless told. */
  nextOutside: (folder: string, knowledge: string) =>
    `Bu klasör bilgi klasörünün (${knowledge}) dışında: bot onu sunmaz. Denetlemek için: npm run kb:check -- ${folder}; sunmak için dosyaları bilgi klasörüne taşıyın.`,
  /** A folder given where one `.qna` file is expected. */
  folderGiven: (path: string) => `${path} bir klasör: içindeki .qna dosyalarından birini verin (her komut tek bir dosyayı aktarır)`,
} as const;

export const KB_EXPORT = {
  usage: "kullanım: npm run kb:export -- --qna [--out <dosya.qna>] [<bilgi klasörü>]   (varsayılan: KNOWLEDGE_DIR, standart çıktıya)",
  chooseFormat: "biçimi seçin (şimdilik yalnızca --qna)",
  nothingServed: (folder: string) => `${folder} klasöründe sunulan hiç girdi yok (bkz. npm run kb:check); hiçbir şey yazılmadı`,
  /** Files with errors, exported as the bot serves them: `kept` at their last good versions, `left` not at all. */
  asServed: (kept: readonly string[], left: readonly string[]) =>
    [
      "yukarıdaki hatalara rağmen bilgi bankası botun sunduğu hâliyle yazıldı",
      kept.length > 0 ? `son hatasız sürümleriyle yazılan dosyalar: ${kept.join(", ")}` : "",
      left.length > 0 ? `hiç hatasız sürümü olmadığı için yazılmayan dosyalar: ${left.join(", ")}` : "",
      "hataları düzeltip yeniden dışa aktarın",
    ]
      .filter((part) => part !== "")
      .join("; "),
  written: (folder: string, entries: number, file: string) => `${folder}: ${entries} girdi ${file} dosyasına yazıldı`,
  cannotWrite: (file: string, reason: string) => `${file} yazılamadı: ${reason}; hiçbir şey yazılmadı`,
  /** What the `.qna` file holds differently from the entry, and why (`ExportChange` in `knowledge/convert.ts`). */
  change: (change: ExportChange): string => {
    switch (change.kind) {
      case "fences":
        return "cevaptaki kod bloklarının ``` satırları .qna'da ~~~ olarak yazıldı: .qna cevap bloğu ``` içeremez; Markdown'da aynı kod bloğudur, ama geri okunan cevapta ~~~ kalır";
      case "backticks":
        return "cevaptaki ``` işaretleri .qna'da ''' olarak yazıldı: .qna cevap bloğu ``` içeremez ve bu cevapta ``` bir satırın içinde (ya da ~~~ ile birlikte) geçiyor; geri okunan cevapta ''' kalır ve kod biçimi kaybolur";
      case "promptTitle":
        return `takip sorusu başlığı "${change.title}" .qna'da "${change.written}" olarak yazıldı: "](#" .qna'da başlığı bitirir`;
      case "filter":
        return `"${change.tag}" etiketi .qna'da "${change.written}" filtresi olarak yazıldı; QnA Maker onu "${change.read}" olarak okur: bf-lu (.qna dosyasını QnA Maker'a yükleyen araç) filtre satırını her "=" işaretinden böler`;
      case "contextOnlyLost":
        return "girdi yalnızca takip sorusu olarak sunuluyor (contextOnly), ama hiçbir girdi onu takip sorusu olarak sunmuyor; .qna bunu yalnızca bir takip sorusunda (`context-only`) söyleyebildiğinden girdi .qna'da herkesin sorabileceği sıradan bir soru olarak yazıldı";
    }
  },
} as const;

/** Why a file could not be read, by the system error's code (`ENOENT` …); the others as the knowledge loader says them. */
export function readErrorText(code: string | undefined, detail: string): string {
  return code === "ENOENT" ? "böyle bir dosya yok" : systemErrorText(code, detail);
}

/** Why a file could not be written, by the system error's code (`ENOENT` …); other codes are shown as they are. */
export function writeErrorText(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return "bulunduğu klasör yok";
    case "EACCES":
    case "EPERM":
      return "yazma izni yok";
    case "EISDIR":
      return "bir klasör, dosya değil";
    case "ENOTDIR":
      return "yolundaki bir ad klasör değil";
    case "ENOSPC":
      return "diskte yer kalmadı";
    case "EROFS":
      return "disk salt okunur";
    default:
      return code ?? "bilinmeyen hata";
  }
}

/** What a command was doing to a file or folder, by the system call that failed (`mkdir`, `open` …). */
export function fileActionText(syscall: string): string {
  switch (syscall) {
    case "mkdir":
    case "mkdtemp":
      return "klasörü oluşturulamadı";
    case "open":
      return "açılamadı";
    case "read":
      return "okunamadı";
    case "write":
      return "yazılamadı";
    case "rename":
      return "taşınamadı";
    case "copyfile":
      return "kopyalanamadı";
    case "scandir":
    case "opendir":
      return "klasörü okunamadı";
    case "unlink":
    case "rmdir":
    case "rm":
      return "silinemedi";
    default:
      return `üzerinde işlem yapılamadı (${syscall})`;
  }
}

/** Why the system refused a file or folder, by its error code (`EEXIST` …); other codes are shown as they are. */
export function fileErrorText(code: string, syscall: string): string {
  switch (code) {
    case "ENOENT":
      return "dosya ya da bulunduğu klasör yok";
    case "EACCES":
    case "EPERM":
      return "izin yok";
    case "EEXIST":
      return syscall === "mkdir" ? "bu ad bir dosyanın, klasör değil" : "bu adda bir dosya ya da klasör zaten var";
    case "ENOTDIR":
      return "yolundaki bir ad klasör değil, dosya";
    case "EISDIR":
      return "bir klasör, dosya değil";
    case "ENOTEMPTY":
      return "klasör boş değil";
    case "ENAMETOOLONG":
      return "yol çok uzun";
    case "EBUSY":
      return "başka bir süreç kullanıyor";
    case "EMFILE":
    case "ENFILE":
      return "aynı anda açık dosya sınırına ulaşıldı";
    case "ENOSPC":
      return "diskte yer kalmadı";
    case "EROFS":
      return "disk salt okunur";
    case "EIO":
      return "disk okuma ya da yazma hatası";
    case "EFBIG":
      return "dosya, sistemin izin verdiği en büyük boyutu aşıyor";
    default:
      return code;
  }
}

/**
 * Why a database could not be opened, by the driver's error code: a system error's (`ECONNREFUSED`
 * …), PostgreSQL's SQLSTATE (`28P01` …) or SQLite's (`SQLITE_NOTADB` …). An unknown one is shown
 * with the driver's own text, which names no password.
 */
export function databaseErrorText(code: string | undefined, detail: string): string {
  switch (code) {
    case "ECONNREFUSED":
      return "bağlantı reddedildi (sunucu çalışmıyor ya da adres veya port yanlış)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "sunucunun adı çözülemedi";
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "sunucuya ulaşılamadı";
    case "ECONNRESET":
      return "bağlantı sunucu tarafından kapatıldı";
    case "28P01":
      return "parola yanlış";
    case "28000":
      return "kullanıcı tanınmadı ya da bağlanmasına izin verilmiyor";
    case "3D000":
      return "böyle bir veritabanı yok";
    case "42501":
      return "kullanıcının tablo oluşturma ya da okuma yetkisi yok";
    case "53300":
      return "sunucunun bağlantı sınırı dolu";
    case "57P03":
      return "sunucu şu an bağlantı kabul etmiyor (açılıyor ya da kapanıyor)";
    case "EEXIST":
      return "bu ad bir dosyanın, klasör değil";
    case "SQLITE_NOTADB":
      return "dosya bir SQLite veritabanı değil";
    case "SQLITE_CORRUPT":
      return "veritabanı dosyası bozuk";
    case "SQLITE_CANTOPEN":
      return "dosya açılamadı";
    case "SQLITE_READONLY":
      return "dosya salt okunur";
    case "SQLITE_BUSY":
      return "dosya başka bir süreç tarafından kilitli";
    case "SQLITE_FULL":
      return "diskte yer kalmadı";
    case "ENOENT":
    case "EACCES":
    case "EPERM":
    case "EISDIR":
    case "ENOTDIR":
    case "ENOSPC":
    case "EROFS":
      return writeErrorText(code);
    default:
      return `beklenmeyen hata (${code === undefined ? detail : `${code}: ${detail}`})`;
  }
}

export const CHECK_CONFIG = {
  usage:
    "kullanım: npm run check:config\n" +
    "       Ortamı (ve .env'i) botun okuduğu gibi denetler; KNOWLEDGE_DIR'in bir klasör olduğuna bakar.\n" +
    "       `npm start` derlemeden önce çalıştırır; bir yanlış hemen bildirilir.",
  noArguments: (args: string) => `argüman beklenmiyor, verilen: ${args}`,
  noFolder: (dir: string) => `KNOWLEDGE_DIR: böyle bir klasör yok: ${dir}`,
  /** KNOWLEDGE_DIR names a file: it exists, so "no such folder" misled. */
  fileNotFolder: (dir: string) => `KNOWLEDGE_DIR: ${dir} bir dosya, klasör değil`,
  /** Why DATA_DIR cannot be the data folder (`inspectDataDir`); `reason` is `fileErrorText`'s. */
  dataDir: (dir: string, problem: DataDirProblem): string => {
    switch (problem.kind) {
      case "not-a-folder":
        return problem.path === dir || problem.path === resolve(dir)
          ? `DATA_DIR: ${dir} bir dosya, klasör değil; DATA_DIR'e bir klasör verin`
          : `DATA_DIR: ${dir} oluşturulamaz: ${problem.path} bir dosya, klasör değil; DATA_DIR'e bir klasör verin`;
      case "cannot-create":
        return `DATA_DIR: ${dir} oluşturulamaz (${problem.path}: ${fileErrorText(problem.code, "mkdir")}); klasörü oluşturun ya da DATA_DIR'e bu sürecin yazabileceği bir klasör verin`;
      case "not-writable":
        return `DATA_DIR: ${dir} klasörüne yazılamıyor (${fileErrorText(problem.code, "open")}); DATA_DIR'e bu sürecin yazabileceği bir klasör verin`;
    }
  },
  valid: (dir: string) => `yapılandırma geçerli (bilgi klasörü: ${dir})`,
  /** A variable the bot ignores although it was likely meant for it (`configWarnings`). */
  warning: (warning: ConfigWarning): string => {
    switch (warning.kind) {
      case "near-miss":
        return `uyarı: ${warning.name} botun okuduğu bir değişken değil, yok sayılıyor; ${warning.known} mi demek istediniz?`;
      case "unauthenticated-near-miss":
        return `UYARI: MicrosoftAppId boş olduğu için bot KİMLİK DOĞRULAMASI OLMADAN yerel kipte çalışacak; ${warning.name} yok sayılıyor: ${warning.known} mi demek istediniz? (büyük-küçük harf önemlidir)`;
      case "password-without-app-id":
        return "UYARI: MicrosoftAppPassword verilmiş ama MicrosoftAppId boş: bot KİMLİK DOĞRULAMASI OLMADAN yerel kipte çalışacak, parola kullanılmayacak";
    }
  },
} as const;

export const TEAMS_PACKAGE = {
  usage: (out: string, developerMax: number, urlMax: number) =>
    `kullanım: npm run teams:package -- --website https://… [--privacy https://…] [--terms https://…] [--developer AD] [--out ${out}]\n` +
    "       Teams uygulama paketini (manifest ve simgeler) yazar. Uygulamanın adı ve açıklamaları paketleme anında\n" +
    "       bilgi klasöründeki (KNOWLEDGE_DIR) bot.yaml dosyasından okunur (teamsShortName, teamsFullName,\n" +
    "       teamsShortDescription, teamsFullDescription); bot.yaml değişince paketi yeniden oluşturup yükleyin.\n" +
    `       --developer (en çok ${developerMax} karakter) verilmezse teamsShortName kullanılır; adresler https olmalı (en çok ${urlMax} karakter).`,
  textsBroken: (label: string) => `${label} içindeki bot.yaml hatalı: uygulamanın adı ve açıklamaları okunamadı; hataları düzeltip (npm run kb:check) yeniden deneyin`,
  /** Where the app's names and descriptions came from, printed before the zip's path. */
  textsFrom: (fullName: string, files: readonly string[], builtIn: readonly string[]) =>
    `Teams uygulaması "${fullName}": ` +
    (files.length === 0
      ? "bilgi klasöründe Teams metinleri yazılmamış (bot.yaml); adı ve açıklamaları için yerleşik, konudan bağımsız metinler kullanıldı"
      : `adı ve açıklamaları ${files.join(", ")} ${files.length > 1 ? "dosyalarından" : "dosyasından"} alındı${builtIn.length > 0 ? `; yazılmamış olanlar için yerleşik metin kullanıldı: ${builtIn.join(", ")}` : ""}`) +
    ". bot.yaml değişirse paketi yeniden oluşturup yükleyin.",
  websiteMissing: "--website gerekli: Teams uygulamanın sayfasında geliştiricinin sitesi olarak gösterir (https://…)",
  httpsUrl: (option: string, value: string) => `--${option} https:// ile başlayan bir adres olmalı, verilen: "${value}" (Teams bunu uygulamanın sayfasında gösterir)`,
  developerEmpty: "--developer boş olamaz: Teams bu adı uygulamanın sayfasında geliştirici olarak gösterir (vermezseniz teamsShortName kullanılır)",
  /** Over a limit of the Teams manifest schema (`MANIFEST_LIMITS`). */
  tooLong: (option: string, max: number, length: number) =>
    `--${option} en çok ${max} karakter olabilir, verilen ${length} karakter (Teams uygulama paketi daha uzun bir değeri kabul etmez)`,
  outEmpty: "--out boş olamaz: paketin yazılacağı .zip dosyasının yolunu verin",
  badAppId: (appId: string) =>
    `MicrosoftAppId botun Microsoft Entra uygulama kimliği (GUID) olmalı; şu an ${appId === "" ? "boş" : `"${appId}"`}`,
} as const;

export const REPORT = {
  usage: (tables: readonly string[]) =>
    `kullanım: npm run report -- [--json | --csv [--table ${tables.join("|")}]] [--since YYYY-AA-GG] [--until YYYY-AA-GG]\n` +
    "       Veritabanından memnuniyet raporunu yazar (CSAT, NPS, CES, cevaplar, yanıtlanamayan sorular, yorumlar, vakalar).\n" +
    "       Günler REPORT_TIMEZONE saat dilimindeki takvim günleridir.",
  table: (tables: readonly string[]) => `--table şunlardan biri olmalı: ${tables.join(", ")}`,
  jsonAndCsv: "--json ve --csv birlikte kullanılamaz",
  tableWithoutCsv: "--table yalnızca --csv ile kullanılır (rapor ve --json her tabloyu içerir)",
  knowledgeMissing: (dir: string) => `${dir} klasöründeki bilgi yüklenemedi; girdiler yalnızca id'leriyle gösteriliyor`,
  // the readable report
  title: (range: string, timeZone: string) => `Memnun memnuniyet raporu (${range}, ${timeZone} takvim günleri)`,
  allTime: "tüm zamanlar",
  measureColumns: ["ölçü", "değer", "yanıt"],
  answers: "verilen cevap",
  csat: "CSAT (4–5 puan oranı)",
  csatAverage: "ortalama puan (1–5)",
  responseRate: "puanlama oranı",
  nps: "NPS (−100…100)",
  ces: "CES ortalaması (1–7)",
  ratings: (d: readonly number[]) => `puanlar: ${d.map((n, i) => `${i + 1}★ ${n}`).join(" · ")}`,
  npsParts: (promoters: number, passives: number, detractors: number) =>
    `NPS: ${promoters} tavsiye eden · ${passives} pasif · ${detractors} kötüleyen`,
  channels: "Kanallara göre",
  channelColumns: ["kanal", "soru", "yanıtlanamayan", "cevap", "puan", "CSAT", "ort."],
  weeks: "Haftalık CSAT (ISO haftaları)",
  weekColumns: ["hafta", "pazartesi", "puan", "CSAT"],
  entries: "Cevaplar, en kötüsü önce (en düşük CSAT, sonra en düşük ortalama, sonra en çok puan)",
  entryColumns: ["girdi", "soru", "cevap", "puan", "CSAT", "ort."],
  /** In the question column (and the CSV's), for an entry answered once and no longer in the knowledge. */
  deletedEntry: "(silinmiş girdi)",
  unanswered: "Yanıtlanamayan ve belirsiz sorular",
  unansweredColumns: ["adet", "sonuç", "soru"],
  statuses: { none: "cevap yok", ambiguous: "belirsiz" },
  comments: "Son yorumlar",
  commentColumns: ["zaman", "girdi", "puan", "yorum"],
  noneYet: "(henüz yok)",
  none: "(yok)",
  // the cases part
  cases: "Vakalar (şikayetler ve bir kişiyle görüşme istekleri)",
  caseColumns: ["ölçü", "değer"],
  casesOpened: "açılan",
  casesResolved: "çözülen",
  casesOverdue: "şu an geciken (ilk dönüş zamanında yapılmadı)",
  casesByStatus: "açık · inceleniyor · çözüldü · kapatıldı",
  casesFirstResponse: "ilk dönüşe kadar saat (medyan)",
  casesResolution: "çözüme kadar saat (medyan)",
  casesLowRatings: "vakaya dönüşen düşük puanlar (1–2)",
  casesLowRatingsValue: (share: string, of: number) => `${share} (${of} düşük puandan)`,
  casesCsat: "vaka çıkan cevapların CSAT'ı",
} as const;
