import type { TurnContext } from "botbuilder";
import type { Logger } from "../../platform/logger.js";

/** The request's logger, tagged with the turn id, travels with the turn (never in module state). */
const TURN_LOG_KEY = Symbol("turnLog");

export function attachTurnLog(context: TurnContext, requestLog: Logger): Logger {
  const log = requestLog.child({ turnId: context.activity.id ?? "none", activity: context.activity.type });
  context.turnState.set(TURN_LOG_KEY, log);
  return log;
}

export function turnLogOf(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOG_KEY) as Logger | undefined) ?? fallback;
}
