import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { readSpool } from "../../bot/cases/alert-spool";
import type { Alert } from "../../bot/cases/alerts";
import { REPO_ROOT } from "../helpers/app";
import { PROCESS_TEST_TIMEOUT_MS } from "../helpers/cli";
import { waitFor } from "../helpers/wait";

/** Alerts an outage left behind when the killed drains begin. */
const BACKLOG = 600;
/** Small, so that compactions happen while the drains are killed. */
const COMPACT_MIN_MARKS = 20;
/** Every this many requests the test raises one more alert in the child, while it drains. */
const RAISE_EVERY = 10;
/** The backlog of the drain whose writes are counted. */
const LONG_BACKLOG = 1_000;
/**
 * Most bytes the drainer may write per alert delivered: the POST, the id noted, its share of the
 * compactions. Rewriting the waiting queue on every delivery (the old spool) wrote about
 * 100 bytes × the queue's length per delivery: 50 KB per alert on average for this backlog.
 */
const MAX_BYTES_WRITTEN_PER_ALERT = 2_000;

const alertNumber = (n: number): Alert => ({ kind: "nps-detractor", id: `alert-${String(n).padStart(5, "0")}`, at: "2026-12-07T15:30:00.000Z", score: 1, channel: "directline" });
const backlog = (file: string, count: number): void => writeFileSync(file, Array.from({ length: count }, (_, i) => `${JSON.stringify(alertNumber(i))}\n`).join(""));

/** Bytes a process has written with write(2) and the like (Linux), or null where /proc does not tell. */
function bytesWritten(pid: number | undefined): number | null {
  const file = `/proc/${pid ?? 0}/io`;
  if (!existsSync(file)) return null;
  const found = /^wchar: (\d+)$/m.exec(readFileSync(file, "utf8"));
  return found?.[1] ? Number(found[1]) : null;
}

type Hook = (id: string, res: ServerResponse) => "answer" | "hold";

describe("kill -9 while the alert spool drains", () => {
  let server: Server;
  let url = "";
  let dir = "";
  /** Ids whose 200 answer was written out, in order, duplicates included. */
  const received: string[] = [];
  let requests = 0;
  let hook: Hook = () => "answer";
  const children = new Set<ChildProcess>();

  /** The drainer as its own process, resolved once it has replayed its spool; `raised` gets the ids it acknowledges. */
  async function startDrainer(spoolFile: string, raised: Set<string>): Promise<{ child: ChildProcess; exited: Promise<void> }> {
    const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "test", "helpers", "alert-drainer.ts"), spoolFile, url, String(COMPACT_MIN_MARKS)], {
      cwd: REPO_ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    children.add(child);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    void exited.then(() => children.delete(child));
    // a write to a killed child's stdin fails with EPIPE: that alert was never acknowledged
    child.stdin?.on("error", () => undefined);
    let ready = false;
    createInterface({ input: child.stdout ?? process.stdin }).on("line", (line) => {
      if (line === "ready") ready = true;
      const id = /^raised (\S+)$/.exec(line)?.[1];
      if (id) raised.add(id);
    });
    await waitFor(() => ready || child.exitCode !== null, "the drainer to replay its spool");
    if (!ready) throw new Error("the drainer exited before it was ready");
    return { child, exited };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "memnun-alert-crash-"));
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        requests += 1;
        const id = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Alert).id;
        if (hook(id, res) === "hold") return;
        res.once("finish", () => received.push(id));
        // restify, loaded by the helpers, replaces `writeHead` with one that returns nothing
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  });
  afterEach(() => {
    for (const child of children) child.kill("SIGKILL");
    hook = () => "answer";
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    "leaves every acknowledged alert the receiver did not get in the spool, at every kill, and replays them in order",
    async () => {
      const spoolFile = join(dir, "alert-spool.jsonl");
      backlog(spoolFile, BACKLOG);
      /** Every alert ever given to a drainer, in the order given: the backlog, then those raised while draining. */
      const given = Array.from({ length: BACKLOG }, (_, i) => alertNumber(i).id);
      const acknowledged = new Set(given);
      let next = BACKLOG;

      // the spool is only ever appended to, or replaced whole by a rename: never cut short in place.
      // The watch holds the file it looks at open, so a new spool cannot reuse its inode number.
      const cutInPlace: string[] = [];
      let watched = openSync(spoolFile, "r");
      let size = fstatSync(watched).size;
      const watch = setInterval(() => {
        const now = fstatSync(watched).size;
        if (now < size) cutInPlace.push(`${size} → ${now} bytes`);
        size = now;
        if (existsSync(spoolFile) && statSync(spoolFile).ino !== fstatSync(watched).ino) {
          closeSync(watched);
          watched = openSync(spoolFile, "r");
          size = fstatSync(watched).size;
        }
      }, 1);

      const checkSpool = (when: string): void => {
        const got = new Set(received);
        const waiting = new Set(readSpool(spoolFile).map((alert) => alert.id));
        const lost = [...acknowledged].filter((id) => !got.has(id) && !waiting.has(id));
        expect({ when, lost, cutInPlace }).toEqual({ when, lost: [], cutInPlace: [] });
      };

      /** One drain, killed with SIGKILL once `until` says so (as a hook on the receiver's requests, or a condition awaited). */
      const round = async (when: string, until: (kill: () => void) => Hook | Promise<void>): Promise<void> => {
        const { child, exited } = await startDrainer(spoolFile, acknowledged);
        let killed = false;
        const kill = (): void => {
          killed = true;
          child.kill("SIGKILL");
        };
        const start = requests;
        const set = until(kill);
        const inner: Hook = typeof set === "function" ? set : () => "answer";
        hook = (id, res) => {
          if (killed) {
            res.destroy();
            return "hold";
          }
          if ((requests - start) % RAISE_EVERY === 0) {
            const alert = alertNumber(next++);
            given.push(alert.id);
            child.stdin?.write(`${JSON.stringify(alert)}\n`);
          }
          return inner(id, res);
        };
        if (typeof set !== "function") await set;
        await exited;
        hook = () => "answer";
        checkSpool(when);
      };

      // the request in flight is never answered: killed while waiting for the receiver
      const holdAt = (n: number) => (kill: () => void): Hook => {
        let count = 0;
        return (_id, res) => {
          if (++count < n) return "answer";
          kill();
          res.destroy();
          return "hold";
        };
      };
      // answered, and killed the moment the answer is out: before or while the delivery is noted
      const afterAnswerAt = (n: number) => (kill: () => void): Hook => {
        let count = 0;
        return (_id, res) => {
          if (++count === n) res.once("finish", kill);
          return "answer";
        };
      };
      // killed as soon as the spool was rewritten (a new file renamed over it, or the old spool cut short in place)
      const afterCompaction = async (kill: () => void): Promise<void> => {
        const before = statSync(spoolFile);
        await waitFor(() => existsSync(spoolFile) && (statSync(spoolFile).ino !== before.ino || statSync(spoolFile).size < before.size), "a compaction");
        kill();
      };

      try {
        await round("holding the 5th request", holdAt(5));
        await round("after answering the 40th request", afterAnswerAt(40));
        await round("after a compaction", afterCompaction);
        await round("holding the 1st request of a replay", holdAt(1));
        await round("after answering the 1st request of a replay", afterAnswerAt(1));
        await round("after another compaction", afterCompaction);
        await round("after answering the 3rd request", afterAnswerAt(3));

        // a last drain, left to finish: everything acknowledged arrives, the spool ends empty
        const { child, exited } = await startDrainer(spoolFile, acknowledged);
        await waitFor(() => [...acknowledged].every((id) => received.includes(id)), "every acknowledged alert");
        await waitFor(() => readFileSync(spoolFile, "utf8") === "", "an empty spool");
        child.kill("SIGKILL");
        await exited;
      } finally {
        clearInterval(watch);
        closeSync(watched);
      }
      expect(readSpool(spoolFile)).toEqual([]);
      expect(cutInPlace).toEqual([]);

      // in the order raised: each alert first arrives after every alert given before it
      const position = new Map(given.map((id, i) => [id, i]));
      const firsts = [...new Set(received)].map((id) => position.get(id) ?? -1);
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      expect(acknowledged.size).toBeGreaterThan(BACKLOG);
      process.stderr.write(`[alert crash test] ${acknowledged.size} alerts, ${received.length - new Set(received).size} delivered twice after a kill\n`);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    "drains a long backlog writing a bounded number of bytes per alert, not the waiting queue again for each",
    async () => {
      const spoolFile = join(dir, "long-spool.jsonl");
      backlog(spoolFile, LONG_BACKLOG);
      received.length = 0;
      const { child, exited } = await startDrainer(spoolFile, new Set());
      const before = bytesWritten(child.pid);
      await waitFor(() => received.length === LONG_BACKLOG, "the backlog delivered");
      await waitFor(() => readFileSync(spoolFile, "utf8") === "", "an empty spool");
      const after = bytesWritten(child.pid);
      child.kill("SIGKILL");
      await exited;
      expect(received).toEqual(Array.from({ length: LONG_BACKLOG }, (_, i) => alertNumber(i).id));
      // Linux tells what a process wrote; elsewhere the delivery is all this test checks
      if (before === null || after === null) return;
      process.stderr.write(`[alert crash test] ${after - before} bytes written for ${LONG_BACKLOG} alerts\n`);
      expect(after - before).toBeLessThan(LONG_BACKLOG * MAX_BYTES_WRITTEN_PER_ALERT);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
