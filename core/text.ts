/**
 * One normalisation and one set of length caps for every name and free text a person types:
 * company names, circle names, invitation names, action titles, reasons. Commands, cards and the
 * tab's API all go through `validText`, so the same text is accepted or refused everywhere.
 */

export type TextKind = "company" | "circle" | "invitee" | "action" | "reason" | "customer" | "contact" | "need";

interface TextRule {
  /** Longest normalised text accepted, in characters. */
  max: number;
  /** The sentence when nothing is left after normalisation. */
  empty: string;
  /** What the text is, in a sentence ("Keep the company's name to 100 characters or fewer."). */
  what: string;
}

/** The seed: "consider inventing a name of your circle of trust" (Golden Circle, Northwest Alliance). */
export const TEXT_RULES: Readonly<Record<TextKind, TextRule>> = {
  company: { max: 100, empty: "Type your company's name, e.g. Fabrikam.", what: "the company's name" },
  circle: { max: 60, empty: 'Give your circle a name, e.g. "Golden Circle" or "Northwest Alliance".', what: "the circle's name" },
  invitee: { max: 100, empty: "Name the company to invite, e.g. invite Fabrikam to Golden Circle.", what: "the invited company's name" },
  action: { max: 200, empty: "Say what will be done, in a few words.", what: "the action" },
  reason: { max: 300, empty: "Give a reason in a few words.", what: "the reason" },
  customer: { max: 100, empty: "Name the customer's organisation.", what: "the customer's name" },
  contact: { max: 100, empty: "Name the contact, or leave the field empty.", what: "the contact" },
  need: { max: 500, empty: "Say in a few words what the customer needs.", what: "what the customer needs" },
};

/** A typed text that cannot be used; the message is the sentence for the person. */
export class TextRuleError extends Error {
  override readonly name = "TextRuleError";
  constructor(
    readonly kind: TextKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Unicode-normalised (NFKC), control and format characters (zero-width spaces, bidi marks…) removed,
 * inner whitespace collapsed, trimmed. What is stored and shown.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The normalised text, or a TextRuleError with the sentence that says what to fix. */
export function validText(kind: TextKind, text: string): string {
  const rule = TEXT_RULES[kind];
  const normalized = normalizeText(text);
  if (normalized === "") throw new TextRuleError(kind, rule.empty);
  if ([...normalized].length > rule.max) throw new TextRuleError(kind, `Keep ${rule.what} to ${rule.max} characters or fewer.`);
  return normalized;
}

/** For optional fields: undefined when nothing is left after normalisation, else validText. */
export function optionalText(kind: TextKind, text: string | undefined): string | undefined {
  if (text === undefined || normalizeText(text) === "") return undefined;
  return validText(kind, text);
}

/** Names compare without regard to case ("golden circle" is "Golden Circle"). */
export function sameName(a: string, b: string): boolean {
  return normalizeText(a).toLocaleLowerCase("en-US") === normalizeText(b).toLocaleLowerCase("en-US");
}
