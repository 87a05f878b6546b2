import { AREAS, STAGES } from "../../core/model/index.js";
import { BOT_COMMANDS, usageText } from "../commands.js";
import type { Place } from "../conversation/types.js";
import { adaptiveCard, bulletList, button, facts, heading, paragraph, type AdaptiveCard } from "./elements.js";

/** Posted when the app is installed: what the model is, its four stages, and what to type next. */
export function welcomeCard(place: Place): AdaptiveCard {
  const firstArea = AREAS[0]?.name ?? "";
  const lastArea = AREAS[AREAS.length - 1]?.name ?? "";
  return adaptiveCard(
    [
      heading("Welcome to Partnering Maturity"),
      paragraph(`The Partnering Maturity Model rates how well a company partners in ${AREAS.length} areas, from ${firstArea} to ${lastArea}. Each area is at one of ${STAGES.length} stages:`),
      facts(STAGES.map((stage) => ({ title: stage.name, value: stage.summary }))),
      paragraph("What to type next:", { spacing: "Medium" }),
      bulletList(BOT_COMMANDS.map((command) => `**${usageText(command)}**: ${command.description}`)),
      place === "personal" ? undefined : paragraph("Assessments happen in a personal chat with me, so your answers are never posted here.", { subtle: true }),
    ],
    [button("Assess my company", { verb: "command", command: "assess" }, { style: "positive" }), button("Help", { verb: "command", command: "help" })],
  );
}
