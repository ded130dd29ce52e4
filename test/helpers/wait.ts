/**
 * Longest `waitFor` waits before failing with its description: far above what any machine needs,
 * so only a condition that never comes fails, never a slow machine. Jest's test timeout also bounds it.
 */
const WAIT_LIMIT_MS = 25_000;
/** How often the condition is checked again. Lower = reacts sooner, costs more CPU while waiting. */
const POLL_MS = 10;

/** Resolves with the first truthy value of `probe`, checked now and then every `POLL_MS`. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waited ${WAIT_LIMIT_MS} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
