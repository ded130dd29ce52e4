import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * A folder or file as people read it in messages, `/healthz` and logs: relative to `cwd` when it
 * lies inside it (`knowledge/olcum`), otherwise absolute (`/srv/kb`). A path relative to the
 * working directory that climbs out of it (`../../srv/kb`) names the right place only from there,
 * and operators read logs and health checks from anywhere.
 */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  if (inside === "") return ".";
  return isWithin(absolute, cwd) ? inside : absolute;
}

/** Whether `path` is `folder` or lies below it (both resolved from the working directory). */
export function isWithin(path: string, folder: string): boolean {
  const inside = relative(resolve(folder), resolve(path));
  return !(inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside));
}
