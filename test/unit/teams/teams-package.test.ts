import { childEnv, PROCESS_TEST_TIMEOUT_MS } from "../../helpers/cli";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { TEXTS } from "../../../bot/conversation/texts";
import { VERSION } from "../../../bot/version";
import { REPO_ROOT } from "../../helpers/app";
import { folderWith as knowledgeFolder } from "../../helpers/knowledge";

const APP_ID = "0b3c7a52-9d1e-4f6a-8c2b-5e7d9f1a3b4c";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run teams:package` as a real process with exactly the given bot settings. */
async function teamsPackage(args: string[], env: Record<string, string>): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "--silent", "teams:package", "--", ...args], {
      cwd: REPO_ROOT,
      env: childEnv({ MicrosoftAppId: "", MicrosoftAppPassword: "", ...env }),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** Width and height from a PNG's IHDR chunk; null when the bytes are not a PNG. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const buffer = Buffer.from(bytes);
  if (buffer.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") return null;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

describe("npm run teams:package", () => {
  const dir = mkdtempSync(join(tmpdir(), "memnun-teams-"));
  const folders: string[] = [dir];
  /** A knowledge folder of `files`, removed after the tests. */
  const folderWith = async (files: Record<string, string>): Promise<string> => {
    const folder = await knowledgeFolder(files);
    folders.push(folder);
    return folder;
  };
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it("writes a zip with the manifest (bot id from MicrosoftAppId) and both icons", async () => {
    const out = join(dir, "nested", "memnun.zip");
    const run = await teamsPackage(["--website", "https://memnun.example.com", "--privacy", "https://memnun.example.com/gizlilik", "--out", out], {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: "secret-not-in-the-package",
    });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const lines = run.stdout.trim().split("\n");
    // the zip's path last; before it, where the app's names and descriptions came from
    expect(lines.at(-1)).toBe(out);
    expect(lines.slice(0, -1)).toEqual([
      'Teams uygulaması "Memnun – Müşteri memnuniyeti asistanı": adı ve açıklamaları knowledge/bot.yaml dosyasından alındı. bot.yaml değişirse paketi yeniden oluşturup yükleyin.',
    ]);
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifestText = new TextDecoder().decode(files["manifest.json"]);
    expect(manifestText).not.toContain("secret-not-in-the-package");
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      manifestVersion: "1.17",
      version: VERSION,
      id: APP_ID,
      developer: {
        name: "Memnun",
        websiteUrl: "https://memnun.example.com",
        privacyUrl: "https://memnun.example.com/gizlilik",
        termsOfUseUrl: "https://memnun.example.com",
      },
      // the shipped knowledge/bot.yaml's words, as the app presented itself before they left the code
      name: { short: "Memnun", full: "Memnun – Müşteri memnuniyeti asistanı" },
      description: {
        short: "Müşteri memnuniyeti, sadakat, CRM ve CSAT/NPS/CES sorularınızı yanıtlar.",
        full: expect.stringMatching(/^Memnun, müşteri memnuniyeti, müşteri sadakati, müşteri deneyimi, CRM, CSAT\/NPS\/CES ölçümleri ve ISO 10002 hakkındaki sorularınızı/),
      },
      icons: { color: "color.png", outline: "outline.png" },
      bots: [{ botId: APP_ID, scopes: ["personal"] }],
    });
    expect(String(manifest.$schema)).toContain("v1.17/MicrosoftTeams.schema.json");
    expect(manifest.bots).toMatchObject([{ commandLists: [{ commands: [{ title: TEXTS.teams.helpCommand, description: TEXTS.teams.helpDescription }] }] }]);
    expect(String(manifest.version)).toMatch(/^\d+\.\d+\.\d+$/);
    expect(String(manifest.accentColor)).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(pngSize(files["color.png"] ?? new Uint8Array())).toEqual({ width: 192, height: 192 });
    expect(pngSize(files["outline.png"] ?? new Uint8Array())).toEqual({ width: 32, height: 32 });
  }, 60_000);

  describe("another company's knowledge folder (a cargo FAQ)", () => {
    const CARGO = { "gonderi/kargom-nerede.md": "---\nid: kargom-nerede\nquestion: Kargom nerede?\n---\nTakip numaranızla gönderinizin yerini sorgulayabilirsiniz.\n" };
    const SHIPPED_TOPIC = /memnuniyet|sadakat|deneyim|CRM|CSAT|NPS|CES|ISO 10002/i;
    const settings = (knowledgeDir: string): Record<string, string> => ({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "x", KNOWLEDGE_DIR: knowledgeDir });
    const manifestOf = (zip: string): Record<string, unknown> => JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(zip))["manifest.json"])) as Record<string, unknown>;

    it("names and describes the app in the words of its bot.yaml, read at packaging time", async () => {
      const knowledge = await folderWith({
        ...CARGO,
        "bot.yaml": [
          'teamsShortName: "Kargocu"',
          'teamsFullName: "Kargocu – Gönderi asistanı"',
          'teamsShortDescription: "Gönderi, iade ve ücret sorularınızı yanıtlar."',
          "teamsFullDescription: |",
          "  Kargocu, gönderilerinizle ilgili sorularınızı yanıtlar.",
          "",
          "  Takip numaranızı yazmanız yeterli.",
        ].join("\n"),
      });
      const out = join(dir, "kargocu.zip");
      const run = await teamsPackage(["--website", "https://kargocu.example.com", "--out", out], settings(knowledge));
      expect(run).toMatchObject({ code: 0, stderr: "" });
      // a folder outside the working directory is named by its absolute path, as kb:check names it
      expect(run.stdout).toContain(`Teams uygulaması "Kargocu – Gönderi asistanı": adı ve açıklamaları ${knowledge}/bot.yaml dosyasından alındı.`);
      expect(manifestOf(out)).toMatchObject({
        developer: { name: "Kargocu" },
        name: { short: "Kargocu", full: "Kargocu – Gönderi asistanı" },
        description: { short: "Gönderi, iade ve ücret sorularınızı yanıtlar.", full: "Kargocu, gönderilerinizle ilgili sorularınızı yanıtlar.\n\nTakip numaranızı yazmanız yeterli." },
      });

      // an edit is read by the next packaging; keys left out are built in, and the output says which
      await writeFile(join(knowledge, "bot.yaml"), 'teamsShortName: "Kargocu Plus"\n');
      const again = await teamsPackage(["--website", "https://kargocu.example.com", "--developer", "Kargocu A.Ş.", "--out", out], settings(knowledge));
      expect(again).toMatchObject({ code: 0, stderr: "" });
      expect(again.stdout).toContain("yazılmamış olanlar için yerleşik metin kullanıldı: teamsFullName, teamsShortDescription, teamsFullDescription");
      const edited = manifestOf(out);
      expect(edited).toMatchObject({
        developer: { name: "Kargocu A.Ş." },
        name: { short: "Kargocu Plus", full: TEXTS.bot.teamsFullName },
        description: { short: TEXTS.bot.teamsShortDescription, full: TEXTS.bot.teamsFullDescription },
      });
      expect(JSON.stringify(edited)).not.toMatch(SHIPPED_TOPIC);
    }, PROCESS_TEST_TIMEOUT_MS);

    it("without bot.yaml uses built-in words that name no topic, and says so", async () => {
      const out = join(dir, "yerlesik.zip");
      const run = await teamsPackage(["--website", "https://kargocu.example.com", "--out", out], settings(await folderWith(CARGO)));
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toContain("yerleşik, konudan bağımsız metinler kullanıldı");
      const manifest = manifestOf(out);
      expect(manifest).toMatchObject({ name: { short: TEXTS.bot.teamsShortName, full: TEXTS.bot.teamsFullName } });
      expect(JSON.stringify(manifest)).not.toMatch(SHIPPED_TOPIC);
    }, PROCESS_TEST_TIMEOUT_MS);

    it("refuses a bot.yaml with errors (a name longer than Teams allows) with its file and line, in Turkish, and writes nothing", async () => {
      const knowledge = await folderWith({ ...CARGO, "bot.yaml": 'pageTitle: "Kargocu"\nteamsShortName: "Kargocu Gönderi ve İade Asistanı 7/24"\n' });
      const out = join(dir, "hatali.zip");
      const run = await teamsPackage(["--website", "https://kargocu.example.com", "--out", out], settings(knowledge));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`hata  ${knowledge}/bot.yaml:2: "teamsShortName": en çok 30 karakter olabilir, bu metin 37 karakter`);
      expect(run.stderr).toMatch(/^\[teams\] .*bot\.yaml hatalı/m);
      expect(existsSync(out)).toBe(false);
    }, PROCESS_TEST_TIMEOUT_MS);
  });

  it("refuses an empty or malformed MicrosoftAppId and writes nothing", async () => {
    const out = join(dir, "none.zip");
    const empty = await teamsPackage(["--website", "https://memnun.example.com", "--out", out], {});
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^\[teams\] MicrosoftAppId .* boş$/m);
    const malformed = await teamsPackage(["--website", "https://memnun.example.com", "--out", out], { MicrosoftAppId: "memnun-bot", MicrosoftAppPassword: "x" });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('"memnun-bot"');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("refuses a developer name, URL or output path the Teams manifest schema would reject, naming the option in Turkish, and writes nothing (QA 47 #6)", async () => {
    const out = join(dir, "refused.zip");
    const settings = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "x" };
    const refusal = async (args: string[]): Promise<string> => {
      const run = await teamsPackage(["--website", "https://memnun.example.com", "--out", out, ...args], settings);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("kullanım: npm run teams:package");
      return run.stderr.split("\n")[0] ?? "";
    };
    const longName = "Acme Müşteri Hizmetleri ve Çağrı Merkezi Anonim Şirketi";
    expect(await refusal(["--developer", longName])).toBe(
      `[teams] --developer en çok 32 karakter olabilir, verilen ${[...longName].length} karakter (Teams uygulama paketi daha uzun bir değeri kabul etmez)`,
    );
    expect(await refusal(["--developer", ""])).toMatch(/^\[teams\] --developer boş olamaz/);
    expect(await refusal(["--developer", "   "])).toMatch(/^\[teams\] --developer boş olamaz/);
    expect(await refusal(["--privacy", "http://memnun.example.com/gizlilik"])).toBe(
      '[teams] --privacy https:// ile başlayan bir adres olmalı, verilen: "http://memnun.example.com/gizlilik" (Teams bunu uygulamanın sayfasında gösterir)',
    );
    expect(await refusal(["--terms", "kosullar"])).toMatch(/^\[teams\] --terms https:\/\/ ile başlayan bir adres olmalı/);
    expect(await refusal(["--terms", `https://memnun.example.com/${"k".repeat(2048)}`])).toMatch(/^\[teams\] --terms en çok 2048 karakter olabilir, verilen 2075 karakter/);
    const withoutWebsite = await teamsPackage(["--out", out], settings);
    expect(withoutWebsite.code).toBe(2);
    expect(withoutWebsite.stderr).toMatch(/^\[teams\] --website gerekli/);
    const emptyOut = await teamsPackage(["--website", "https://memnun.example.com", "--out", ""], settings);
    expect(emptyOut.code).toBe(2);
    expect(emptyOut.stderr).toMatch(/^\[teams\] --out boş olamaz/);
    expect(existsSync(out)).toBe(false);

    // the schema's limit itself is accepted: 32 characters, Turkish letters counted as one each
    const atLimit = "Çağrı Merkezi Müşteri Hizmetleri";
    expect([...atLimit]).toHaveLength(32);
    const accepted = await teamsPackage(["--website", "https://memnun.example.com", "--developer", atLimit, "--out", out], settings);
    expect(accepted).toMatchObject({ code: 0, stderr: "" });
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))["manifest.json"])) as { developer: { name: string } };
    expect(manifest.developer.name).toBe(atLimit);
  }, PROCESS_TEST_TIMEOUT_MS);

  it("says in Turkish, naming the path, that --out cannot be written when its folder is a file, with exit 1 (QA 47 #7: Node's English EEXIST)", async () => {
    const file = join(dir, "bir-dosya");
    await writeFile(file, "klasör değil\n");
    const settings = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "x" };
    const run = await teamsPackage(["--website", "https://memnun.example.com", "--out", join(file, "memnun.zip")], settings);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toBe(`[teams:package] ${file} klasörü oluşturulamadı: bu ad bir dosyanın, klasör değil\n`);
    const onFolder = await teamsPackage(["--website", "https://memnun.example.com", "--out", dir], settings);
    expect(onFolder).toMatchObject({ code: 1, stdout: "" });
    expect(onFolder.stderr).toBe(`[teams:package] ${dir} açılamadı: bir klasör, dosya değil\n`);
  }, PROCESS_TEST_TIMEOUT_MS);

  it("asks for the https website Teams shows on the app's page", async () => {
    const run = await teamsPackage(["--website", "http://memnun.example.com"], { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "x" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("kullanım: npm run teams:package");
  }, 60_000);
});
