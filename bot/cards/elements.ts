import { adaptiveCard as baseCard, universalAction, type CardAction, type CardElement, type UniversalActionOptions } from "../../platform/card-elements.js";
import type { ActionData } from "./actions.js";

/**
 * The bot's cards: the shared builders (platform/card-elements.ts), full width in Teams, and buttons
 * whose data is one of the bot's typed actions. Cards stay one column wide: Teams mobile clips ColumnSets.
 */
export { actionSet, bulletList, facts, heading, paragraph, subheading, type CardElement } from "../../platform/card-elements.js";
export type CardActionElement = CardAction;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  /** Universal Actions: each reader's client asks the bot for their own view of the card. */
  refresh?: { action: CardActionElement };
  body: CardElement[];
  actions?: CardActionElement[];
  msteams: { width: "Full" };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export function adaptiveCard(body: readonly (CardElement | undefined)[], actions: readonly (CardActionElement | undefined)[] = []): AdaptiveCard {
  return { ...baseCard(body, actions), msteams: { width: "Full" } };
}

/** A highlighted sentence at the top of a card: why the person sees this card (e.g. "welcome back"). */
export function notice(text: string | undefined): CardElement | undefined {
  if (!text) return undefined;
  return { type: "Container", style: "emphasis", items: [{ type: "TextBlock", text, wrap: true, weight: "Bolder" }] };
}

/** "Area 3 of 10" with a bar of done/remaining segments, in text so that every client draws it. */
export function progress(position: number, total: number, answered: number): CardElement[] {
  const done = Math.min(answered, total);
  return [
    { type: "TextBlock", text: `Area ${position} of ${total} · ${done} answered`, isSubtle: true, wrap: true, spacing: "None" },
    { type: "TextBlock", text: "▰".repeat(done) + "▱".repeat(total - done), color: "Accent", spacing: "None", wrap: false },
  ];
}

export type ButtonOptions = UniversalActionOptions;

/**
 * A Universal Action (Action.Execute, answered in place through the adaptiveCard/action invoke) with
 * an Action.Submit fallback, so that clients without Universal Actions still send the same value.
 */
export function button(title: string, data: ActionData, options: ButtonOptions = {}): CardActionElement {
  const { verb, ...rest } = data;
  return universalAction(title, verb, rest, options);
}

/**
 * A card that shows one person's view, posted where several people read it (a group chat or a
 * channel): every reader's Teams asks the bot with `verb` for their own view (without userIds, Teams
 * refreshes it for everyone in conversations of up to 60 people; in larger ones, on request).
 */
export function withRefresh(card: AdaptiveCard, verb: string, data: Record<string, unknown>): AdaptiveCard {
  return { ...card, refresh: { action: { type: "Action.Execute", title: "Refresh", verb, data: { ...data, verb } } } };
}
