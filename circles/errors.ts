import { CircleRuleError } from "../core/circles/index.js";
import { TextRuleError } from "../core/text.js";

/** Input from a card, command or request that cannot be used; the message says what to fix. */
export class CircleInputError extends Error {
  override readonly name = "CircleInputError";
}

/** The circle (or a row in it) is not there: removed, or an old card. */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
}

/** Someone changed the same thing at the same moment; trying again works. */
export class ConflictError extends Error {
  override readonly name = "ConflictError";
}

const USER_FACING = [CircleRuleError, TextRuleError, CircleInputError, NotFoundError, ConflictError];

/**
 * The sentence to show a person for an error raised by a circle operation, or undefined for an
 * unexpected error (which the caller logs and answers with a generic apology).
 */
export function circleMessageOf(error: unknown): string | undefined {
  return USER_FACING.some((type) => error instanceof type) ? (error as Error).message : undefined;
}
