import { createHash } from "node:crypto";
import { z } from "zod";
import type { CircleRecord, ConversationRecord, MemberRecord, PersonRef } from "../storage/records.js";
import type { Repositories } from "../storage/index.js";

/** Where one reminder goes: the circle's linked channel, or one person's personal chat with the bot. */
export type DeliveryTarget =
  | { kind: "channel"; conversationId: string; serviceUrl: string; tenantId: string }
  | { kind: "personal"; conversationId: string; serviceUrl: string; tenantId: string; person: PersonRef; botId?: string };

/** A short, fixed-length id for a target, stable across re-created chats (a person, not a conversation id). */
export function targetIdOf(target: DeliveryTarget): string {
  const identity = target.kind === "channel" ? `channel\n${target.conversationId}` : `person\n${target.person.tenantId}\n${target.person.userId}`;
  return digest(identity);
}

export function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

const botAccount = z.object({ bot: z.object({ id: z.string().min(1) }).loose() }).loose();

/** The bot's id in a stored conversation reference (needed to re-create a personal chat). */
export function botIdOf(record: ConversationRecord): string | undefined {
  const parsed = botAccount.safeParse(record.reference);
  return parsed.success ? parsed.data.bot.id : undefined;
}

/** The linked channel, unless the bot was removed from it (its conversation is inactive). */
export async function channelTargetOf(repositories: Repositories, circle: CircleRecord): Promise<DeliveryTarget | undefined> {
  const channel = circle.channel;
  if (!channel) return undefined;
  const stored = await repositories.conversations.get(channel.conversationId);
  if (stored && !stored.data.active) return undefined;
  return { kind: "channel", conversationId: channel.conversationId, serviceUrl: stored?.data.serviceUrl ?? channel.serviceUrl, tenantId: channel.tenantId };
}

/** A person's personal chat, if they asked for reminders there and the bot is still installed for them. */
export async function personalTargetOf(repositories: Repositories, person: PersonRef): Promise<DeliveryTarget | undefined> {
  const profile = await repositories.people.getProfile(person);
  if (profile?.data.personalReminders !== true) return undefined;
  return personalChatTargetOf(repositories, person);
}

/** A person's personal chat with the bot, whether or not they asked for reminders there. */
export async function personalChatTargetOf(repositories: Repositories, person: PersonRef): Promise<DeliveryTarget | undefined> {
  const chat = await repositories.conversations.getPersonalChat(person.tenantId, person.userId);
  if (!chat?.data.active) return undefined;
  const botId = botIdOf(chat.data);
  return {
    kind: "personal",
    conversationId: chat.data.conversationId,
    serviceUrl: chat.data.serviceUrl,
    tenantId: chat.data.tenantId,
    person: {
      tenantId: person.tenantId,
      userId: person.userId,
      ...(person.name ? { name: person.name } : {}),
      ...(chat.data.person?.teamsUserId ? { teamsUserId: chat.data.person.teamsUserId } : {}),
    },
    ...(botId ? { botId } : {}),
  };
}

/** The opted-in people of the given member companies (all members when no filter), each once. */
export async function personalTargetsOf(repositories: Repositories, members: readonly MemberRecord[], onlyCompanies?: ReadonlySet<string>): Promise<DeliveryTarget[]> {
  const people = new Map<string, PersonRef>();
  for (const member of members) {
    if (member.status !== "member" || (onlyCompanies && !onlyCompanies.has(member.company.companyId))) continue;
    for (const person of member.people) people.set(`${person.tenantId}\n${person.userId}`, person);
  }
  const targets = await Promise.all([...people.values()].map((person) => personalTargetOf(repositories, person)));
  return targets.filter((target): target is DeliveryTarget => target !== undefined);
}
