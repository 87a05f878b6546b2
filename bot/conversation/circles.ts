import {
  actorFor,
  createCircle,
  handleReminderCardAction,
  inviteCompany,
  leaveCircle,
  linkChannel,
  listMyCircles,
  myCirclesCard,
  REMINDER_VERBS,
  setPersonalReminders,
  userMessageOf,
  type Actor,
  type CircleSummary,
  type ReminderContext,
} from "../../reminders/index.js";
import { areaById, type AreaId } from "../../core/model/index.js";
import { requireMember } from "../../reminders/circles.js";
import { gapToActionCard } from "../../reminders/index.js";
import type { CircleCommand } from "../commands.js";
import type { AdaptiveCard } from "../cards/elements.js";
import type { StepResult } from "./refusals.js";
import type { ConversationDeps, Speaker } from "./types.js";

/**
 * Circle commands and the buttons on circle and reminder cards, handed to reminders/ (which holds
 * the membership rules and the rhythm). Errors meant for the person come back as their sentence.
 */
export async function handleCircleCommand(deps: ConversationDeps, speaker: Speaker, command: CircleCommand): Promise<StepResult> {
  return withReminders(deps, async (reminders) => {
    if (command.kind === "reminders") return personalReminders(reminders, speaker, command.on);
    const actor = await actorFor(reminders, speaker.person);
    switch (command.kind) {
      case "circles":
        return circlesOverview(reminders, actor);
      case "create-circle":
        return create(reminders, actor, command.name);
      case "invite":
        return invite(reminders, actor, speaker, command.company, command.circle);
      case "leave":
        return withCircle(reminders, actor, speaker, command.circle, "leave", async (circle) => {
          await leaveCircle(reminders, actor, circle.circleId);
          return { notice: `${actor.company.companyName} has left ${circle.name}. Its people get no more reminders from it.` };
        });
      case "link":
        return link(reminders, actor, speaker, command.circle);
      case "rhythms":
        return withCircle(reminders, actor, speaker, command.circle, "rhythms", (circle) => viaButton(reminders, actor, speaker, REMINDER_VERBS.showRhythms, circle));
      case "actions":
        return withCircle(reminders, actor, speaker, command.circle, "actions", (circle) => viaButton(reminders, actor, speaker, REMINDER_VERBS.showActions, circle));
    }
  });
}

/** A button on a circle or reminder card: the result replaces the card, or is a sentence for the person who pressed. */
export async function handleReminderPress(deps: ConversationDeps, speaker: Speaker, data: Record<string, unknown>): Promise<StepResult> {
  return withReminders(deps, async (reminders) => {
    const actor = await actorFor(reminders, speaker.person);
    const result = await handleReminderCardAction(reminders, actor, data, sourceOf(speaker));
    return result.card ? { card: result.card as AdaptiveCard } : { notice: result.message };
  });
}

/** From a summary: the form that turns one of the weakest areas into a joint action, owned by a member company. */
export async function gapsToActionCard(deps: ConversationDeps, speaker: Speaker, circleId: string, areas: readonly AreaId[]): Promise<StepResult> {
  return withReminders(deps, async (reminders) => {
    const actor = await actorFor(reminders, speaker.person);
    const { circle, members } = await requireMember(reminders, actor, circleId, "change");
    const weakest = areas.map((area) => ({ area, areaName: areaById(area).name }));
    const companies = members.filter((row) => row.data.status === "member").map((row) => row.data.company);
    return { card: gapToActionCard({ circleId, name: circle.data.name }, weakest, companies, "assessment-summary") as AdaptiveCard };
  });
}

async function withReminders(deps: ConversationDeps, step: (reminders: ReminderContext) => Promise<StepResult>): Promise<StepResult> {
  if (!deps.reminders) return { notice: "Circles of trust are not available on this server." };
  try {
    return await step(await deps.reminders());
  } catch (error) {
    const message = userMessageOf(error);
    if (message === undefined) throw error;
    deps.log.info({ refusal: error instanceof Error ? error.name : "unknown" }, "circle request refused; nothing stored changed");
    return { notice: message };
  }
}

async function circlesOverview(reminders: ReminderContext, actor: Actor): Promise<StepResult> {
  const mine = await listMyCircles(reminders, actor);
  return { card: myCirclesCard(mine.memberOf, mine.invitations) as AdaptiveCard };
}

async function create(reminders: ReminderContext, actor: Actor, name: string | undefined): Promise<StepResult> {
  if (!name) return { notice: 'Give the circle a name, e.g. create circle Golden Circle.' };
  const circle = await createCircle(reminders, actor, name);
  return {
    notice: `${circle.name} is created with ${actor.company.companyName} as its first member. Invite partners with "invite <company> to ${circle.name}", then type "link ${circle.name}" in the team channel where the circle meets.`,
  };
}

async function invite(reminders: ReminderContext, actor: Actor, speaker: Speaker, company: string | undefined, circleName: string | undefined): Promise<StepResult> {
  if (!company) return { notice: "Name the company to invite, e.g. invite Fabrikam to Golden Circle." };
  return withCircle(reminders, actor, speaker, circleName, `invite ${company} to`, async (circle) => {
    const invited = await inviteCompany(reminders, actor, circle.circleId, company);
    return { notice: `${invited.company.companyName} is invited to ${circle.name}. It becomes a member when one of its people types "circles" to me and accepts.` };
  });
}

async function link(reminders: ReminderContext, actor: Actor, speaker: Speaker, circleName: string | undefined): Promise<StepResult> {
  if (speaker.place === "personal" || !speaker.serviceUrl) return { notice: 'Type "link <circle>" in the team channel (or group chat) where your circle meets; its reminders and dashboard will go there.' };
  const conversationType = speaker.place;
  const serviceUrl = speaker.serviceUrl;
  return withCircle(reminders, actor, speaker, circleName, "link", async (circle) => {
    await linkChannel(reminders, actor, circle.circleId, {
      conversationId: speaker.conversationId,
      serviceUrl,
      tenantId: speaker.person.tenantId,
      conversationType,
      ...(speaker.teamId ? { teamId: speaker.teamId } : {}),
      ...(speaker.channelId ? { channelId: speaker.channelId } : {}),
    });
    return { notice: `${circle.name}'s reminders now come to this ${conversationType === "channel" ? "channel" : "chat"}. Add the Partnering Maturity tab here to see its dashboard.` };
  });
}

async function personalReminders(reminders: ReminderContext, speaker: Speaker, on: boolean | undefined): Promise<StepResult> {
  if (on === undefined) return { notice: 'Type "reminders on" to get your circles\' reminders in this personal chat too, or "reminders off" to stop them.' };
  const { personalChatKnown } = await setPersonalReminders(reminders, speaker.person, on);
  if (!on) return { notice: "You won't get reminders in your personal chat any more; your circles' channels still get them." };
  return { notice: personalChatKnown ? "You'll get your circles' reminders in this personal chat too." : "Reminders are on. Say hello to me in a personal chat so that I can reach you there." };
}

function viaButton(reminders: ReminderContext, actor: Actor, speaker: Speaker, verb: string, circle: CircleSummary): Promise<StepResult> {
  return handleReminderCardAction(reminders, actor, { verb, circleId: circle.circleId }, sourceOf(speaker)).then((result) =>
    result.card ? { card: result.card as AdaptiveCard } : { notice: result.message },
  );
}

/**
 * The circle a command means: the one named (by name, ignoring case), else the one linked to this
 * conversation, else the company's only circle. Otherwise the person is asked to name it.
 */
async function withCircle(
  reminders: ReminderContext,
  actor: Actor,
  speaker: Speaker,
  name: string | undefined,
  command: string,
  step: (circle: CircleSummary) => Promise<StepResult>,
): Promise<StepResult> {
  const { memberOf } = await listMyCircles(reminders, actor);
  const wanted = name?.toLocaleLowerCase("en-US");
  const byName = wanted ? memberOf.filter((circle) => circle.name.toLocaleLowerCase("en-US") === wanted) : [];
  const linkedHere = memberOf.filter((circle) => circle.channelConversationId === speaker.conversationId);
  const candidates = wanted ? byName : linkedHere.length > 0 ? linkedHere : memberOf;
  if (candidates.length === 1) return step(candidates[0] as CircleSummary);
  if (memberOf.length === 0) return { notice: `${actor.company.companyName} is not in a circle of trust yet. Create one with "create circle <name>", or accept an invitation with "circles".` };
  const names = memberOf.map((circle) => circle.name).join(", ");
  return { notice: wanted ? `${actor.company.companyName} is in no circle called "${name}". Its circles: ${names}.` : `Which circle? Type "${command} <circle>" with one of: ${names}.` };
}

function sourceOf(speaker: Speaker): { conversationId: string; timeZone?: string } {
  return { conversationId: speaker.conversationId, ...(speaker.timeZone ? { timeZone: speaker.timeZone } : {}) };
}
