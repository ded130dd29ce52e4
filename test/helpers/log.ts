import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../bot/logger";

/** A real pino logger writing into memory, to read what the bot logged. */
export function capturingLogger(level = "debug"): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: createLogger(level, stream), text: () => chunks.join("") };
}
