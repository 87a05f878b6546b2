/**
 * The verbs on circle cards' buttons (Action.Execute `verb`, also in `data.verb` for the
 * Action.Submit fallback) and the ids of their inputs. The bot routes these verbs to
 * handleCircleCardAction (card-actions.ts).
 */
export const CIRCLE_VERBS = {
  showCircles: "circles.show",
  invite: "invitation.create",
  revokeInvitation: "invitation.revoke",
  askRemoveCompany: "company.remove.ask",
  removeCompany: "company.remove",
  actionForm: "action.form",
  createAction: "action.create",
  completeAction: "action.done",
  showActions: "actions.show",
} as const;

export type CircleVerb = (typeof CIRCLE_VERBS)[keyof typeof CIRCLE_VERBS];

export function isCircleVerb(verb: unknown): verb is CircleVerb {
  return typeof verb === "string" && (Object.values(CIRCLE_VERBS) as string[]).includes(verb);
}

export const CIRCLE_INPUT_IDS = {
  area: "area",
  owner: "owner",
  dueBy: "dueBy",
  title: "title",
  invitee: "invitee",
} as const;

/** The verbs on lead cards (circles/leads.ts); the bot routes them to handleLeadCardAction. */
export const LEAD_VERBS = {
  form: "lead.form",
  share: "lead.share",
  show: "lead.show",
  accept: "lead.accept",
  askDecline: "lead.decline.ask",
  decline: "lead.decline",
  connected: "lead.connected",
  outcome: "lead.outcome",
  list: "leads.show",
  settings: "leads.settings",
} as const;

export type LeadVerb = (typeof LEAD_VERBS)[keyof typeof LEAD_VERBS];

export function isLeadVerb(verb: unknown): verb is LeadVerb {
  return typeof verb === "string" && (Object.values(LEAD_VERBS) as string[]).includes(verb);
}

export const LEAD_INPUT_IDS = {
  receiver: "receiver",
  organisation: "customerOrganisation",
  contact: "customerContact",
  need: "need",
  interested: "customerInterested",
  amount: "amount",
  currency: "currency",
  connectBy: "connectBy",
  reason: "reason",
  wonAmount: "wonAmount",
  wonCurrency: "wonCurrency",
  connectDays: "connectDays",
} as const;

/** Currencies offered for a lead's value (a choice, never typed). */
export const LEAD_CURRENCIES = ["EUR", "USD", "GBP", "SEK", "NOK", "DKK", "CHF", "CAD", "AUD", "JPY", "INR"] as const;
