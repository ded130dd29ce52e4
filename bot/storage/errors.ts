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

/** What every store offers besides its own operations: closing, safe to repeat. */
export interface Closable {
  /**
   * Releases what the store holds. Calling it again does nothing; any other use afterwards
   * rejects with `StoreClosedError`.
   */
  close(): Promise<void>;
}
