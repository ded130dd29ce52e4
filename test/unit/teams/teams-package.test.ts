import { childEnv } from "../../helpers/cli";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { TEXTS } from "../../../bot/conversation/texts";
import { VERSION } from "../../../bot/version";
import { REPO_ROOT } from "../../helpers/app";

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

  it("writes a zip with the manifest (bot id from MicrosoftAppId) and both icons", async () => {
    const out = join(dir, "nested", "memnun.zip");
    const run = await teamsPackage(["--website", "https://memnun.example.com", "--privacy", "https://memnun.example.com/gizlilik", "--out", out], {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: "secret-not-in-the-package",
    });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.trim()).toBe(out);
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
        name: TEXTS.teams.shortName,
        websiteUrl: "https://memnun.example.com",
        privacyUrl: "https://memnun.example.com/gizlilik",
        termsOfUseUrl: "https://memnun.example.com",
      },
      name: { short: TEXTS.teams.shortName, full: TEXTS.teams.fullName },
      icons: { color: "color.png", outline: "outline.png" },
      bots: [{ botId: APP_ID, scopes: ["personal"] }],
    });
    expect(String(manifest.$schema)).toContain("v1.17/MicrosoftTeams.schema.json");
    // the schema's limits
    expect(TEXTS.teams.shortName.length).toBeLessThanOrEqual(30);
    expect(TEXTS.teams.fullName.length).toBeLessThanOrEqual(100);
    expect(TEXTS.teams.shortDescription.length).toBeLessThanOrEqual(80);
    expect(TEXTS.teams.fullDescription.length).toBeLessThanOrEqual(4000);
    expect(String(manifest.version)).toMatch(/^\d+\.\d+\.\d+$/);
    expect(String(manifest.accentColor)).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(pngSize(files["color.png"] ?? new Uint8Array())).toEqual({ width: 192, height: 192 });
    expect(pngSize(files["outline.png"] ?? new Uint8Array())).toEqual({ width: 32, height: 32 });
  }, 60_000);

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

  it("asks for the https website Teams shows on the app's page", async () => {
    const run = await teamsPackage(["--website", "http://memnun.example.com"], { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "x" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("kullanım: npm run teams:package");
  }, 60_000);
});
