import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../bot/config";
import { REPO_ROOT } from "../helpers/app";

/** `.env.example` documents every variable the configuration reads, and its values load. */
describe(".env.example", () => {
  const text = readFileSync(join(REPO_ROOT, ".env.example"), "utf8");
  const documented = new Set([...text.matchAll(/^([A-Za-z_]+)=/gm)].map((m) => m[1]));

  it("lists every variable bot/config.ts reads", () => {
    const source = readFileSync(join(REPO_ROOT, "bot", "config.ts"), "utf8");
    const schema = source.slice(source.indexOf("z.object({"), source.indexOf("});", source.indexOf("z.object({")));
    const read = [...schema.matchAll(/^ {2}([A-Za-z_]+):/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });

  it("loads as it is", () => {
    const env: Record<string, string> = {};
    for (const [, name, value] of text.matchAll(/^([A-Za-z_]+)=(.*)$/gm)) if (name !== undefined) env[name] = value ?? "";
    expect(() => loadConfig(env)).not.toThrow();
  });
});
