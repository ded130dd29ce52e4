import { TurnQueue } from "../../bot/conversation/turns";

/** A turn a test ends when it wants, noting when it started. */
function gate(log: string[], name: string): { turn: () => Promise<void>; end: () => void; fail: (error: Error) => void } {
  let end = (): void => undefined;
  let fail = (_error: Error): void => undefined;
  const turn = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      log.push(`${name} started`);
      end = () => {
        log.push(`${name} ended`);
        resolve();
      };
      fail = reject;
    });
  return { turn, end: () => end(), fail: (error) => fail(error) };
}

/** Lets every promise callback queued so far run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("TurnQueue: the turns of one conversation one after another", () => {
  it("starts a conversation's next turn only once the one before has ended, in arrival order", async () => {
    const queue = new TurnQueue();
    const log: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((name) => gate(log, name));
    if (!a || !b || !c) throw new Error("no gates");
    const runs = [queue.run("teams:c1", a.turn), queue.run("teams:c1", b.turn), queue.run("teams:c1", c.turn)];
    await settle();
    expect(log).toEqual(["a started"]);
    a.end();
    await settle();
    expect(log).toEqual(["a started", "a ended", "b started"]);
    b.end();
    await settle();
    c.end();
    expect(await Promise.all(runs)).toEqual([true, true, true]);
    expect(log).toEqual(["a started", "a ended", "b started", "b ended", "c started", "c ended"]);
    expect(queue.size).toBe(0);
  });

  it("runs the turns of different conversations side by side", async () => {
    const queue = new TurnQueue();
    const log: string[] = [];
    const one = gate(log, "one");
    const two = gate(log, "two");
    const runs = [queue.run("teams:c1", one.turn), queue.run("teams:c2", two.turn)];
    await settle();
    expect(log).toEqual(["one started", "two started"]);
    two.end();
    one.end();
    await Promise.all(runs);
    expect(queue.size).toBe(0);
  });

  it("goes on after a turn that failed: the failure is its caller's, the next turn runs", async () => {
    const queue = new TurnQueue();
    const log: string[] = [];
    const failing = gate(log, "failing");
    const next = gate(log, "next");
    const first = queue.run("c", failing.turn);
    const second = queue.run("c", next.turn);
    await settle();
    failing.fail(new Error("[bot] boom"));
    await expect(first).rejects.toThrow("[bot] boom");
    await settle();
    expect(log).toEqual(["failing started", "next started"]);
    next.end();
    expect(await second).toBe(true);
    expect(queue.size).toBe(0);
  });

  it("refuses a turn when as many wait already as it allows, and takes turns again once they have run", async () => {
    const queue = new TurnQueue(2);
    const log: string[] = [];
    const gates = ["running", "waiting-1", "waiting-2", "refused"].map((name) => gate(log, name));
    const runs = gates.map((g) => queue.run("c", g.turn));
    expect(await runs[3]).toBe(false);
    for (let i = 0; i < 3; i += 1) {
      await settle();
      gates[i]?.end();
    }
    expect(await Promise.all(runs.slice(0, 3))).toEqual([true, true, true]);
    expect(log).not.toContain("refused started");
    expect(queue.size).toBe(0);
    const again = gate(log, "again");
    const run = queue.run("c", again.turn);
    await settle();
    again.end();
    expect(await run).toBe(true);
  });
});
