import { randomUUID } from "node:crypto";
import * as rules from "../core/circles/index.js";
import { companyRef } from "../core/companies.js";
import type { CircleRecord, CompanyRef, ConversationRecord, MemberRecord, PersonRef, ProfileRecord } from "../storage/records.js";
import { ConcurrencyError, EntityExistsError, type StoredRow } from "../storage/table-store.js";
import type { ReminderContext } from "./context.js";
import { ConflictError, NotFoundError } from "./errors.js";

/** The person acting, and the company they act for (from their profile). */
export interface Actor {
  person: PersonRef;
  company: CompanyRef;
}

export interface CircleSummary {
  circleId: string;
  name: string;
  status: rules.MembershipStatus;
  /** The linked channel's conversation id, if any. */
  channelConversationId?: string;
}

export interface MyCircles {
  memberOf: CircleSummary[];
  invitations: (CircleSummary & { invitedBy?: CompanyRef })[];
}

/** A circle a member may work with: its row and its members. */
export interface MemberView {
  circle: StoredRow<CircleRecord>;
  members: StoredRow<MemberRecord>[];
  self: StoredRow<MemberRecord>;
}

const RETRIES_ON_CONFLICT = 3;

/** The person's company comes from their profile (set when they first assess). */
export async function actorFor(context: ReminderContext, person: PersonRef): Promise<Actor> {
  const profile = await context.repositories.people.getProfile(person);
  const company = profile?.data.company;
  if (!company) throw new rules.CircleRuleError("unknown-company", "I don't know which company you work for yet. Take the assessment first (say \"assess\"), then try again.");
  return { person, company };
}

function membershipsOf(members: readonly StoredRow<MemberRecord>[]): rules.Membership[] {
  return members.map(({ data }) => ({ companyId: data.company.companyId, companyName: data.company.companyName, status: data.status }));
}

async function loadCircle(context: ReminderContext, circleId: string): Promise<{ circle: StoredRow<CircleRecord>; members: StoredRow<MemberRecord>[] }> {
  const [circle, members] = await Promise.all([context.repositories.circles.get(circleId), context.repositories.circles.listMembers(circleId)]);
  if (!circle) throw new NotFoundError("I can't find that circle any more; it may have been removed, or this card is from an old conversation.");
  return { circle, members };
}

/** Loads the circle and checks the actor's company is a member; also lists the person with their company. */
export async function requireMember(context: ReminderContext, actor: Actor, circleId: string, access: rules.CircleAccess): Promise<MemberView> {
  const { circle, members } = await loadCircle(context, circleId);
  rules.assertMayAccess(membershipsOf(members), actor.company.companyId, access);
  const self = members.find((row) => row.data.company.companyId === actor.company.companyId) as StoredRow<MemberRecord>;
  return { circle, members, self: await rememberPerson(context, circle.data, self, actor.person) };
}

/** A person of a member company who acts in the circle is listed with it, so that the index finds the circle for them. */
async function rememberPerson(context: ReminderContext, circle: CircleRecord, member: StoredRow<MemberRecord>, person: PersonRef): Promise<StoredRow<MemberRecord>> {
  if (member.data.people.some((known) => known.tenantId === person.tenantId && known.userId === person.userId)) return member;
  const data: MemberRecord = { ...member.data, people: [...member.data.people, person] };
  try {
    return { ...member, data, etag: await context.repositories.circles.saveMember(circle, data, member.etag) };
  } catch (error) {
    if (error instanceof ConcurrencyError) return member;
    throw error;
  }
}

function memberRecord(circleId: string, membership: rules.Membership, now: string, people: PersonRef[], previous?: MemberRecord): MemberRecord {
  const company = { companyId: membership.companyId, companyName: membership.companyName };
  const base: MemberRecord = { ...(previous ?? { circleId, invitedAt: now }), company, status: membership.status, people };
  if (membership.status === "member") return { ...base, joinedAt: now };
  if (membership.status === "left") return { ...base, leftAt: now };
  return base;
}

async function indexCompany(context: ReminderContext, circle: CircleRecord, member: MemberRecord): Promise<void> {
  await context.repositories.circles.saveCompanyIndex({
    circleId: circle.circleId,
    circleName: circle.name,
    tenantId: circle.tenantId,
    company: member.company,
    status: member.status,
    ...(member.invitedBy ? { invitedBy: member.invitedBy } : {}),
    updatedAt: context.clock.now().toISOString(),
  });
}

/** Creates a circle with the actor's company as its first member. */
export async function createCircle(context: ReminderContext, actor: Actor, name: string): Promise<CircleRecord> {
  const circleName = rules.circleNameOf(name);
  const founder = rules.founderOf(actor.company);
  const now = context.clock.now().toISOString();
  const circle: CircleRecord = { circleId: randomUUID(), tenantId: actor.person.tenantId, name: circleName, createdAt: now, createdBy: actor.person };
  const member = memberRecord(circle.circleId, founder, now, [actor.person]);
  await context.repositories.circles.create(circle, [member]);
  await indexCompany(context, circle, member);
  context.logger.info({ circleId: circle.circleId }, "circle created");
  return circle;
}

/** Runs a membership change under the member row's ETag, re-reading and re-checking the rules on a conflict. */
async function changeMembership(context: ReminderContext, circleId: string, change: (loaded: { circle: StoredRow<CircleRecord>; members: StoredRow<MemberRecord>[] }) => { record: MemberRecord; etag: string | undefined }): Promise<{ circle: CircleRecord; member: MemberRecord }> {
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadCircle(context, circleId);
    const { record, etag } = change(loaded);
    try {
      await context.repositories.circles.saveMember(loaded.circle.data, record, etag);
      await indexCompany(context, loaded.circle.data, record);
      return { circle: loaded.circle.data, member: record };
    } catch (error) {
      const raced = error instanceof ConcurrencyError || error instanceof EntityExistsError;
      if (!raced) throw error;
      if (attempt >= RETRIES_ON_CONFLICT) throw new ConflictError("Someone changed this circle at the same moment; please try again.");
    }
  }
}

function rowOf(members: readonly StoredRow<MemberRecord>[], companyId: string): StoredRow<MemberRecord> | undefined {
  return members.find((row) => row.data.company.companyId === companyId);
}

/** A member invites a partner company by name. The company joins only when one of its people accepts. */
export async function inviteCompany(context: ReminderContext, actor: Actor, circleId: string, companyName: string): Promise<MemberRecord> {
  const invitee = companyRef(companyName);
  const now = context.clock.now().toISOString();
  const { member } = await changeMembership(context, circleId, ({ members }) => {
    const invited = rules.invite(membershipsOf(members), actor.company.companyId, invitee);
    const existing = rowOf(members, invitee.companyId);
    const record: MemberRecord = { ...memberRecord(circleId, invited, now, existing?.data.people ?? [], existing?.data), invitedAt: now, invitedBy: actor.company };
    return { record, etag: existing?.etag };
  });
  context.logger.info({ circleId }, "company invited to circle");
  return member;
}

/** A person of the invited company accepts for it; they are the first of its people in the circle. */
export async function acceptInvitation(context: ReminderContext, actor: Actor, circleId: string): Promise<MemberRecord> {
  const now = context.clock.now().toISOString();
  const { member } = await changeMembership(context, circleId, ({ members }) => {
    const accepted = rules.accept(membershipsOf(members), actor.company.companyId);
    const existing = rowOf(members, actor.company.companyId) as StoredRow<MemberRecord>;
    const people = existing.data.people.some((person) => person.userId === actor.person.userId && person.tenantId === actor.person.tenantId) ? existing.data.people : [...existing.data.people, actor.person];
    return { record: memberRecord(circleId, accepted, now, people, existing.data), etag: existing.etag };
  });
  context.logger.info({ circleId }, "invitation accepted");
  return member;
}

export async function declineInvitation(context: ReminderContext, actor: Actor, circleId: string): Promise<MemberRecord> {
  const now = context.clock.now().toISOString();
  const { member } = await changeMembership(context, circleId, ({ members }) => {
    const declined = rules.decline(membershipsOf(members), actor.company.companyId);
    const existing = rowOf(members, actor.company.companyId) as StoredRow<MemberRecord>;
    return { record: memberRecord(circleId, declined, now, existing.data.people, existing.data), etag: existing.etag };
  });
  context.logger.info({ circleId }, "invitation declined");
  return member;
}

/** The actor's company leaves; its people lose the circle from their list and stop getting its reminders. */
export async function leaveCircle(context: ReminderContext, actor: Actor, circleId: string): Promise<MemberRecord> {
  const now = context.clock.now().toISOString();
  const { member } = await changeMembership(context, circleId, ({ members }) => {
    const left = rules.leave(membershipsOf(members), actor.company.companyId);
    const existing = rowOf(members, actor.company.companyId) as StoredRow<MemberRecord>;
    return { record: memberRecord(circleId, left, now, existing.data.people, existing.data), etag: existing.etag };
  });
  context.logger.info({ circleId }, "company left circle");
  return member;
}

/** The circles the actor's company is in, and those it is invited to (checked against each circle's member row). */
export async function listMyCircles(context: ReminderContext, actor: Actor): Promise<MyCircles> {
  const index = await context.repositories.circles.listForCompany(actor.company.companyId);
  const checked = await Promise.all(
    index.map(async (entry) => {
      const [circle, member] = await Promise.all([context.repositories.circles.get(entry.circleId), context.repositories.circles.getMember(entry.circleId, actor.company.companyId)]);
      if (!circle || !member) return undefined;
      const summary: CircleSummary = { circleId: entry.circleId, name: circle.data.name, status: member.data.status, ...(circle.data.channel ? { channelConversationId: circle.data.channel.conversationId } : {}) };
      return { summary, invitedBy: member.data.invitedBy };
    }),
  );
  const present = checked.filter((entry) => entry !== undefined).sort((a, b) => a.summary.name.localeCompare(b.summary.name));
  return {
    memberOf: present.filter((entry) => entry.summary.status === "member").map((entry) => entry.summary),
    invitations: present.filter((entry) => entry.summary.status === "invited").map((entry) => ({ ...entry.summary, ...(entry.invitedBy ? { invitedBy: entry.invitedBy } : {}) })),
  };
}

/** Where the circle's reminders (and its dashboard tab) go: the Teams channel or group chat the bot is in. */
export interface ChannelToLink {
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  teamId?: string;
  channelId?: string;
  conversationType: "channel" | "groupChat";
}

/** A member links the circle to the channel the command came from; its reminders go there from now on. */
export async function linkChannel(context: ReminderContext, actor: Actor, circleId: string, channel: ChannelToLink): Promise<CircleRecord> {
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
async function rememberConversation(context: ReminderContext, channel: ChannelToLink, conversationType: ConversationRecord["conversationType"]): Promise<void> {
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

/**
 * "Remind me in my personal chat too" (on) or "only in the channel" (off), for all the person's circles.
 * `personalChatKnown` is false when the bot has no personal chat with them yet (they must install it personally).
 */
export async function setPersonalReminders(context: ReminderContext, person: PersonRef, on: boolean): Promise<{ profile: ProfileRecord; personalChatKnown: boolean }> {
  const [profile, chat] = await Promise.all([
    context.repositories.people.updateProfile(person, (current) => ({ ...(current ?? { person }), personalReminders: on, updatedAt: context.clock.now().toISOString() })),
    context.repositories.conversations.getPersonalChat(person.tenantId, person.userId),
  ]);
  return { profile, personalChatKnown: chat?.data.active === true };
}
