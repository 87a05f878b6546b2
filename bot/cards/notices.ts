import type { RunData } from "./actions.js";
import { adaptiveCard, button, heading, paragraph, type AdaptiveCard } from "./elements.js";

/** Replaces the area card after "Save for later". */
export function savedCard(options: { answered: number; total: number; subjectName?: string; run: RunData }): AdaptiveCard {
  const what = options.subjectName ? `Your rating of ${options.subjectName}` : "Your assessment";
  return adaptiveCard(
    [
      heading("Saved"),
      paragraph(`${what} is saved: ${options.answered} of ${options.total} areas answered. Type **${options.subjectName ? `assess ${options.subjectName}` : "assess"}** whenever you want to continue where you left off.`),
    ],
    [button("Continue now", { verb: "resume", ...options.run })],
  );
}
