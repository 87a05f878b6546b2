import { ConflictError, CircleInputError, NotFoundError } from "../../circles/index.js";
import { CircleRuleError } from "../../core/circles/index.js";
import { RhythmRuleError } from "../../core/schedule/rhythm.js";
import { TextRuleError } from "../../core/text.js";
import { ReminderInputError } from "../../reminders/index.js";
import { ApiRefusal } from "./refusals.js";

/**
 * The circles/ and reminders/ functions refuse with a sentence for the person, the same the bot
 * shows; the API answers it with the status it is: the input cannot be used (400), the row is not
 * there (404), or the circle's state does not allow it now — changed at the same moment, an
 * invitation already used or withdrawn (409). Anything else goes on to the edge (503, 500).
 */
export function refusalOfCircleError(error: unknown): unknown {
  if (error instanceof ApiRefusal) return error;
  if (error instanceof CircleInputError || error instanceof TextRuleError || error instanceof RhythmRuleError || error instanceof ReminderInputError) {
    return new ApiRefusal(400, "invalid-input", error.message);
  }
  if (error instanceof NotFoundError) return new ApiRefusal(404, "not-found", error.message);
  if (error instanceof ConflictError) return new ApiRefusal(409, "changed-meanwhile", error.message);
  if (error instanceof CircleRuleError) return new ApiRefusal(409, error.code, error.message);
  return error;
}
