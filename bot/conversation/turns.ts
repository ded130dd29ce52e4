import { TurnContext, type Activity } from "botbuilder";

/**
 * Most turns of one conversation waiting behind the one that runs; one more is refused at once
 * (the customer is asked to slow down). Higher = a burst of clicks waits longer instead.
 */
export const MAX_WAITING_TURNS = 10;

interface Queue {
  /** Settles when the last turn queued so far has ended; never rejects. */
  tail: Promise<void>;
  /** Turns queued and not yet ended, the running one included. */
  length: number;
}

/**
 * Runs the turns of each conversation one after another, in the order they arrived, and those of
 * different conversations side by side: a double click's second turn starts only once the first
 * has saved the conversation's state, so it sees what the first did. A conversation is held only
 * while it has a turn queued, so the map never outgrows the turns in flight.
 */
export class TurnQueue {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly maxWaiting = MAX_WAITING_TURNS) {}

  /** Conversations with a turn queued (for tests and health). */
  get size(): number {
    return this.queues.size;
  }

  /**
   * Runs `turn` after the earlier turns of `key` have ended (however they ended); false, without
   * running it, when `maxWaiting` turns of `key` wait already. Rejects as `turn` does.
   */
  async run(key: string, turn: () => Promise<void>): Promise<boolean> {
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), length: 0 };
    if (queue.length > this.maxWaiting) return false;
    queue.length += 1;
    this.queues.set(key, queue);
    const result = queue.tail.then(turn);
    queue.tail = result.then(
      () => undefined,
      () => undefined,
    );
    try {
      await result;
      return true;
    } finally {
      queue.length -= 1;
      if (queue.length === 0 && this.queues.get(key) === queue) this.queues.delete(key);
    }
  }
}

type Held =
  | { readonly kind: "send"; readonly activities: Array<Partial<Activity>> }
  | { readonly kind: "update"; readonly activity: Partial<Activity> }
  | { readonly kind: "after"; readonly action: () => void };

/** Where a `HeldTurn` keeps itself in its context's turn state, for `afterSaved`. */
const HELD_TURN = Symbol("memnun.heldTurn");

/**
 * Runs `action` (an alert, say) once the turn's state is saved, with its replies; never for an
 * attempt that is run again. Outside a held turn it runs at once.
 */
export function afterSaved(context: TurnContext, action: () => void): void {
  const turn: unknown = context.turnState.get(HELD_TURN);
  if (turn instanceof HeldTurn) turn.after(action);
  else action();
}

/**
 * One attempt at a turn, whose replies and card updates are held until the caller releases them,
 * so a turn run again (its state changed meanwhile by another instance) says nothing twice. The
 * attempt runs on a context of its own, with the turn's activity and adapter services, whose only
 * send and update handlers hold; releasing sends through the turn's own context, in order, so its
 * handlers (the local Direct Line's conversation log) see only what is released.
 */
export class HeldTurn {
  readonly context: TurnContext;
  private readonly held: Held[] = [];

  /** `updateFailed` hears of a card update the channel refused: updates are best effort, the click is handled already. */
  constructor(
    private readonly outer: TurnContext,
    private readonly updateFailed: (error: unknown) => void,
  ) {
    this.context = new TurnContext(outer.adapter, outer.activity);
    outer.turnState.forEach((value: unknown, key: unknown) => this.context.turnState.set(key, value));
    this.context.onSendActivities(async (_context, activities) => {
      this.held.push({ kind: "send", activities });
      return [];
    });
    this.context.onUpdateActivity(async (_context, activity) => {
      this.held.push({ kind: "update", activity });
    });
    this.context.turnState.set(HELD_TURN, this);
  }

  /** Holds `action` until the release (see `afterSaved`). */
  after(action: () => void): void {
    this.held.push({ kind: "after", action });
  }

  /** Sends what the attempt said, updates what it replaced and runs what waited for it, in order. */
  async release(): Promise<void> {
    for (const item of this.held.splice(0)) {
      if (item.kind === "send") {
        await this.outer.sendActivities(item.activities);
        continue;
      }
      if (item.kind === "after") {
        item.action();
        continue;
      }
      try {
        await this.outer.updateActivity(item.activity);
      } catch (error) {
        this.updateFailed(error);
      }
    }
  }
}
