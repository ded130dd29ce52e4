import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Creates the process logger. Secrets never reach the log: app passwords, tokens
 * and authorization headers are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: "memnun" },
    redact: {
      paths: [
        "appPassword",
        "*.appPassword",
        "req.headers.authorization",
        "headers.authorization",
        "*.headers.authorization",
        "token",
        "*.token",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
