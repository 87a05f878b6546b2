import type { ActionData } from "./actions.js";

/**
 * Small builders for Adaptive Card JSON (schema 1.5, what Teams renders). Cards stay one column
 * wide: Teams mobile clips ColumnSets.
 */
export type CardElement = { type: string } & Record<string, unknown>;
export type CardActionElement = { type: "Action.Execute" | "Action.Submit" | "Action.ShowCard" | "Action.OpenUrl"; title: string } & Record<string, unknown>;

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
  const presentActions = actions.filter((action): action is CardActionElement => action !== undefined);
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body: body.filter((element): element is CardElement => element !== undefined),
    ...(presentActions.length > 0 ? { actions: presentActions } : {}),
    msteams: { width: "Full" },
  };
}

export function heading(text: string): CardElement {
  return { type: "TextBlock", text, size: "Large", weight: "Bolder", wrap: true, style: "heading" };
}

export function subheading(text: string): CardElement {
  return { type: "TextBlock", text, weight: "Bolder", wrap: true, spacing: "Medium" };
}

export function paragraph(text: string, options: { subtle?: boolean; spacing?: "None" | "Small" | "Medium" } = {}): CardElement {
  return { type: "TextBlock", text, wrap: true, ...(options.subtle ? { isSubtle: true } : {}), ...(options.spacing ? { spacing: options.spacing } : {}) };
}

/** A highlighted sentence at the top of a card: why the person sees this card (e.g. "welcome back"). */
export function notice(text: string | undefined): CardElement | undefined {
  if (!text) return undefined;
  return { type: "Container", style: "emphasis", items: [{ type: "TextBlock", text, wrap: true, weight: "Bolder" }] };
}

export function bulletList(items: readonly string[]): CardElement {
  return { type: "TextBlock", text: items.map((item) => `- ${item}`).join("\r"), wrap: true, spacing: "Small" };
}

export function facts(rows: readonly { title: string; value: string }[]): CardElement {
  return { type: "FactSet", facts: rows.map((row) => ({ title: row.title, value: row.value })) };
}

/** "Area 3 of 10" with a bar of done/remaining segments, in text so that every client draws it. */
export function progress(position: number, total: number, answered: number): CardElement[] {
  const done = Math.min(answered, total);
  return [
    { type: "TextBlock", text: `Area ${position} of ${total} · ${done} answered`, isSubtle: true, wrap: true, spacing: "None" },
    { type: "TextBlock", text: "▰".repeat(done) + "▱".repeat(total - done), color: "Accent", spacing: "None", wrap: false },
  ];
}

export interface ButtonOptions {
  style?: "positive" | "destructive";
  /** "none": the button works even when required inputs are empty (Back, Save and continue later). */
  associatedInputs?: "auto" | "none";
}

/**
 * A Universal Action (Action.Execute, answered in place through the adaptiveCard/action invoke). The verb
 * is repeated in the data and an Action.Submit fallback is given, so that clients without Universal
 * Actions still send a message with the same value.
 */
export function button(title: string, data: ActionData, options: ButtonOptions = {}): CardActionElement {
  const common = { title, data, ...(options.style ? { style: options.style } : {}), ...(options.associatedInputs ? { associatedInputs: options.associatedInputs } : {}) };
  return { type: "Action.Execute", verb: data.verb, ...common, fallback: { type: "Action.Submit", ...common } };
}

/**
 * A card that shows one person's view, posted where several people read it (a group chat or a
 * channel): every reader's Teams asks the bot with `verb` for their own view (without userIds, Teams
 * refreshes it for everyone in conversations of up to 60 people; in larger ones, on request).
 */
export function withRefresh(card: AdaptiveCard, verb: string, data: Record<string, unknown>): AdaptiveCard {
  return { ...card, refresh: { action: { type: "Action.Execute", title: "Refresh", verb, data: { ...data, verb } } } };
}
