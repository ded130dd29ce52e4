/** Thrown when a store, or the database under it, is used after it was closed. */
export class StoreClosedError extends Error {
  constructor(store: string) {
    super(`[storage] ${store} is closed`);
    this.name = "StoreClosedError";
  }
}

/** Thrown while no database is connected (unreachable at start or since): the caller retries later. */
export class DatabaseUnavailableError extends Error {
  constructor() {
    super("[storage] database not connected");
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * Thrown when a database cannot be opened or migrated. Carries what was being opened (the
 * location without credentials) apart from the message, so a CLI can say it in Turkish; the
 * driver's error, with its `code`, is the `cause`.
 */
export class DatabaseOpenError extends Error {
  constructor(
    readonly kind: "sqlite" | "postgres",
    readonly location: string,
    cause: unknown,
  ) {
    super(`[storage] cannot open ${kind} database ${location}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "DatabaseOpenError";
  }
}

/** What every store offers besides its own operations: closing, safe to repeat. */
export interface Closable {
  /**
   * Releases what the store holds. Calling it again does nothing; any other use afterwards
   * rejects with `StoreClosedError`.
   */
  close(): Promise<void>;
}
