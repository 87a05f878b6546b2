import { randomUUID } from "node:crypto";
import * as rules from "../core/circles/index.js";
import type { CircleRecord, ConversationRecord, MemberRecord, PersonRef } from "../storage/records.js";
import { ConcurrencyError, type StoredRow } from "../storage/table-store.js";
import type { CircleContext } from "./context.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { Actor } from "./identity.js";

export interface CircleSummary {
  circleId: string;
  name: string;
  /** The linked channel's conversation id, if any. */
  channelConversationId?: string;
}

/** A circle a member may work with: its row and its members. */
export interface MemberView {
  circle: StoredRow<CircleRecord>;
  members: StoredRow<MemberRecord>[];
  self: StoredRow<MemberRecord>;
}

const RETRIES_ON_CONFLICT = 3;

export function membershipsOf(members: readonly StoredRow<MemberRecord>[]): rules.Membership[] {
  return members.map(({ data }) => ({ companyId: data.company.companyId, companyName: data.company.companyName, status: data.status }));
}

export function currentMembers(members: readonly StoredRow<MemberRecord>[]): MemberRecord[] {
  return members.map((row) => row.data).filter((member) => member.status === "member");
}

async function loadCircle(context: CircleContext, circleId: string): Promise<{ circle: StoredRow<CircleRecord>; members: StoredRow<MemberRecord>[] }> {
  const [circle, members] = await Promise.all([context.repositories.circles.get(circleId), context.repositories.circles.listMembers(circleId)]);
  if (!circle) throw new NotFoundError("I can't find that circle any more; it may have been removed, or this card is from an old conversation.");
  return { circle, members };
}

/**
 * Loads the circle and checks the actor's company is a member. A person of a member company who
 * acts in the circle is listed with it, so that personal reminders reach them.
 */
export async function requireMember(context: CircleContext, actor: Actor, circleId: string, access: rules.CircleAccess): Promise<MemberView> {
  const { circle, members } = await loadCircle(context, circleId);
  rules.assertMayAccess(membershipsOf(members), actor.company.companyId, access);
  const self = members.find((row) => row.data.company.companyId === actor.company.companyId) as StoredRow<MemberRecord>;
  return { circle, members, self: await rememberPerson(context, circle.data, self, actor.person) };
}

export function isSamePerson(a: Pick<PersonRef, "tenantId" | "userId">, b: Pick<PersonRef, "tenantId" | "userId">): boolean {
  return a.tenantId === b.tenantId && a.userId === b.userId;
}

async function rememberPerson(context: CircleContext, circle: CircleRecord, member: StoredRow<MemberRecord>, person: PersonRef): Promise<StoredRow<MemberRecord>> {
  if (member.data.people.some((known) => isSamePerson(known, person))) return member;
  const data: MemberRecord = { ...member.data, people: [...member.data.people, person] };
  try {
    return { ...member, data, etag: await context.repositories.circles.saveMember(circle, data, member.etag) };
  } catch (error) {
    if (error instanceof ConcurrencyError) return member;
    throw error;
  }
}

/** The names of the circles the company is in (for the unique-name rule). */
async function circleNamesOf(context: CircleContext, companyId: string): Promise<string[]> {
  return (await listMyCircles(context, companyId)).map((circle) => circle.name);
}

/** Creates a circle with the actor's company as its first member. Its name must be new among the company's circles. */
export async function createCircle(context: CircleContext, actor: Actor, name: string): Promise<CircleRecord> {
  const circleName = rules.circleNameOf(name);
  rules.assertNameFree(circleName, await circleNamesOf(context, actor.company.companyId));
  const founder = rules.founderOf(actor.company);
  const now = context.clock.now().toISOString();
  const circle: CircleRecord = { circleId: randomUUID(), name: circleName, createdAt: now, createdBy: actor.person, createdByCompany: actor.company };
  const member: MemberRecord = { circleId: circle.circleId, company: { companyId: founder.companyId, companyName: founder.companyName }, status: "member", people: [actor.person], joinedAt: now };
  await context.repositories.circles.create(circle, member);
  context.logger.info({ circleId: circle.circleId }, "circle created");
  return circle;
}

/** Runs a membership change under the member row's ETag, re-reading and re-checking the rules on a conflict. */
async function changeMember(
  context: CircleContext,
  circleId: string,
  change: (loaded: { circle: StoredRow<CircleRecord>; members: StoredRow<MemberRecord>[] }) => { record: MemberRecord; etag: string },
): Promise<{ circle: CircleRecord; member: MemberRecord }> {
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadCircle(context, circleId);
    const { record, etag } = change(loaded);
    try {
      await context.repositories.circles.saveMember(loaded.circle.data, record, etag);
      return { circle: loaded.circle.data, member: record };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= RETRIES_ON_CONFLICT) throw new ConflictError("Someone changed this circle at the same moment; please try again.");
    }
  }
}

function rowOf(members: readonly StoredRow<MemberRecord>[], companyId: string): StoredRow<MemberRecord> {
  const row = members.find((candidate) => candidate.data.company.companyId === companyId);
  if (!row) throw new rules.CircleRuleError("not-a-member", "That company is not a member of this circle.");
  return row;
}

/** The actor's company leaves; its people lose the circle from their list and stop getting its reminders. */
export async function leaveCircle(context: CircleContext, actor: Actor, circleId: string): Promise<{ circle: CircleRecord; member: MemberRecord }> {
  const now = context.clock.now().toISOString();
  const left = await changeMember(context, circleId, ({ members }) => {
    rules.leave(membershipsOf(members), actor.company.companyId);
    const existing = rowOf(members, actor.company.companyId);
    return { record: { ...existing.data, status: "left", leftAt: now }, etag: existing.etag };
  });
  context.logger.info({ circleId }, "company left circle");
  return left;
}

/** A member company removes another member company from the circle. */
export async function removeCompany(context: CircleContext, actor: Actor, circleId: string, companyId: string): Promise<{ circle: CircleRecord; member: MemberRecord }> {
  const now = context.clock.now().toISOString();
  const removed = await changeMember(context, circleId, ({ members }) => {
    rules.remove(membershipsOf(members), actor.company.companyId, companyId);
    const existing = rowOf(members, companyId);
    return { record: { ...existing.data, status: "removed", removedAt: now, removedBy: actor.company }, etag: existing.etag };
  });
  context.logger.info({ circleId }, "company removed from circle");
  return removed;
}

/**
 * The circles the company is in, by name. The company's index says where to look; each circle's
 * member row decides, because an index row can be stale.
 */
export async function listMyCircles(context: CircleContext, companyId: string): Promise<CircleSummary[]> {
  const index = await context.repositories.companies.listCircles(companyId);
  const checked = await Promise.all(
    index.map(async (entry): Promise<CircleSummary | undefined> => {
      const [circle, member] = await Promise.all([context.repositories.circles.get(entry.circleId), context.repositories.circles.getMember(entry.circleId, companyId)]);
      if (!circle || member?.data.status !== "member") return undefined;
      return { circleId: entry.circleId, name: circle.data.name, ...(circle.data.channel ? { channelConversationId: circle.data.channel.conversationId } : {}) };
    }),
  );
  return checked.filter((entry): entry is CircleSummary => entry !== undefined).sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/** Where the circle's reminders (and its dashboard tab) go: the Teams channel or group chat the bot is in. */
export interface ChannelToLink {
  conversationId: string;
  serviceUrl: string;
  /** The tenant that hosts the channel. */
  tenantId: string;
  teamId?: string;
  channelId?: string;
  conversationType: "channel" | "groupChat";
}

/** A member links the circle to the channel the command came from; its reminders go there from now on. */
export async function linkChannel(context: CircleContext, actor: Actor, circleId: string, channel: ChannelToLink): Promise<CircleRecord> {
  const { circle } = await requireMember(context, actor, circleId, "link-channel");
  const { conversationType, ...link } = channel;
  const updated: CircleRecord = { ...circle.data, channel: link };
  try {
    await context.repositories.circles.replaceCircle(updated, circle.etag);
  } catch (error) {
    if (error instanceof ConcurrencyError) throw new ConflictError("Someone changed this circle at the same moment; please try again.");
    throw error;
  }
  await rememberConversation(context, channel, conversationType);
  context.logger.info({ circleId }, "circle linked to a channel");
  return updated;
}

/** The bot saves a conversation when it is installed; this covers a channel it was installed in before it saved them. */
async function rememberConversation(context: CircleContext, channel: ChannelToLink, conversationType: ConversationRecord["conversationType"]): Promise<void> {
  if (await context.repositories.conversations.get(channel.conversationId)) return;
  const now = context.clock.now().toISOString();
  await context.repositories.conversations.save({
    conversationId: channel.conversationId,
    conversationType,
    tenantId: channel.tenantId,
    serviceUrl: channel.serviceUrl,
    reference: { conversation: { id: channel.conversationId, conversationType, tenantId: channel.tenantId }, serviceUrl: channel.serviceUrl, channelId: "msteams" },
    ...(channel.teamId ? { teamId: channel.teamId } : {}),
    ...(channel.channelId ? { channelId: channel.channelId } : {}),
    active: true,
    installedAt: now,
    updatedAt: now,
  });
}
