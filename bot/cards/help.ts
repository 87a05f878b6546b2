import { TEXT_RULES } from "../../core/text.js";
import type { CompanyRef } from "../../storage/index.js";
import { BOT_COMMANDS, usageText } from "../commands.js";
import { INPUT_IDS } from "./actions.js";
import { actionSet, adaptiveCard, button, heading, notice, paragraph, type AdaptiveCard, type CardElement } from "./elements.js";

/** Every command with its argument, from the command table the bot parses with, and buttons for the common ones. */
export function helpCard(options: { notice?: string } = {}): AdaptiveCard {
  return adaptiveCard(
    [
      notice(options.notice),
      heading("What I can do"),
      ...BOT_COMMANDS.map((command) => paragraph(`**${usageText(command)}** — ${command.example ? `${command.description}, e.g. ${command.example}` : command.description}`, { spacing: "Small" })),
      paragraph("Only you see your answers and your ratings of partners; your circle sees partner ratings only as totals.", { subtle: true }),
    ],
    [
      button("Assess my company", { verb: "command", command: "assess" }, { style: "positive", associatedInputs: "none" }),
      button("Rate a partner", { verb: "ratePartner" }, { associatedInputs: "none" }),
      button("My circles", { verb: "command", command: "circles" }, { associatedInputs: "none" }),
      button("My results", { verb: "command", command: "results" }, { associatedInputs: "none" }),
    ],
  );
}

/**
 * `assess <partner company>` without a name, or "Rate a partner": the companies of the person's
 * circles to choose from (never typed), and, apart, a company outside them, whose rating stays private.
 */
export function partnerChoiceCard(partners: readonly CompanyRef[], options: { notice?: string } = {}): AdaptiveCard {
  return adaptiveCard(
    [
      notice(options.notice),
      heading("Rate a partner"),
      partners.length > 0
        ? paragraph("Choose one of the companies in your circles of trust. Your rating counts in your circles' totals; only you see your answers.", { subtle: true })
        : paragraph("Your company shares no circle of trust with another company yet. You can still rate a company by name; that rating stays with you.", { subtle: true }),
      partners.length > 0 ? actionSet(partners.map((partner) => button(`Rate ${partner.companyName}`, { verb: "ratePartner", subject: partner.companyId }, { associatedInputs: "none" }))) : undefined,
      outsideCirclesInput(),
    ],
    [button("Rate this company (private)", { verb: "ratePartner" })],
  );
}

function outsideCirclesInput(): CardElement {
  return {
    type: "Input.Text",
    id: INPUT_IDS.partner,
    label: "Or a company outside your circles (the rating stays private)",
    placeholder: "e.g. Contoso",
    maxLength: TEXT_RULES.company.max,
  };
}
