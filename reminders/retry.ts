import { RETRY_POLICY } from "./limits.js";
import type { SendOutcome } from "./sender.js";

/** What to do after one send, by Teams' error contract. */
export type DeliveryDecision =
  | { kind: "delivered" }
  | { kind: "retry"; delayMs: number; outcome: "throttled" | "transient" | "not-found" }
  | { kind: "recreate-chat" }
  | { kind: "deactivate"; reason: string }
  | { kind: "give-up"; reason: string };

export interface DecisionContext {
  targetKind: "channel" | "personal";
  /** Failed attempts before this one. */
  previousFailures: number;
  chatRecreated: boolean;
  random: () => number;
}

/** Exponential backoff with jitter: base × 2^n, capped, then a random 50–100 % of it. */
export function backoffMs(failures: number, random: () => number): number {
  const ceiling = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** failures);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * 429: wait Retry-After when given, else back off. 412/5xx/no answer: back off. 403 (blocked,
 * removed, disabled): stop sending there until the app is installed again. 404 ConversationNotFound
 * in a personal chat: re-create the chat once; otherwise retry a few times, then stop.
 */
export function decide(outcome: SendOutcome, context: DecisionContext): DeliveryDecision {
  if (outcome.ok) return { kind: "delivered" };
  const failures = context.previousFailures;
  if (outcome.status === 429) {
    if (failures + 1 >= RETRY_POLICY.maxThrottledAttempts) return { kind: "give-up", reason: `throttled ${failures + 1} times in a row` };
    return { kind: "retry", delayMs: outcome.retryAfterMs ?? backoffMs(failures, context.random), outcome: "throttled" };
  }
  if (outcome.status === 403) return { kind: "deactivate", reason: `403 ${outcome.code ?? "Forbidden"}` };
  if (outcome.status === 404 && outcome.code === "ConversationNotFound") {
    if (context.targetKind === "personal" && !context.chatRecreated) return { kind: "recreate-chat" };
    if (failures + 1 >= RETRY_POLICY.maxNotFoundAttempts) return { kind: "deactivate", reason: `404 ConversationNotFound ${failures + 1} times` };
    return { kind: "retry", delayMs: backoffMs(failures, context.random), outcome: "not-found" };
  }
  if (outcome.status === undefined || RETRY_POLICY.transientStatuses.includes(outcome.status)) {
    if (failures + 1 >= RETRY_POLICY.maxTransientAttempts) return { kind: "give-up", reason: `${outcome.status ?? "no answer"} ${failures + 1} times` };
    return { kind: "retry", delayMs: outcome.retryAfterMs ?? backoffMs(failures, context.random), outcome: "transient" };
  }
  return { kind: "give-up", reason: `${outcome.status} ${outcome.code ?? ""}`.trim() };
}
