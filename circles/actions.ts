import { randomUUID } from "node:crypto";
import { areaById } from "../core/model/index.js";
import type { AreaId } from "../core/model/types.js";
import { isoDateOf, parseIsoDate } from "../core/schedule/index.js";
import { optionalText } from "../core/text.js";
import type { ActionRecord } from "../storage/records.js";
import { ConcurrencyError } from "../storage/table-store.js";
import { agendaOf, openActionsOf } from "./agenda.js";
import type { CircleContext } from "./context.js";
import { CircleInputError, ConflictError, NotFoundError } from "./errors.js";
import type { Actor } from "./identity.js";
import { requireMember } from "./membership.js";

export interface NewAction {
  circleId: string;
  area: AreaId;
  ownerCompanyId: string;
  /** "YYYY-MM-DD". */
  dueBy: string;
  /** Defaults to the model's first next step for the area at the circle's current stage. */
  title?: string;
  source: ActionRecord["source"];
}

/** Today's calendar date in UTC, "YYYY-MM-DD". */
export function todayOf(now: Date): string {
  return isoDateOf({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() });
}

/** Turns a gap into a joint action owned by a member company, due on a date. Members only. */
export async function createAction(context: CircleContext, actor: Actor, input: NewAction): Promise<ActionRecord> {
  const view = await requireMember(context, actor, input.circleId, "change");
  const owner = view.members.find((row) => row.data.company.companyId === input.ownerCompanyId && row.data.status === "member");
  if (!owner) throw new CircleInputError("The owner must be a member company of this circle.");
  if (!parseIsoDate(input.dueBy)) throw new CircleInputError("Choose a due date, e.g. 2026-04-30.");
  const now = context.clock.now();
  if (input.dueBy < todayOf(now)) throw new CircleInputError("The due date is in the past; choose today or a later day.");
  const title = optionalText("action", input.title) ?? (await defaultTitle(context, input.circleId, input.area, now));
  const record: ActionRecord = {
    actionId: randomUUID(),
    circleId: input.circleId,
    area: input.area,
    title,
    owner: owner.data.company,
    dueBy: input.dueBy,
    status: "open",
    source: input.source,
    createdAt: now.toISOString(),
    createdBy: actor.company,
  };
  await context.repositories.circles.saveAction(record);
  context.logger.info({ circleId: input.circleId, area: input.area, source: input.source }, "action created");
  return record;
}

/** The model's next step for the area at the circle's current median stage, else "Improve <area>". */
async function defaultTitle(context: CircleContext, circleId: string, area: AreaId, now: Date): Promise<string> {
  const snapshot = await context.repositories.circles.snapshot(circleId);
  const weak = snapshot ? agendaOf(snapshot, "joint-planning", now).weakest.find((candidate) => candidate.area === area) : undefined;
  return weak?.nextSteps[0] ?? `Improve ${areaById(area).name.toLowerCase()}`;
}

/** Marks an action done; it stops coming back in meeting reminders. */
export async function completeAction(context: CircleContext, actor: Actor, circleId: string, actionId: string): Promise<ActionRecord> {
  await requireMember(context, actor, circleId, "change");
  const existing = await context.repositories.circles.getAction(circleId, actionId);
  if (!existing) throw new NotFoundError("I can't find that action; it may have been removed.");
  if (existing.data.status === "done") return existing.data;
  const now = context.clock.now().toISOString();
  const record: ActionRecord = { ...existing.data, status: "done", doneAt: now, doneBy: actor.company };
  try {
    await context.repositories.circles.saveAction(record, existing.etag);
  } catch (error) {
    if (error instanceof ConcurrencyError) throw new ConflictError("Someone updated this action at the same moment; please try again.");
    throw error;
  }
  context.logger.info({ circleId }, "action done");
  return record;
}

/** The circle's open actions, oldest due date first. Members only. */
export async function listOpenActions(context: CircleContext, actor: Actor, circleId: string): Promise<ActionRecord[]> {
  await requireMember(context, actor, circleId, "see-reminders");
  const snapshot = await context.repositories.circles.snapshot(circleId);
  if (!snapshot) throw new NotFoundError("I can't find that circle any more.");
  return openActionsOf(snapshot);
}

