import type { PersonRef, ProfileRecord } from "../storage/records.js";
import type { ReminderContext } from "./context.js";

/**
 * "Remind me in my personal chat too" (on) or "only in the channel" (off), for all the person's circles.
 * `personalChatKnown` is false when the bot has no personal chat with them yet (they must install it personally).
 */
export async function setPersonalReminders(context: Pick<ReminderContext, "repositories" | "clock">, person: PersonRef, on: boolean): Promise<{ profile: ProfileRecord; personalChatKnown: boolean }> {
  const [profile, chat] = await Promise.all([
    context.repositories.people.updateProfile(person, (current) => ({ ...(current ?? { person }), personalReminders: on, updatedAt: context.clock.now().toISOString() })),
    context.repositories.conversations.getPersonalChat(person.tenantId, person.userId),
  ]);
  return { profile, personalChatKnown: chat?.data.active === true };
}
