import { randomBytes } from "node:crypto";
import { Client } from "pg";
import type { RunningApp } from "../../bot/index";
import { startTestApp } from "./app";
import { LocalConnector } from "./connector";
import { TcpProxy } from "./tcp-proxy";

/** PostgreSQL for tests, from `TEST_DATABASE_URL` (CI sets it); undefined skips those tests. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** `describe` when PostgreSQL is configured, `describe.skip` otherwise. */
export const describePostgres = TEST_DATABASE_URL ? describe : describe.skip;

/**
 * A connection URL to a new, empty schema of the test database, so suites running in parallel
 * never see each other's rows. Drop it with `dropSchema`.
 */
export async function freshPostgresSchema(): Promise<{ url: string; schema: string }> {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `memnun_test_${randomBytes(6).toString("hex")}`;
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), schema };
}

export async function dropSchema(schema: string): Promise<void> {
  if (!TEST_DATABASE_URL) return;
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** The bot on a fresh PostgreSQL schema reached through a proxy a test can cut and reopen. */
export interface PostgresBehindProxy {
  readonly app: RunningApp;
  readonly connector: LocalConnector;
  readonly proxy: TcpProxy;
  readonly schema: string;
  close(): Promise<void>;
}

/** Starts the bot on a fresh schema behind a `TcpProxy` to PostgreSQL, with a local connector. */
export async function startBehindProxy(env: Record<string, string>): Promise<PostgresBehindProxy> {
  const fresh = await freshPostgresSchema();
  const proxy = new TcpProxy("127.0.0.1", 5432);
  await proxy.open();
  const url = new URL(fresh.url);
  url.host = `127.0.0.1:${proxy.port}`;
  const connector = await new LocalConnector().start();
  const app = await startTestApp({ ...env, DATABASE_URL: url.toString() });
  return {
    app,
    connector,
    proxy,
    schema: fresh.schema,
    close: async () => {
      await app.close();
      await proxy.cut();
      await connector.stop();
      await dropSchema(fresh.schema);
    },
  };
}
