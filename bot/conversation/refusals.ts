import { circleMessageOf, type CircleContext } from "../../circles/index.js";
import type { AdaptiveCard } from "../cards/elements.js";
import type { ConversationDeps } from "./types.js";

/**
 * What one step of the conversation produced: a card (sent, or replacing the pressed card) or a
 * sentence. turn.ts decides how it reaches the person.
 */
export type StepResult = { card: AdaptiveCard } | { notice: string };

/** Why a press or a command was refused. Logged (never with answers); the person gets the sentence. */
export type Refusal =
  | "other-person"
  | "not-personal"
  | "no-draft"
  | "earlier-run"
  | "finished"
  | "area-not-asked"
  | "not-applicable-refused"
  | "outdated"
  | "own-company"
  | "company-mismatch"
  | "missing-company"
  | "invalid-card";

export const REFUSAL_MESSAGES = {
  "other-person": "This card was sent to someone else, so I didn't change anything. Type assess in your personal chat with me to start your own assessment.",
  "not-personal": "Assessment cards work only in your personal chat with me, so that your answers stay private. I didn't change anything.",
  "no-draft": "I can't find the assessment this card belongs to, so I didn't change anything. Type assess to start one.",
  "earlier-run": "This card is from an earlier run of this assessment, which you have since started over, so I didn't change anything. Type assess to continue with the current one.",
  finished: "You already finished this assessment, so this card is out of date and I didn't change anything. Type results to see your summary; you can change any answer from there.",
  outdated: "Your assessment changed somewhere else (another window or device) while you were answering, so I didn't save this answer.",
} as const satisfies Partial<Record<Refusal, string>>;

export function refuse(deps: ConversationDeps, refusal: Refusal, message: string, details: object = {}): StepResult {
  deps.log.warn({ refusal, ...details }, "card or command refused; nothing stored changed");
  return { notice: message };
}

/** The circle operations' context for this turn: their log lines carry the turn id. */
export function circleContextOf(deps: ConversationDeps): CircleContext {
  return { repositories: deps.repositories, clock: deps.clock, logger: deps.log };
}

/**
 * Runs a step that acts for a company: a rule it breaks (a guest, an unnamed company, a name that is
 * too long, a circle the company is not in) becomes the rule's sentence, and nothing is stored.
 */
export async function withCompanyRules(deps: ConversationDeps, step: () => Promise<StepResult>): Promise<StepResult> {
  try {
    return await step();
  } catch (error) {
    const message = circleMessageOf(error);
    if (message === undefined) throw error;
    deps.log.info({ refusal: error instanceof Error ? error.name : "unknown", code: (error as { code?: unknown }).code ?? null }, "request refused by a company or circle rule; nothing stored changed");
    return { notice: message };
  }
}
