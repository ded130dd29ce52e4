import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { writeFileAtomicSync } from "../atomic-file";

/**
 * A spool: what waits for a database or a receiver that is away, kept on disk as JSON lines so
 * that a crash, `kill -9` or a power loss loses nothing acknowledged. Feedback waiting for the
 * database (`bot/feedback/recorder.ts`) and alerts waiting for the webhook
 * (`bot/cases/alert-spool.ts`) are both kept this way; what each does with the lines it reads back
 * (and the alerts' journal of deliveries) is theirs.
 */

/** The file operations behind a spool's appends: an append must be on the disk when it returns (tests inject a full disk). */
export interface SpoolFiles {
  /** Appends `text` to the open file and flushes it to the disk; throws (ENOSPC, EIO…) when it cannot. */
  append(fd: number, text: string): void;
}

/** The real disk. */
export const DISK_FILES: SpoolFiles = {
  append(fd, text) {
    writeSync(fd, text);
    fsyncSync(fd);
  },
};

/** Thrown when a spool is appended to while it is not open (never opened, closed, or not reopened after a replacement failed). */
export class SpoolNotOpenError extends Error {
  constructor(readonly path: string) {
    super(`[storage] the spool ${path} is not open`);
    this.name = "SpoolNotOpenError";
  }
}

/** A line of a spool as read back: its text, and its JSON value. */
export interface SpooledLine {
  readonly text: string;
  readonly value: unknown;
}

/** Whether the spool is a regular file (or none yet): a device or a pipe is written to in place, never read back nor replaced. */
function isRegular(file: string): boolean {
  return !existsSync(file) || statSync(file).isFile();
}

/**
 * The lines of a spool that hold JSON, in order. A line cut short by a crash (or garbage after a
 * power loss) is skipped: a line is written whole and flushed before what it holds is
 * acknowledged. Blank lines are skipped. A spool that is no regular file reads as empty.
 */
export function readSpoolLines(file: string): SpooledLine[] {
  if (!existsSync(file) || !statSync(file).isFile()) return [];
  const lines: SpooledLine[] = [];
  for (const text of readFileSync(file, "utf8").split("\n")) {
    if (text.trim() === "") continue;
    try {
      lines.push({ text, value: JSON.parse(text) });
    } catch {
      // a torn line: never acknowledged
    }
  }
  return lines;
}

const asLines = (values: readonly unknown[]): string => values.map((value) => `${JSON.stringify(value)}\n`).join("");

/**
 * A spool file open for appending. Each append is one write, flushed before it returns; one that
 * fails is taken back to where the file ended, and when even that fails the next line starts on
 * a line of its own, so no later line ever continues a torn one. `replace` writes what still
 * waits to a new file renamed over the spool (`writeFileAtomicSync`): a crash meanwhile leaves the
 * old lines or the new ones, never fewer; the spool is never cut short in place, not even to
 * empty it (a crash test watches for that: `test/e2e/alert-crash.e2e.test.ts`).
 */
export class SpoolFile {
  private fd: number | undefined;
  /** The file may end in a torn line: the next append starts with a line break. */
  private torn = false;

  constructor(
    readonly path: string,
    private readonly files: SpoolFiles = DISK_FILES,
  ) {}

  get isOpen(): boolean {
    return this.fd !== undefined;
  }

  /** Opens the spool for appending, making its folder when missing; nothing when it is open. */
  open(): void {
    if (this.fd !== undefined) return;
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, "a");
  }

  /** Appends `values` as JSON lines in one write and flushes them; throws the system's error when they are not on the disk. */
  append(values: readonly unknown[]): void {
    this.write(asLines(values));
  }

  /** Appends a blank line (skipped when read back): throws when the spool cannot be written, a full disk. */
  probe(): void {
    this.write("\n");
  }

  /**
   * Replaces the spool's lines with `values`, whole or not at all, and appends to the new file
   * from then on; the spool is open afterwards. A spool that is no regular file (a device, a pipe)
   * is written to in place. Throws `AtomicWriteError` when the new file could not be written (the
   * old lines stay), or the system's error when it could not be opened after (appends then throw
   * `SpoolNotOpenError`).
   */
  replace(values: readonly unknown[]): void {
    if (!isRegular(this.path)) {
      this.open();
      if (values.length > 0) this.write(asLines(values));
      return;
    }
    try {
      writeFileAtomicSync(this.path, asLines(values));
    } catch (error) {
      // the old file stays, and may end in a line torn before this process started
      this.torn = true;
      throw error;
    }
    this.torn = false;
    // the old descriptor still points at the file the rename replaced
    this.close();
    this.open();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private write(text: string): void {
    const fd = this.fd;
    if (fd === undefined) throw new SpoolNotOpenError(this.path);
    let size: number | undefined;
    try {
      size = fstatSync(fd).size;
      this.files.append(fd, `${this.torn ? "\n" : ""}${text}`);
      this.torn = false;
    } catch (error) {
      this.takeBack(fd, size);
      throw error;
    }
  }

  /** Cuts a failed append off the end of the file; when that fails too, the next append starts a line of its own. */
  private takeBack(fd: number, size: number | undefined): void {
    if (size === undefined) {
      this.torn = true;
      return;
    }
    try {
      ftruncateSync(fd, size);
    } catch {
      this.torn = true;
    }
  }
}
