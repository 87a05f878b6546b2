import type { ConversationRecord } from "../../storage/index.js";
import { welcomeCard } from "../cards/welcome.js";
import type { ConversationDeps, Place, TurnOutcome } from "./types.js";

/**
 * The app was added to a personal chat, a group chat or a team: keep the conversation reference
 * for reminders and welcome once. Teams sends two events for one install; only the first welcomes.
 */
export async function appInstalled(deps: ConversationDeps, conversation: ConversationRecord, place: Place): Promise<TurnOutcome> {
  const isNew = await deps.repositories.conversations.activate(conversation);
  deps.log.info({ place, welcomed: isNew }, "app installed in a conversation");
  return isNew ? { messages: [{ kind: "card", card: welcomeCard(place) }] } : {};
}

/** The app was removed: no more proactive messages there until it is installed again. */
export async function appRemoved(deps: ConversationDeps, conversationId: string, reason: string): Promise<TurnOutcome> {
  const known = await deps.repositories.conversations.deactivate(conversationId, reason, deps.clock.now());
  deps.log.info({ known, reason }, "app removed from a conversation");
  return {};
}

/**
 * A message in a personal chat proves the app is installed there. If no install event was ever
 * stored (installed before the bot had storage, or a client that sends none), keep the reference now,
 * so that requests made in group chats can continue in this chat.
 */
export async function rememberPersonalChat(deps: ConversationDeps, conversation: ConversationRecord): Promise<void> {
  if (conversation.conversationType !== "personal" || !conversation.person) return;
  const known = await deps.repositories.conversations.getPersonalChat(conversation.tenantId, conversation.person.userId);
  if (known?.data.active && known.data.conversationId === conversation.conversationId) return;
  await deps.repositories.conversations.activate(conversation);
  deps.log.info({ place: "personal" }, "personal chat remembered from a message");
}
