import { z } from "zod";
import { NotFoundError, actorFor, completeAction, createAction, inviteCompany, pendingInvitations, requireMember, revokeInvitation, type Actor, type CircleContext } from "../../circles/index.js";
import { CircleRuleError } from "../../core/circles/index.js";
import { AREA_IDS } from "../../core/model/types.js";
import { fieldsOf, patternsFor, patternValue, rhythmFromPattern, type RhythmPattern } from "../../core/schedule/patterns.js";
import { CADENCES_BY_KIND, RHYTHM_PHRASES, wordList } from "../../core/schedule/rhythm.js";
import { CADENCES, RHYTHM_KINDS, WEEKDAYS, type RhythmKind, type WeekdayOrdinal } from "../../core/schedule/types.js";
import type { ServerContext } from "../../platform/context.js";
import type { BodyPolicy, Reply, Route, RouteRequest } from "../../platform/http.js";
import { openReminderContext, pauseRhythm, rhythmPausedSentence, rhythmSavedSentence, setRhythm, type ReminderContext } from "../../reminders/index.js";
import type { ActionChanged, InvitationCreated, InvitationRevoked, InvitationsView, RhythmChanged } from "../shared/dashboard-types.js";
import { companyIdOf, circleNotFound } from "./access.js";
import type { TabAuthenticator, TabIdentity } from "./auth.js";
import { actionView, invitationView, rhythmsOf, rhythmViewAfter } from "./acting-views.js";
import { refusalOfCircleError } from "./circle-refusals.js";
import { ApiRefusal } from "./refusals.js";
import { circleIdOf, signedIn } from "./signed-in.js";
import { calendarDateText } from "../../platform/card-elements.js";

/**
 * What a member changes from the dashboard. Each request is checked exactly as the bot checks a
 * card press: the person is the SSO token's tenant and object id (never a typed name), their
 * company comes from circles/identity.ts actorFor, and the change goes through the same circles/
 * and reminders/ functions, membership rules included. To a person whose company is not a member a
 * circle answers 404, as if it did not exist, and nothing is stored.
 *
 *   POST /api/circles/:circleId/actions                              a weak area becomes an action
 *   POST /api/circles/:circleId/actions/:actionId/done               an action is done
 *   GET  /api/circles/:circleId/invitations                          pending invitations
 *   POST /api/circles/:circleId/invitations                          invite a company: the code, once
 *   POST /api/circles/:circleId/invitations/:invitationId/revoke     withdraw an invitation
 *   GET  /api/circles/:circleId/rhythms                              the rhythms and the ones not set
 *   POST /api/circles/:circleId/rhythms/:kind                        set or change a rhythm
 *   POST /api/circles/:circleId/rhythms/:kind/pause | /resume
 *
 * (Setting a rhythm is a POST: the edge's routes answer GET and POST only.)
 */

/** These bodies are a few short fields; 4 KiB leaves room for a long title and nothing more. */
const SMALL_JSON: BodyPolicy = { mediaTypes: ["application/json"], maxBytes: 4 * 1024 };

type Handler = (acting: Acting, request: RouteRequest, reply: Reply) => Promise<void>;

interface Acting {
  identity: TabIdentity;
  /** Opened on first use: the reminder queue's table. */
  reminders: () => Promise<ReminderContext>;
  circles: CircleContext;
}

export function actingRoutes(context: ServerContext, authenticator: TabAuthenticator): Route[] {
  const reminders = openOnce(() => openReminderContext(context));
  const circles: CircleContext = { repositories: context.repositories, clock: context.clock, logger: context.logger };
  const route = (method: "GET" | "POST", path: string, handler: Handler): Route => ({
    method,
    path: `/api/circles/:circleId/${path}`,
    ...(method === "POST" ? { body: SMALL_JSON } : {}),
    handle: signedIn(authenticator, (identity, request, reply) => {
      // Every log line of the change carries the request's id.
      const acting: Acting = { identity, reminders: async () => ({ ...(await reminders()), logger: request.log }), circles: { ...circles, logger: request.log } };
      return withCircleRefusals(() => handler(acting, request, reply));
    }),
  });
  return [
    route("POST", "actions", newAction),
    route("POST", "actions/:actionId/done", actionDone),
    route("GET", "invitations", listInvitations),
    route("POST", "invitations", newInvitation),
    route("POST", "invitations/:invitationId/revoke", invitationRevoked),
    route("GET", "rhythms", listRhythms),
    route("POST", "rhythms/:kind", rhythmSet),
    route("POST", "rhythms/:kind/pause", (acting, request, reply) => rhythmPaused(acting, request, reply, true)),
    route("POST", "rhythms/:kind/resume", (acting, request, reply) => rhythmPaused(acting, request, reply, false)),
  ];
}

async function withCircleRefusals(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw refusalOfCircleError(error);
  }
}

/** Opens on first use and shares the result; a failed open (storage down) is tried again next time. */
function openOnce<T>(open: () => Promise<T>): () => Promise<T> {
  let opening: Promise<T> | undefined;
  return () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
}

/**
 * The person's company as the bot would act for it, checked to be a member of the circle. A guest,
 * a tenant whose company has no name yet (so cannot be a member) and a non-member all learn nothing
 * about the circle.
 */
async function memberActor(acting: Acting, circleId: string, access: "see" | "change" | "see-reminders"): Promise<Actor> {
  companyIdOf(acting.identity);
  const { identity } = acting;
  const verified = { person: { tenantId: identity.tenantId, userId: identity.userId, aadObjectId: identity.userId, ...(identity.name ? { name: identity.name } : {}) }, organisation: { kind: "member" as const, tenantId: identity.tenantId } };
  try {
    const actor = await actorFor(acting.circles, verified);
    await requireMember(acting.circles, actor, circleId, access);
    return actor;
  } catch (error) {
    if (error instanceof CircleRuleError && (error.code === "unknown-company" || error.code === "not-a-member")) throw circleNotFound();
    if (error instanceof NotFoundError) throw circleNotFound();
    throw error;
  }
}

/** Reads the body with a schema; a refusal says, in a sentence, the first thing to fix. */
function bodyOf<T>(request: RouteRequest, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(request.body);
  if (parsed.success) return parsed.data;
  request.log.warn({ problems: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), code: issue.code })) }, "dashboard change refused: invalid body");
  throw new ApiRefusal(400, "invalid-body", parsed.error.issues[0]?.message ?? "The request body is not valid.");
}

function rowIdOf(request: RouteRequest, param: "actionId" | "invitationId", what: string): string {
  const value = request.params[param] ?? "";
  if (!/^[A-Za-z0-9-]{1,100}$/.test(value)) throw new ApiRefusal(400, `bad-${param === "actionId" ? "action" : "invitation"}-id`, `The ${what} id in the address is not ${what === "action" ? "an action" : "an invitation"} id.`);
  return value;
}

function rhythmKindOf(request: RouteRequest): RhythmKind {
  const kind = RHYTHM_KINDS.find((candidate) => candidate === request.params.kind);
  if (!kind) throw new ApiRefusal(404, "no-such-rhythm", `There is no rhythm of that kind; the kinds are ${wordList(RHYTHM_KINDS, "and")}.`);
  return kind;
}

/** An object with only the named fields: anything else, or not an object, is refused with `sentence`. */
function onlyFields<T extends z.ZodRawShape>(shape: T, sentence: string) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" || issue.code === "invalid_type" ? sentence : undefined) });
}

const emptyBody = onlyFields({}, "This request takes an empty JSON object, {}.");

const newActionBody = onlyFields(
  {
    area: z.enum(AREA_IDS, { error: "Choose which weak area the action closes." }),
    ownerCompanyId: z.string({ error: "Choose the member company that owns the action." }).trim().min(1, { error: "Choose the member company that owns the action." }).max(200, { error: "The owner is not a company of this circle." }),
    dueBy: z.iso.date({ error: "Choose a due date, e.g. 2026-04-30." }),
    title: z.string({ error: "The title must be text." }).max(2_000, { error: "The title is too long; keep it to one sentence." }).optional(),
  },
  "Send a JSON object with only area, ownerCompanyId, dueBy and title.",
);

async function newAction(acting: Acting, request: RouteRequest, reply: Reply): Promise<void> {
  const circleId = circleIdOf(request);
  const input = bodyOf(request, newActionBody);
  const actor = await memberActor(acting, circleId, "change");
  const title = input.title?.trim();
  const action = await createAction(acting.circles, actor, { circleId, area: input.area, ownerCompanyId: input.ownerCompanyId, dueBy: input.dueBy, source: "dashboard", ...(title ? { title } : {}) });
  const body: ActionChanged = { action: actionView(action), message: `Action added: "${action.title}", owned by ${action.owner.companyName}, due ${calendarDateText(action.dueBy)}.` };
  reply.json(201, body);
}

async function actionDone(acting: Acting, request: RouteRequest, reply: Reply): Promise<void> {
  const circleId = circleIdOf(request);
  const actionId = rowIdOf(request, "actionId", "action");
  bodyOf(request, emptyBody);
  const actor = await memberActor(acting, circleId, "change");
  const action = await completeAction(acting.circles, actor, circleId, actionId);
  const body: ActionChanged = { action: actionView(action), message: `Done: "${action.title}".` };
  reply.json(200, body);
}

async function listInvitations(acting: Acting, request: RouteRequest, reply: Reply): Promise<void> {
  const circleId = circleIdOf(request);
  await memberActor(acting, circleId, "see");
  const snapshot = await acting.circles.repositories.circles.snapshot(circleId);
  const body: InvitationsView = { invitations: pendingInvitations(snapshot?.invitations ?? [], acting.circles.clock.now()).map(invitationView) };
  reply.json(200, body);
}

const newInvitationBody = onlyFields(
  { invitedAs: z.string({ error: "Name the company to invite." }).max(2_000, { error: "The company name is too long." }) },
  "Send a JSON object with only invitedAs, the name of the company to invite.",
);

async function newInvitation(acting: Acting, request: RouteRequest, reply: Reply): Promise<void> {
  const circleId = circleIdOf(request);
  const input = bodyOf(request, newInvitationBody);
  const actor = await memberActor(acting, circleId, "change");
  const created = await inviteCompany(acting.circles, actor, circleId, input.invitedAs);
  // The command the bot parses (bot/commands.ts, "join <code>").
  const joinCommand = `join ${created.code}`;
  const body: InvitationCreated = {
    invitation: invitationView(created.invitation),
    code: created.code,
    joinCommand,
    message: `Invitation for ${created.invitation.invitedAs} created. Pass this on to them; it is shown only now: ${joinCommand}`,
  };
  reply.json(201, body);
}

async function invitationRevoked(acting: Acting, request: RouteRequest, reply: Reply): Promise<void> {
  const circleId = circleIdOf(request);
  const invitationId = rowIdOf(request, "invitationId", "invitation");
  bodyOf(request, emptyBody);
  const actor = await memberActor(acting, circleId, "change");
  const invitation = await revokeInvitation(acting.circles, actor, circleId, invitationId);
  const body: InvitationRevoked = { invitation: invitationView(invitation), message: `Withdrawn: the invitation for ${invitation.invitedAs} can no longer be used.` };
  reply.json(200, body);
}

async function listRhythms(acting: Acting, request: RouteRequest, reply: Reply): Promise<void> {
  const circleId = circleIdOf(request);
  const actor = await memberActor(acting, circleId, "see-reminders");
  reply.json(200, await rhythmsOf(await acting.reminders(), actor, circleId));
}

const nthChoice = z.union([z.enum(["1", "2", "3", "4", "last"]), z.number().int().min(1).max(4).transform((value) => String(value) as "1" | "2" | "3" | "4")], { error: "Choose first, second, third, fourth or last." });

const rhythmBody = onlyFields(
  {
    cadence: z.enum(CADENCES, { error: "Choose how often: weekly, monthly, quarterly or yearly." }),
    dayRule: z.enum(["weekday", "nth-weekday", "day-of-month"], { error: "Choose which day the rhythm falls on." }),
    nth: nthChoice.optional(),
    weekday: z.enum(WEEKDAYS, { error: "Choose a weekday." }).optional(),
    day: z.number({ error: "The day of the month must be a number from 1 to 31." }).int({ error: "The day of the month must be a whole number." }).optional(),
    month: z.number({ error: "The month must be a number." }).int({ error: "The month must be a whole number." }).optional(),
    time: z.string({ error: "Choose a time of day." }).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Choose a time of day, e.g. 09:00." }),
    timeZone: z.string({ error: "Type a time zone, e.g. Europe/Stockholm." }).trim().min(1, { error: "Type a time zone, e.g. Europe/Stockholm." }).max(64, { error: "That is not a time zone I know; use a name like Europe/Stockholm." }),
  },
  "Send a JSON object with only cadence, dayRule, nth, weekday, day, month, time and timeZone.",
);

/** The pattern must be one the kind allows, and step 2's fields that pattern needs must be there. */
function patternOf(kind: RhythmKind, input: z.infer<typeof rhythmBody>): RhythmPattern {
  const allowed = patternsFor(CADENCES_BY_KIND[kind]);
  const pattern = allowed.find((candidate) => patternValue(candidate) === patternValue(input));
  if (!pattern) throw new ApiRefusal(400, "invalid-body", `A ${RHYTHM_PHRASES[kind]} can be ${wordList([...new Set(allowed.map((candidate) => candidate.cadence))], "or")}, and a weekly one falls on a weekday; choose one of those.`);
  const fields = fieldsOf(pattern);
  if (fields.nth && input.nth === undefined) throw new ApiRefusal(400, "invalid-body", "Choose first, second, third, fourth or last.");
  if (fields.weekday && input.weekday === undefined) throw new ApiRefusal(400, "invalid-body", "Choose a weekday.");
  if (fields.day && input.day === undefined) throw new ApiRefusal(400, "invalid-body", "Choose the day of the month, from 1 to 31.");
  return pattern;
}

async function rhythmSet(acting: Acting, request: RouteRequest, reply: Reply): Promise<void> {
  const circleId = circleIdOf(request);
  const kind = rhythmKindOf(request);
  const input = bodyOf(request, rhythmBody);
  const pattern = patternOf(kind, input);
  const actor = await memberActor(acting, circleId, "change");
  const nth: WeekdayOrdinal = input.nth === "last" ? "last" : (Number(input.nth ?? "1") as 1 | 2 | 3 | 4);
  const rhythm = rhythmFromPattern(kind, pattern, { nth, weekday: input.weekday ?? "monday", day: input.day ?? 1, month: input.month, time: input.time, timeZone: input.timeZone });
  const reminders = await acting.reminders();
  const saved = await setRhythm(reminders, actor, circleId, rhythm);
  const body: RhythmChanged = { rhythm: await rhythmViewAfter(reminders, actor, circleId, kind), message: rhythmSavedSentence(saved) };
  reply.json(200, body);
}

async function rhythmPaused(acting: Acting, request: RouteRequest, reply: Reply, paused: boolean): Promise<void> {
  const circleId = circleIdOf(request);
  const kind = rhythmKindOf(request);
  bodyOf(request, emptyBody);
  const actor = await memberActor(acting, circleId, "change");
  const reminders = await acting.reminders();
  const saved = await pauseRhythm(reminders, actor, circleId, kind, paused);
  const body: RhythmChanged = { rhythm: await rhythmViewAfter(reminders, actor, circleId, kind), message: rhythmPausedSentence(saved) };
  reply.json(200, body);
}

