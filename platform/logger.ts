import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** The little of a logger that application modules need; a pino logger and the bot's turn log both are one. */
export interface LogSink {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Structured JSON logs. Anything that could carry a secret, a token or a company's answers is
 * redacted by path as a second line of defence; the first is not to log such values at all.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "partnering-maturity" },
      redact: {
        paths: ["authorization", "*.authorization", "headers.authorization", "*.headers.authorization", "token", "*.token", "password", "*.password", "answers", "*.answers", "value", "*.value"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
