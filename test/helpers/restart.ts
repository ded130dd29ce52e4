import type { RunningApp } from "../../bot/index";
import { startTestApp, tempDataDir } from "./app";

/**
 * A real server on one data folder that can be stopped and started again on the same address,
 * as an operator's restart or a deploy does: what the local Direct Line kept in memory is gone,
 * the installation secret (tokens) and the bot's conversation state (database) are not.
 */
export class RestartableServer {
  private running: RunningApp | undefined;
  private port = "0";

  constructor(
    private readonly env: Record<string, string> = {},
    private readonly dataDir = tempDataDir(),
  ) {}

  get url(): string {
    if (!this.running) throw new Error("the server is not running");
    return this.running.url;
  }

  /** Starts on the data folder (another one: a new installation), on the address of the first start. */
  async start(dataDir = this.dataDir): Promise<void> {
    this.running = await startTestApp({ ...this.env, DATA_DIR: dataDir, PORT: this.port });
    this.port = String(this.running.port);
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
