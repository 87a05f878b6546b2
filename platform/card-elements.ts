/**
 * Small builders for Adaptive Card JSON, schema 1.5 (what Teams renders). Reminder cards stay
 * narrow (default width, one column, no ColumnSets) so that Teams mobile shows them whole.
 */
export type CardElement = { type: string } & { [key: string]: unknown };
export type CardAction = { type: "Action.Execute" | "Action.Submit" | "Action.ShowCard" | "Action.OpenUrl"; title: string } & { [key: string]: unknown };

export interface AdaptiveCardJson {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: CardElement[];
  actions?: CardAction[];
}

/**
 * On a 360 px phone Teams leaves a card about 296 px for a row of buttons, and a button needs about
 * 9 px a character plus 24 px of padding (bold 14 px, measured in Chromium): more in one row and
 * every title in it is cut to "…". Checked by test/cards/render-on-a-phone.test.ts.
 */
const PHONE_BUTTON_ROW = { width: 296, perCharacter: 9, padding: 24, gap: 8 } as const;

function buttonWidth(action: CardAction): number {
  return action.title.length * PHONE_BUTTON_ROW.perCharacter + PHONE_BUTTON_ROW.padding;
}

/** Buttons in order, as many to a row as fit a phone's width (a title too long for any row gets its own). */
export function buttonRows(actions: readonly CardAction[]): CardAction[][] {
  const rows: CardAction[][] = [];
  let used = Number.POSITIVE_INFINITY;
  for (const action of actions) {
    const width = buttonWidth(action);
    if (used + PHONE_BUTTON_ROW.gap + width > PHONE_BUTTON_ROW.width) {
      rows.push([action]);
      used = width;
    } else {
      rows.at(-1)?.push(action);
      used += PHONE_BUTTON_ROW.gap + width;
    }
  }
  return rows;
}

/** Buttons that fit one row stay the card's own actions; more go, row by row, at the end of its body. */
export function adaptiveCard(body: readonly (CardElement | undefined)[], actions: readonly (CardAction | undefined)[] = []): AdaptiveCardJson {
  const present = actions.filter((action): action is CardAction => action !== undefined);
  const rows = buttonRows(present);
  const elements = body.filter((element): element is CardElement => element !== undefined);
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body: rows.length > 1 ? [...elements, actionSet(present)] : elements,
    ...(rows.length === 1 ? { actions: present } : {}),
  };
}

export function heading(text: string): CardElement {
  return { type: "TextBlock", text, size: "Large", weight: "Bolder", wrap: true, style: "heading" };
}

export function subheading(text: string): CardElement {
  return { type: "TextBlock", text, weight: "Bolder", wrap: true, spacing: "Medium" };
}

export function paragraph(text: string, options: { subtle?: boolean; spacing?: "None" | "Small" | "Medium" } = {}): CardElement {
  const spacing = options.spacing ?? (options.subtle ? "Small" : undefined);
  return { type: "TextBlock", text, wrap: true, ...(options.subtle ? { isSubtle: true } : {}), ...(spacing ? { spacing } : {}) };
}

export function bulletList(items: readonly string[]): CardElement {
  return { type: "TextBlock", text: items.map((item) => `- ${item}`).join("\r"), wrap: true, spacing: "Small" };
}

export function facts(rows: readonly { title: string; value: string }[]): CardElement {
  return { type: "FactSet", facts: rows.map((row) => ({ title: row.title, value: row.value })) };
}

export function container(items: readonly (CardElement | undefined)[], options: { separator?: boolean; style?: "emphasis" | "attention" | "good" } = {}): CardElement {
  return {
    type: "Container",
    items: items.filter((item): item is CardElement => item !== undefined),
    ...(options.separator ? { separator: true, spacing: "Medium" } : {}),
    ...(options.style ? { style: options.style } : {}),
  };
}

/** Buttons in the body: one ActionSet per row that fits a phone. */
export function actionSet(actions: readonly CardAction[]): CardElement {
  const rows = buttonRows(actions);
  if (rows.length <= 1) return { type: "ActionSet", actions: [...actions] };
  return { type: "Container", items: rows.map((row) => ({ type: "ActionSet", actions: row })) };
}

/**
 * A button the bot answers (Universal Actions). The verb is also in `data`, and the fallback is an
 * Action.Submit with the same data, so older clients still reach the bot.
 */
export function executeAction(title: string, verb: string, data: Record<string, unknown>, options: { inputs?: "auto" | "none"; primary?: boolean } = {}): CardAction {
  return universalAction(title, verb, data, { associatedInputs: options.inputs ?? "none", ...(options.primary ? { style: "positive" } : {}) });
}

export interface UniversalActionOptions {
  style?: "positive" | "destructive";
  /** "none": the button works even when required inputs are empty (Back, Save for later). */
  associatedInputs?: "auto" | "none";
}

/** Action.Execute with `verb` also in its data, and an Action.Submit fallback carrying the same. */
export function universalAction(title: string, verb: string, data: Record<string, unknown>, options: UniversalActionOptions = {}): CardAction {
  const common = { title, data: { ...data, verb }, ...(options.style ? { style: options.style } : {}), ...(options.associatedInputs ? { associatedInputs: options.associatedInputs } : {}) };
  return { type: "Action.Execute", verb, ...common, fallback: { type: "Action.Submit", ...common } };
}

export function showCard(title: string, card: AdaptiveCardJson): CardAction {
  const { $schema: _schema, ...inner } = card;
  return { type: "Action.ShowCard", title, card: inner };
}

export function choiceSet(id: string, label: string, choices: readonly { title: string; value: string }[], value?: string): CardElement {
  return { type: "Input.ChoiceSet", id, label, style: "compact", choices: choices.map((choice) => ({ ...choice })), ...(value !== undefined ? { value } : {}) };
}

export function textInput(id: string, label: string, options: { placeholder?: string; value?: string; maxLength?: number } = {}): CardElement {
  return { type: "Input.Text", id, label, ...options };
}

/** "2026-03-03T08:00:00Z": the exact form Adaptive Cards' {{DATE()}} and {{TIME()}} accept. */
export function cardDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Shown in each reader's own time zone and language by Teams. */
export function readerLocalTime(instant: Date): string {
  const iso = cardDateTime(instant);
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

/** "Tuesday, 3 March 2026, 09:00" in the given time zone. */
export function wallClockText(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(instant)
    .replace(" at ", ", ");
}

/** "3 March 2026" for a calendar date "2026-03-03". */
export function calendarDateText(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(new Date(`${isoDate}T00:00:00Z`));
}
