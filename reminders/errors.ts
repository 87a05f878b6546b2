import { circleMessageOf } from "../circles/errors.js";
import { RhythmRuleError } from "../core/schedule/index.js";

/** Input from a reminder card or command that cannot be used; the message says what to fix. */
export class ReminderInputError extends Error {
  override readonly name = "ReminderInputError";
}

/**
 * The sentence to show a person for an error raised by a reminder or circle operation, or undefined
 * for an unexpected error (which the caller logs and answers with a generic apology).
 */
export function userMessageOf(error: unknown): string | undefined {
  if (error instanceof RhythmRuleError || error instanceof ReminderInputError) return error.message;
  return circleMessageOf(error);
}
