import { CardFactory, MessageFactory, TurnContext, type Activity } from "botbuilder";
import { z } from "zod";
import type { ConversationRecord, PersonRef } from "../../storage/index.js";
import { isCircleVerb, isLeadVerb } from "../../circles/index.js";
import { isReminderVerb } from "../../reminders/index.js";
import { parseCardSubmission, type ParsedSubmission } from "../cards/actions.js";
import type { Place, Reply, Speaker, TurnInput } from "../conversation/types.js";

/**
 * Bot Framework activities in, plain inputs out (and plain replies back to activities).
 * Everything Teams sends is checked here: the conversation logic only sees what passed.
 */
const LOCAL_TENANT = "local";

const activitySchema = z.object({
  from: z.object({ id: z.string().min(1).max(512), aadObjectId: z.string().max(128).optional(), name: z.string().max(256).optional() }),
  conversation: z.object({ id: z.string().min(1).max(1024), conversationType: z.string().optional(), tenantId: z.string().max(128).optional() }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().max(128) }).partial().optional(),
      team: z.object({ id: z.string().max(512) }).partial().optional(),
      channel: z.object({ id: z.string().max(512) }).partial().optional(),
    })
    .optional(),
});

const executeSchema = z.object({
  action: z.object({ type: z.literal("Action.Execute"), verb: z.string().max(64), data: z.record(z.string(), z.unknown()).optional() }),
});

export class UnaddressableActivityError extends Error {
  override name = "UnaddressableActivityError";
}

/** Who is speaking and where. Throws UnaddressableActivityError when the activity has no usable sender or conversation. */
export function speakerOf(activity: Partial<Activity>): Speaker {
  const parsed = activitySchema.safeParse(activity);
  if (!parsed.success) throw new UnaddressableActivityError("The activity has no usable sender or conversation.");
  const { from, conversation, channelData } = parsed.data;
  const tenantId = conversation.tenantId ?? channelData?.tenant?.id ?? LOCAL_TENANT;
  // The Entra object id is what the tab's SSO token carries, so bot and dashboard find the same person.
  const person: PersonRef = {
    tenantId,
    userId: from.aadObjectId ?? from.id,
    teamsUserId: from.id,
    ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
    ...(from.name ? { name: from.name } : {}),
  };
  const { serviceUrl, localTimezone } = activity;
  const team = channelData?.team?.id;
  const channel = channelData?.channel?.id;
  return {
    person,
    place: placeOf(conversation.conversationType),
    conversationId: conversation.id,
    ...(typeof serviceUrl === "string" && serviceUrl ? { serviceUrl } : {}),
    ...(team ? { teamId: team } : {}),
    ...(channel ? { channelId: channel } : {}),
    ...(typeof localTimezone === "string" && localTimezone ? { timeZone: localTimezone } : {}),
  };
}

function placeOf(conversationType: string | undefined): Place {
  return conversationType === "groupChat" || conversationType === "channel" ? conversationType : "personal";
}

/** A message: typed text, or an Action.Submit press (its `value`). */
export function messageInput(activity: Partial<Activity>): TurnInput {
  const speaker = speakerOf(activity);
  if (activity.value !== undefined && activity.value !== null) return reminderInput(speaker, activity.value) ?? cardInput(speaker, parseCardSubmission(activity.value));
  return { kind: "text", speaker, text: typeof activity.text === "string" ? activity.text : "" };
}

/** An adaptiveCard/action invoke (Action.Execute). The verb is the action's; the data is untrusted all the same. */
export function executeInput(activity: Partial<Activity>): TurnInput {
  const speaker = speakerOf(activity);
  const parsed = executeSchema.safeParse(activity.value);
  if (!parsed.success) return cardInput(speaker, parseCardSubmission(undefined));
  const data = { ...parsed.data.action.data, verb: parsed.data.action.verb };
  return reminderInput(speaker, data) ?? cardInput(speaker, parseCardSubmission(data));
}

/** Buttons on circle, lead and reminder cards belong to circles/ and reminders/, which validate their data themselves. */
function reminderInput(speaker: Speaker, value: unknown): TurnInput | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const data = value as Record<string, unknown>;
  return isReminderVerb(data.verb) || isCircleVerb(data.verb) || isLeadVerb(data.verb) ? { kind: "reminder-card", speaker, data } : undefined;
}

function cardInput(speaker: Speaker, submission: ParsedSubmission): TurnInput {
  if (submission.ok) return { kind: "card", speaker, action: submission.action };
  return { kind: "refused-card", speaker, problem: submission.problem, message: submission.message };
}

/** The reference kept for proactive messages (reminders, continuing a group request in the personal chat). */
export function conversationRecordOf(activity: Activity, now: Date): ConversationRecord {
  const speaker = speakerOf(activity);
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string } };
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>;
  return {
    conversationId: speaker.conversationId,
    conversationType: speaker.place,
    tenantId: speaker.person.tenantId,
    serviceUrl: activity.serviceUrl,
    reference,
    ...(speaker.place === "personal" ? { person: speaker.person } : {}),
    ...(channelData.team?.id ? { teamId: channelData.team.id } : {}),
    ...(channelData.channel?.id ? { channelId: channelData.channel.id } : {}),
    active: true,
    installedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export function activityOf(reply: Reply): Partial<Activity> {
  return reply.kind === "card" ? MessageFactory.attachment(CardFactory.adaptiveCard(reply.card)) : MessageFactory.text(reply.text);
}
