import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A maker of temporary folders named `memnun-<prefix>-…`, all removed after the file's tests. Call at a file's top level. */
export function temporaryFolders(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `memnun-${prefix}-`));
    made.push(dir);
    return dir;
  };
}
