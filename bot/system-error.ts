/** The `code` of a Node.js system error (`ENOENT`, `EADDRINUSE` …); works across realms, unlike `instanceof`. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
}
