import { CircleRuleError } from "../core/circles/index.js";
import { RhythmRuleError } from "../core/schedule/index.js";

/** Input from a card, command or activity that cannot be used; the message says what to fix. */
export class ReminderInputError extends Error {
  override readonly name = "ReminderInputError";
}

/** The circle (or a row in it) is not there: removed, or an old card. */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
}

/** Someone changed the same thing at the same moment; trying again works. */
export class ConflictError extends Error {
  override readonly name = "ConflictError";
}

/**
 * The sentence to show a person for an error raised by a reminder operation, or undefined for
 * an unexpected error (which the caller logs and answers with a generic apology).
 */
export function userMessageOf(error: unknown): string | undefined {
  const userFacing = [CircleRuleError, RhythmRuleError, ReminderInputError, NotFoundError, ConflictError];
  return userFacing.some((type) => error instanceof type) ? (error as Error).message : undefined;
}
