import { z } from "zod";
import { AREA_IDS } from "../core/model/types.js";
import { REMINDER_STEPS, RHYTHM_KINDS } from "../core/schedule/types.js";
import type { ActionRecord, CircleRecord, CompanyRef, InvitationRecord, MemberRecord } from "../storage/records.js";
import { completeAction, createAction, listOpenActions, todayOf } from "./actions.js";
import { agendaOf, type AgendaArea } from "./agenda.js";
import type { ActionView } from "./cards.js";
import type { CircleContext } from "./context.js";
import { CircleInputError } from "./errors.js";
import type { Actor } from "./identity.js";
import { inviteCompany, revokeInvitation, type CreatedInvitation } from "./invitations.js";
import { currentMembers, removeCompany, requireMember } from "./membership.js";
import { CIRCLE_INPUT_IDS, CIRCLE_VERBS } from "./verbs.js";

/** What a circle card's button did, for the bot to show (it replaces the pressed card). */
export type CircleActionResult =
  /** Every circle of the company (a refresh, or "Back to the circle"), or one of them. */
  | { kind: "show-circles"; circleId: string | undefined }
  | { kind: "action-form"; circle: CircleRecord; weakest: Pick<AgendaArea, "area" | "areaName">[]; members: CompanyRef[]; view: ActionView }
  | { kind: "invited"; created: CreatedInvitation }
  | { kind: "invitation-revoked"; circle: CircleRecord; invitation: InvitationRecord }
  | { kind: "confirm-removal"; circle: CircleRecord; company: CompanyRef }
  | { kind: "company-removed"; circle: CircleRecord; member: MemberRecord }
  | { kind: "action-created"; circle: CircleRecord; action: ActionRecord; openActions: ActionRecord[]; today: string; view: ActionView }
  | { kind: "action-done"; circle: CircleRecord; action: ActionRecord; openActions: ActionRecord[]; today: string; view: ActionView }
  | { kind: "actions"; circle: CircleRecord; openActions: ActionRecord[]; today: string };

const tampered = "This button's data is damaged; please use a newer card.";
const id = z.string({ error: tampered }).trim().min(1, { error: tampered }).max(200, { error: tampered });
const circleOnly = z.object({ circleId: id });
const optionalInput = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string({ error: tampered }).max(2_000, { error: tampered }).optional());

/** Where the button was: its answer replaces that card, brought up to date. */
const view = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("circles") }),
    z.object({ kind: z.literal("actions") }),
    z.object({ kind: z.literal("reminder"), rhythmKind: z.enum(RHYTHM_KINDS), step: z.enum(REMINDER_STEPS), occurrence: z.iso.datetime(), audience: z.enum(["channel", "personal"]) }),
  ], { error: tampered })
  .default({ kind: "actions" });

const newAction = z.object({
  circleId: id,
  view,
  source: z.enum(["reminder", "assessment-summary", "command"], { error: tampered }),
  [CIRCLE_INPUT_IDS.area]: z.enum(AREA_IDS, { error: "Choose which gap the action closes." }),
  [CIRCLE_INPUT_IDS.owner]: z.string({ error: "Choose the company that owns the action." }).trim().min(1, { error: "Choose the company that owns the action." }).max(200, { error: tampered }),
  [CIRCLE_INPUT_IDS.dueBy]: z.iso.date({ error: "Choose a due date." }),
  [CIRCLE_INPUT_IDS.title]: optionalInput,
});

function parse<T>(schema: z.ZodType<T>, data: unknown, context: CircleContext, verb: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  context.logger.warn({ verb, problems: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), code: issue.code })) }, "card action refused: invalid input");
  throw new CircleInputError(parsed.error.issues[0]?.message ?? tampered);
}

type Handler = (context: CircleContext, actor: Actor, data: unknown) => Promise<CircleActionResult>;

const HANDLERS: Record<string, Handler> = {
  [CIRCLE_VERBS.showCircles]: async (context, actor, data) => {
    const { circleId } = parse(z.object({ circleId: id.optional() }), data, context, CIRCLE_VERBS.showCircles);
    if (circleId) await requireMember(context, actor, circleId, "see");
    return { kind: "show-circles", circleId };
  },
  [CIRCLE_VERBS.actionForm]: async (context, actor, data) => {
    const input = parse(z.object({ circleId: id, view }), data, context, CIRCLE_VERBS.actionForm);
    const { circle, members } = await requireMember(context, actor, input.circleId, "change");
    const snapshot = await context.repositories.circles.snapshot(input.circleId);
    const weakest = snapshot ? agendaOf(snapshot, "joint-planning", context.clock.now()).weakest : [];
    return { kind: "action-form", circle: circle.data, weakest, members: currentMembers(members).map((member) => member.company), view: input.view };
  },
  [CIRCLE_VERBS.invite]: async (context, actor, data) => {
    const input = parse(z.object({ circleId: id, [CIRCLE_INPUT_IDS.invitee]: z.string({ error: "Name the company to invite." }).max(2_000, { error: tampered }) }), data, context, CIRCLE_VERBS.invite);
    return { kind: "invited", created: await inviteCompany(context, actor, input.circleId, input.invitee) };
  },
  [CIRCLE_VERBS.revokeInvitation]: async (context, actor, data) => {
    const input = parse(z.object({ circleId: id, invitationId: id }), data, context, CIRCLE_VERBS.revokeInvitation);
    const invitation = await revokeInvitation(context, actor, input.circleId, input.invitationId);
    const { circle } = await requireMember(context, actor, input.circleId, "see");
    return { kind: "invitation-revoked", circle: circle.data, invitation };
  },
  [CIRCLE_VERBS.askRemoveCompany]: async (context, actor, data) => {
    const input = parse(z.object({ circleId: id, companyId: id }), data, context, CIRCLE_VERBS.askRemoveCompany);
    const { circle, members } = await requireMember(context, actor, input.circleId, "change");
    const member = members.find((row) => row.data.company.companyId === input.companyId && row.data.status === "member");
    if (!member) throw new CircleInputError("That company is not a member of this circle any more.");
    if (input.companyId === actor.company.companyId) throw new CircleInputError('To take your own company out of the circle, use "leave".');
    return { kind: "confirm-removal", circle: circle.data, company: member.data.company };
  },
  [CIRCLE_VERBS.removeCompany]: async (context, actor, data) => {
    const input = parse(z.object({ circleId: id, companyId: id }), data, context, CIRCLE_VERBS.removeCompany);
    const { circle, member } = await removeCompany(context, actor, input.circleId, input.companyId);
    return { kind: "company-removed", circle, member };
  },
  [CIRCLE_VERBS.createAction]: async (context, actor, data) => {
    const input = parse(newAction, data, context, CIRCLE_VERBS.createAction);
    const action = await createAction(context, actor, { circleId: input.circleId, area: input.area, ownerCompanyId: input.owner, dueBy: input.dueBy, source: input.source, ...(input.title ? { title: input.title } : {}) });
    return { kind: "action-created", action, view: input.view, ...(await actionsView(context, actor, input.circleId)) };
  },
  [CIRCLE_VERBS.completeAction]: async (context, actor, data) => {
    const input = parse(z.object({ circleId: id, actionId: id, view }), data, context, CIRCLE_VERBS.completeAction);
    const action = await completeAction(context, actor, input.circleId, input.actionId);
    return { kind: "action-done", action, view: input.view, ...(await actionsView(context, actor, input.circleId)) };
  },
  [CIRCLE_VERBS.showActions]: async (context, actor, data) => {
    const { circleId } = parse(circleOnly, data, context, CIRCLE_VERBS.showActions);
    return { kind: "actions", ...(await actionsView(context, actor, circleId)) };
  },
};

async function actionsView(context: CircleContext, actor: Actor, circleId: string): Promise<{ circle: CircleRecord; openActions: ActionRecord[]; today: string }> {
  const [{ circle }, openActions] = await Promise.all([requireMember(context, actor, circleId, "see-reminders"), listOpenActions(context, actor, circleId)]);
  return { circle: circle.data, openActions, today: todayOf(context.clock.now()) };
}

/**
 * Answers a circle card's button. `data` is the action's data as received (verb included); it is
 * validated here, and on bad input nothing is stored and a CircleInputError says what to fix.
 * Errors with a sentence for the person: circleMessageOf(error).
 */
export async function handleCircleCardAction(context: CircleContext, actor: Actor, data: unknown): Promise<CircleActionResult> {
  const verb = typeof data === "object" && data !== null ? (data as { verb?: unknown }).verb : undefined;
  const handler = typeof verb === "string" ? HANDLERS[verb] : undefined;
  if (!handler) {
    context.logger.warn({ verb: typeof verb === "string" ? verb.slice(0, 40) : typeof verb }, "card action refused: unknown verb");
    throw new CircleInputError("I don't know this button; it may be from an older version of the app.");
  }
  return handler(context, actor, data);
}
