import { MAX_COMPANY_NAME_LENGTH } from "../../core/companies.js";
import { BOT_COMMANDS } from "../commands.js";
import { INPUT_IDS } from "./actions.js";
import { adaptiveCard, button, facts, heading, notice, paragraph, type AdaptiveCard, type CardElement } from "./elements.js";

/** The commands, with buttons for each; also the answer to text the bot does not understand. */
export function helpCard(options: { notice?: string } = {}): AdaptiveCard {
  return adaptiveCard(
    [
      notice(options.notice),
      heading("What I can do"),
      facts(BOT_COMMANDS.map((command) => ({ title: command.title, value: command.description }))),
      paragraph("Only you see your answers and your ratings of partners; your circle sees partner ratings only as totals.", { subtle: true }),
      partnerNameInput(),
    ],
    [
      button("Assess my company", { verb: "command", command: "assess" }, { style: "positive", associatedInputs: "none" }),
      button("Rate this partner", { verb: "ratePartner" }),
      button("My results", { verb: "command", command: "results" }, { associatedInputs: "none" }),
    ],
  );
}

/** Asked when `assess <partner company>` arrives without a company name (straight from the command menu). */
export function partnerNameCard(options: { notice?: string } = {}): AdaptiveCard {
  return adaptiveCard([notice(options.notice), heading("Rate a partner"), partnerNameInput()], [button("Rate this partner", { verb: "ratePartner" }, { style: "positive" })]);
}

function partnerNameInput(): CardElement {
  return {
    type: "Input.Text",
    id: INPUT_IDS.partner,
    label: "Partner company to rate",
    placeholder: "e.g. Contoso",
    maxLength: MAX_COMPANY_NAME_LENGTH,
  };
}
