import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { childEnv } from "../helpers/cli";

const REPO = join(__dirname, "..", "..");

interface AskLine {
  query: string;
  status: string;
  id: string | null;
  question: string | null;
  confidence: number;
  candidates: Array<{ id: string; question: string; confidence: number }>;
}

function parseLines(stdout: string): AskLine[] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as AskLine);
}

describe("npm run --silent ask -- --json", () => {
  it("prints exactly one JSON line in the contract's shape for one question", async () => {
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "ask", "--", "--json", "musteri sadakatin tanimi"], { cwd: REPO });
    const lines = parseLines(stdout);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(Object.keys(line ?? {}).sort()).toEqual(["candidates", "confidence", "id", "query", "question", "status"]);
    expect(line).toMatchObject({ query: "musteri sadakatin tanimi", status: "answered", id: "memnuniyet-ve-sadakat", question: "Müşteri memnuniyeti ve sadakati nedir?" });
    expect(line?.confidence).toBeGreaterThan(0);
    expect(line?.confidence).toBeLessThanOrEqual(1);
    expect(line?.candidates[0]).toEqual({ id: line?.id, question: line?.question, confidence: line?.confidence });
  });

  it("reads questions from stdin, one JSON line each, in order; none has null id only without candidates", async () => {
    const child = spawn("npm", ["run", "--silent", "ask", "--", "--json"], { cwd: REPO });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stdin.end("crm nedir\nasdfghjkl\nISO 10002\n");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines.map((l) => l.query)).toEqual(["crm nedir", "asdfghjkl", "ISO 10002"]);
    expect(lines[0]).toMatchObject({ status: "answered", id: "crm-musteri-iliskileri" });
    expect(lines[1]).toMatchObject({ status: "none", id: null, question: null, candidates: [] });
    expect(lines[2]).toMatchObject({ status: "answered", id: "iso-10002" });
  });

  it("honours KNOWLEDGE_DIR", async () => {
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "ask", "--", "--json", "kargo ucreti ne kadar"], {
      cwd: REPO,
      env: childEnv({ KNOWLEDGE_DIR: join(REPO, "test", "fixtures", "knowledge-valid") }),
    });
    expect(parseLines(stdout)[0]).toMatchObject({ status: "answered", id: "export-1" });
  });
});
