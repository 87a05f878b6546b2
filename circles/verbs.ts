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
