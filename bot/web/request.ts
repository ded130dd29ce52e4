/**
 * A string field of one of restify's untyped request parts (`req.query`, `req.params`), or
 * undefined when it is missing or not a string (a repeated query parameter is an array).
 */
export function stringField(source: unknown, name: string): string | undefined {
  if (typeof source !== "object" || source === null) return undefined;
  const value: unknown = Reflect.get(source, name);
  return typeof value === "string" ? value : undefined;
}
