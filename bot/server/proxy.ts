// What a TLS-terminating reverse proxy in front (`TRUST_PROXY`) tells about a request. Without
// TRUST_PROXY these headers are ignored: anyone can send them.
import { isIP } from "node:net";
import type { Request } from "restify";

/** Whether a request came over HTTPS: its own socket, or (with `TRUST_PROXY`) the proxy's `X-Forwarded-Proto`. */
export function isHttps(req: Request, trustProxy: boolean): boolean {
  if (req.isSecure()) return true;
  if (!trustProxy) return false;
  return (req.header("x-forwarded-proto") ?? "").split(",")[0]?.trim().toLowerCase() === "https";
}

/** An `X-Forwarded-For` entry as an IP address: bare, `a.b.c.d:port` or `[v6]:port`; null otherwise. */
function addressOf(entry: string): string | null {
  const trimmed = entry.trim();
  if (isIP(trimmed) !== 0) return trimmed;
  const withPort = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(trimmed) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(trimmed);
  const address = withPort?.[1];
  return address !== undefined && isIP(address) !== 0 ? address : null;
}

/**
 * The address a request's client is counted and logged under (rate limits). Directly, the
 * socket's peer. Behind a reverse proxy (`TRUST_PROXY`) every socket peer is the proxy, so all
 * customers would share one budget: the client is the address the proxy appended to
 * `X-Forwarded-For`, its **last** entry. The entries before it are whatever the client sent
 * itself, and trusting them would let a client pick a fresh address per request to escape its
 * limit. A missing or unreadable header falls back to the peer.
 */
export function clientAddress(req: Request, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (!trustProxy) return peer;
  const forwarded = req.header("x-forwarded-for") ?? "";
  const last = forwarded.split(",").at(-1) ?? "";
  return addressOf(last) ?? peer;
}
