import {
  actionsCard,
  actorFor,
  openActionsOf,
  rowsOfKind,
  todayOf,
  type ActionView,
  companyOfPerson,
  createCircle,
  currentMembers,
  gapToActionCard,
  handleCircleCardAction,
  leaveCircle,
  linkChannel,
  listMyCircles,
  nameCompany,
  pendingInvitations,
  redeemInvitation,
  requireMember,
  inviteCompany,
  CIRCLE_VERBS,
  isLeadVerb,
  LEAD_VERBS,
  type Actor,
  type CircleActionResult,
  type CircleSummary,
  type RedeemedInvitation,
} from "../../circles/index.js";
import { areaById, type AreaId } from "../../core/model/index.js";
import { sameName } from "../../core/text.js";
import { currentReminderCard, handleReminderCardAction, REMINDER_VERBS, setPersonalReminders, userMessageOf, type ReminderContext } from "../../reminders/index.js";
import { nextOccurrence } from "../../core/schedule/index.js";
import { RHYTHM_KINDS } from "../../core/schedule/types.js";
import type { CircleRecord, CircleSnapshot, RhythmRecord } from "../../storage/index.js";
import type { CircleChoiceCommand } from "../cards/actions.js";
import { circleChoiceCard, circlesCard, gapCircleChoiceCard, invitationCard, inviteFormCard, joinedText, removalCard, type CircleView } from "../cards/circles.js";
import type { AdaptiveCard } from "../cards/elements.js";
import type { CircleCommand } from "../commands.js";
import { handleLeadPress, leadForm } from "./leads.js";
import { circleContextOf, type StepResult } from "./refusals.js";
import type { ConversationDeps, Delivery, Speaker, TurnOutcome } from "./types.js";
import { calendarDateText } from "../../platform/card-elements.js";

/**
 * Circle commands and the buttons on circle and reminder cards. The workflow is circles/ (and
 * reminders/ for rhythms); this module turns commands and presses into calls and results into
 * cards. Errors meant for the person come back as their sentence; nothing is stored then.
 */
export type CircleStep = StepResult | TurnOutcome;

export async function handleCircleCommand(deps: ConversationDeps, speaker: Speaker, command: Exclude<CircleCommand, { kind: "invite" | "lead" }>): Promise<CircleStep> {
  return withCircles(deps, async (reminders) => {
    if (command.kind === "reminders") return personalReminders(reminders, speaker, command.on);
    if (command.kind === "company") return company(deps, command.name);
    const actor = await actorFor(reminders, await deps.verify());
    switch (command.kind) {
      case "circles":
        return { card: await circlesOverview(reminders, actor, speaker) };
      case "create-circle":
        return create(reminders, actor, speaker, command.name);
      case "join":
        return join(reminders, actor, speaker, command.code);
      case "remove":
        if (!command.company) return { notice: 'Name the company to remove, e.g. remove Fabrikam from Golden Circle. Or type "circles" and use its Remove button.' };
        return withCircle(reminders, actor, speaker, command.circle, "remove", (circle) => askRemoval(reminders, actor, circle.circleId, command.company ?? ""), command.company);
      case "leave":
      case "link":
      case "rhythms":
      case "actions":
        return withCircle(reminders, actor, speaker, command.circle, command.kind, (circle) => forCircle(reminders, actor, speaker, command.kind, circle));
    }
  });
}

/** `invite <company> to <circle>`: the code is for the inviter's eyes; turn.ts runs this in their personal chat. */
export async function inviteStep(deps: ConversationDeps, speaker: Speaker, company: string | undefined, circleName: string | undefined): Promise<StepResult> {
  if (!company) return { notice: "Name the company to invite, e.g. invite Fabrikam to Golden Circle." };
  return withCircles(deps, async (reminders) => {
    const actor = await actorFor(reminders, await deps.verify());
    return withCircle(reminders, actor, speaker, circleName, "invite", (circle) => invite(reminders, actor, circle.circleId, company), company);
  }) as Promise<StepResult>;
}

/** `lead <circle>` (the share form) and `leads <circle>`: the customer is for the giver's eyes; turn.ts runs this in their personal chat. */
export async function leadStep(deps: ConversationDeps, speaker: Speaker, circleName: string | undefined, list: boolean): Promise<StepResult> {
  return withCircles(deps, async (reminders) => {
    const actor = await actorFor(reminders, await deps.verify());
    return withCircle(reminders, actor, speaker, circleName, list ? "leads" : "lead", (circle) => leadsOf(reminders, actor, circle.circleId, list));
  }) as Promise<StepResult>;
}

async function leadsOf(reminders: ReminderContext, actor: Actor, circleId: string, list: boolean): Promise<StepResult> {
  if (!list) return leadForm(reminders, actor, circleId);
  const shown = await handleLeadPress(reminders, actor, { verb: LEAD_VERBS.list, circleId });
  return "card" in shown && shown.card ? { card: shown.card } : { notice: "Type circles to see your circles." };
}

/** A circle-choice button: the command finishes for the chosen circle. */
export async function handleCircleChoice(deps: ConversationDeps, speaker: Speaker, command: CircleChoiceCommand, circleId: string, argument: string | undefined): Promise<CircleStep> {
  return withCircles(deps, async (reminders) => {
    const actor = await actorFor(reminders, await deps.verify());
    const { circle } = await requireMember(reminders, actor, circleId, "see");
    const summary: CircleSummary = { circleId, name: circle.data.name, ...(circle.data.channel ? { channelConversationId: circle.data.channel.conversationId } : {}) };
    if (command === "invite") return argument ? invite(reminders, actor, circleId, argument) : { card: inviteFormCard(circle.data) };
    if (command === "remove") return argument ? askRemoval(reminders, actor, circleId, argument) : { card: await circlesOverview(reminders, actor, speaker) };
    if (command === "circles") return { card: await circlesOverview(reminders, actor, speaker) };
    if (command === "lead" || command === "leads") return leadsOf(reminders, actor, circleId, command === "leads");
    return forCircle(reminders, actor, speaker, command, summary);
  });
}

/** A button on a circle or reminder card: the result replaces the card, or is a sentence for the person who pressed. */
export async function handleCirclePress(deps: ConversationDeps, speaker: Speaker, data: Record<string, unknown>): Promise<CircleStep> {
  return withCircles(deps, async (reminders) => {
    const actor = await actorFor(reminders, await deps.verify());
    if (isReminderButton(data.verb)) {
      const result = await handleReminderCardAction(reminders, actor, data, sourceOf(speaker));
      return result.card ? { card: result.card as AdaptiveCard } : { notice: result.message };
    }
    if (isLeadVerb(data.verb)) return handleLeadPress(reminders, actor, data);
    return shownResult(deps, reminders, actor, speaker, await handleCircleCardAction(reminders, actor, data));
  });
}

/**
 * From a summary: the form that turns one of the weakest areas into a joint action, owned by a member
 * company. Without a circle, the company's current circles are offered (one goes straight to its form).
 */
export async function gapsToActionCard(deps: ConversationDeps, chosenCircleId: string | undefined, areas: readonly AreaId[]): Promise<StepResult> {
  return withCircles(deps, async (reminders) => {
    const actor = await actorFor(reminders, await deps.verify());
    const circles = chosenCircleId ? [] : await listMyCircles(reminders, actor.company.companyId);
    const circleId = chosenCircleId ?? (circles.length === 1 ? circles[0]?.circleId : undefined);
    if (!circleId) return circles.length === 0 ? { notice: `${actor.company.companyName} is in no circle of trust yet. Create one with "create circle ‹name›" and invite your partners; then turn a gap into a joint action there.` } : { card: gapCircleChoiceCard(circles, areas) };
    const { circle, members } = await requireMember(reminders, actor, circleId, "change");
    const weakest = areas.map((area) => ({ area, areaName: areaById(area).name }));
    return { card: gapToActionCard({ circleId, name: circle.data.name }, weakest, currentMembers(members).map((member) => member.company), "assessment-summary") as AdaptiveCard };
  }) as Promise<StepResult>;
}

function isReminderButton(verb: unknown): boolean {
  return typeof verb === "string" && (Object.values(REMINDER_VERBS) as string[]).includes(verb);
}

async function withCircles(deps: ConversationDeps, step: (reminders: ReminderContext) => Promise<CircleStep>): Promise<CircleStep> {
  if (!deps.reminders) return { notice: "Circles of trust are not available on this server." };
  try {
    const reminders = await deps.reminders();
    return await step({ ...reminders, ...circleContextOf(deps), logger: reminders.logger });
  } catch (error) {
    const message = userMessageOf(error);
    if (message === undefined) throw error;
    deps.log.info({ refusal: error instanceof Error ? error.name : "unknown", code: (error as { code?: unknown }).code ?? null }, "circle request refused; nothing stored changed");
    return { notice: message };
  }
}

async function company(deps: ConversationDeps, name: string | undefined): Promise<StepResult> {
  const context = circleContextOf(deps);
  const verified = await deps.verify();
  if (!name) {
    const current = await companyOfPerson(context, verified);
    return {
      notice: current
        ? `Your organisation's company is ${current.data.name}. Everyone of your organisation answers for it. To rename it, type company followed by the new name.`
        : "Your organisation has no company name here yet. Name it: type company followed by its name, e.g. company Fabrikam.",
    };
  }
  const named = await nameCompany(context, verified, name);
  if (named.previousName === undefined) return { notice: `Your organisation's company is now called ${named.company.name}. Colleagues who use Partnering Maturity answer for it too.` };
  if (named.previousName === named.company.name) return { notice: `Your company is already called ${named.company.name}.` };
  return { notice: `Renamed ${named.previousName} to ${named.company.name}, in every circle it is in.` };
}

/** The company's circles with their members, pending invitations, open actions and rhythms: one partition read each. */
async function circlesOverview(reminders: ReminderContext, actor: Actor, speaker: Speaker, notice?: string): Promise<AdaptiveCard> {
  const now = reminders.clock.now();
  const circles = await listMyCircles(reminders, actor.company.companyId);
  const views = await Promise.all(circles.map(async (summary) => circleViewOf(await reminders.repositories.circles.snapshot(summary.circleId), now)));
  return circlesCard(actor.company, views.filter((view): view is CircleView => view !== undefined), { ...(notice ? { notice } : {}), shared: speaker.place !== "personal" });
}

function circleViewOf(snapshot: CircleSnapshot | undefined, now: Date): CircleView | undefined {
  if (!snapshot) return undefined;
  const rhythms = rowsOfKind<RhythmRecord>(snapshot, "rhythm")
    .map((record) => record.rhythm)
    .sort((a, b) => RHYTHM_KINDS.indexOf(a.kind) - RHYTHM_KINDS.indexOf(b.kind))
    .map((rhythm) => ({ rhythm, next: rhythm.paused ? undefined : nextOccurrence(rhythm, now) }));
  return {
    circle: snapshot.circle.data,
    members: currentMembers(snapshot.members),
    pendingInvitations: pendingInvitations(snapshot.invitations, now),
    openActions: openActionsOf(snapshot),
    rhythms,
    today: todayOf(now),
  };
}

async function create(reminders: ReminderContext, actor: Actor, speaker: Speaker, name: string | undefined): Promise<StepResult> {
  if (!name) return { notice: "Give the circle a name, e.g. create circle Golden Circle." };
  const circle = await createCircle(reminders, actor, name);
  return {
    card: await circlesOverview(
      reminders,
      actor,
      speaker,
      `${circle.name} is created with ${actor.company.companyName} as its first member. Invite partners with "invite ‹company› to ${circle.name}", then type "link ${circle.name}" in the team channel where the circle meets.`,
    ),
  };
}

async function invite(reminders: ReminderContext, actor: Actor, circleId: string, company: string): Promise<StepResult> {
  const created = await inviteCompany(reminders, actor, circleId, company);
  return { card: invitationCard(created.circle, created.invitation, created.code) };
}

/** `join <code>`: the person's organisation joins; the circle's channel hears about it. */
async function join(reminders: ReminderContext, actor: Actor, speaker: Speaker, code: string | undefined): Promise<CircleStep> {
  if (!code) return { notice: "Type join followed by the invitation code a member of the circle gave you, e.g. join K7QM-2WXA-…" };
  const redeemed = await redeemInvitation(reminders, actor, code);
  const card = await circlesOverview(reminders, actor, speaker, `Welcome to ${redeemed.circle.name}: ${actor.company.companyName} is now a member.`);
  const announcement = await joinAnnouncement(reminders, redeemed);
  return { messages: [{ kind: "card", card }], ...(announcement ? { elsewhere: [announcement] } : {}) };
}

async function joinAnnouncement(reminders: ReminderContext, redeemed: RedeemedInvitation): Promise<Delivery | undefined> {
  const channel = redeemed.circle.channel;
  if (!channel) return undefined;
  const chat = await reminders.repositories.conversations.get(channel.conversationId);
  if (!chat?.data.active) return undefined;
  return { chat: chat.data, messages: [{ kind: "text", text: joinedText(redeemed.circle, redeemed.member) }] };
}

async function askRemoval(reminders: ReminderContext, actor: Actor, circleId: string, companyName: string): Promise<StepResult> {
  const { circle, members } = await requireMember(reminders, actor, circleId, "change");
  const matches = currentMembers(members).filter((member) => sameName(member.company.companyName, companyName) || (member.invitedAs !== undefined && sameName(member.invitedAs, companyName)));
  const target = matches.find((member) => member.company.companyId !== actor.company.companyId);
  if (!target) return { notice: `${circle.data.name} has no member company called ${companyName}. Type "circles" to see its members.` };
  const result = await handleCircleCardAction(reminders, actor, { verb: CIRCLE_VERBS.askRemoveCompany, circleId, companyId: target.company.companyId });
  return result.kind === "confirm-removal" ? { card: removalCard(result.circle, result.company) } : { notice: "Type circles to see the circle's members." };
}

async function forCircle(reminders: ReminderContext, actor: Actor, speaker: Speaker, command: "leave" | "link" | "rhythms" | "actions", circle: CircleSummary): Promise<StepResult> {
  switch (command) {
    case "leave": {
      await leaveCircle(reminders, actor, circle.circleId);
      return { notice: `${actor.company.companyName} has left ${circle.name}. Its people get no more reminders from it.` };
    }
    case "link":
      return link(reminders, actor, speaker, circle);
    case "rhythms": {
      const result = await handleReminderCardAction(reminders, actor, { verb: REMINDER_VERBS.showRhythms, circleId: circle.circleId }, sourceOf(speaker));
      return result.card ? { card: result.card as AdaptiveCard } : { notice: result.message };
    }
    case "actions": {
      const result = await handleCircleCardAction(reminders, actor, { verb: CIRCLE_VERBS.showActions, circleId: circle.circleId });
      return result.kind === "actions" ? { card: actionsCard(result.circle, result.openActions, result.today) as AdaptiveCard } : { notice: "Type circles to see your circles." };
    }
  }
}

async function link(reminders: ReminderContext, actor: Actor, speaker: Speaker, circle: CircleSummary): Promise<StepResult> {
  if (speaker.place === "personal" || !speaker.serviceUrl) return { notice: 'Type "link ‹circle›" in the team channel (or group chat) where your circle meets; its reminders and dashboard will go there.' };
  await linkChannel(reminders, actor, circle.circleId, {
    conversationId: speaker.conversationId,
    serviceUrl: speaker.serviceUrl,
    tenantId: speaker.person.tenantId,
    conversationType: speaker.place,
    ...(speaker.teamId ? { teamId: speaker.teamId } : {}),
    ...(speaker.channelId ? { channelId: speaker.channelId } : {}),
  });
  return { notice: `${circle.name}'s reminders now come to this ${speaker.place === "channel" ? "channel" : "chat"}. Add the Partnering Maturity tab here to see its dashboard.` };
}

async function personalReminders(reminders: ReminderContext, speaker: Speaker, on: boolean | undefined): Promise<StepResult> {
  if (on === undefined) return { notice: 'Type "reminders on" to get your circles\' reminders in this personal chat too, or "reminders off" to stop them.' };
  const { personalChatKnown } = await setPersonalReminders(reminders, speaker.person, on);
  if (!on) return { notice: "You won't get reminders in your personal chat any more; your circles' channels still get them." };
  return { notice: personalChatKnown ? "You'll get your circles' reminders in this personal chat too." : "Reminders are on. Say hello to me in a personal chat so that I can reach you there." };
}

/** What a circle button did, shown as the card that replaces the pressed one. */
async function shownResult(deps: ConversationDeps, reminders: ReminderContext, actor: Actor, speaker: Speaker, result: CircleActionResult): Promise<CircleStep> {
  switch (result.kind) {
    case "show-circles":
      return { card: await circlesOverview(reminders, actor, speaker) };
    case "invited":
      return invitationShown(deps, speaker, { card: invitationCard(result.created.circle, result.created.invitation, result.created.code) });
    case "invitation-revoked":
      return { card: await circlesOverview(reminders, actor, speaker, `Revoked: the invitation for ${result.invitation.invitedAs} to ${result.circle.name} can no longer be used.`) };
    case "confirm-removal":
      return { card: removalCard(result.circle, result.company) };
    case "company-removed":
      return { card: await circlesOverview(reminders, actor, speaker, `${result.member.company.companyName} is no longer a member of ${result.circle.name}.`) };
    case "action-form":
      return { card: gapToActionCard(result.circle, result.weakest, result.members, result.view.kind === "reminder" ? "reminder" : "command", result.view) as AdaptiveCard };
    case "action-created":
      return { card: await actionViewCard(reminders, result.circle, result.view, `Action created for ${result.action.owner.companyName}, due ${calendarDateText(result.action.dueBy)}: ${result.action.title}. It comes back in every meeting reminder until it is marked done.`, speaker, actor) };
    case "action-done":
      return { card: await actionViewCard(reminders, result.circle, result.view, `Marked done: ${result.action.title}.`, speaker, actor) };
    case "actions":
      return { card: actionsCard(result.circle, result.openActions, result.today) as AdaptiveCard };
  }
}

/** The card an action button was pressed on, brought up to date, with a sentence saying what happened. */
async function actionViewCard(reminders: ReminderContext, circle: CircleRecord, view: ActionView, notice: string, speaker: Speaker, actor: Actor): Promise<AdaptiveCard> {
  const now = reminders.clock.now();
  if (view.kind === "circles") return circlesOverview(reminders, actor, speaker, notice);
  const snapshot = await reminders.repositories.circles.snapshot(circle.circleId);
  if (view.kind === "reminder" && snapshot) {
    const card = currentReminderCard(snapshot, view, now, notice);
    if (card) return card as AdaptiveCard;
  }
  return actionsCard(circle, snapshot ? openActionsOf(snapshot) : [], todayOf(now), notice) as AdaptiveCard;
}

/** An invitation code pressed for in a group chat or channel goes to the inviter's personal chat only. */
async function invitationShown(deps: ConversationDeps, speaker: Speaker, step: { card: AdaptiveCard }): Promise<CircleStep> {
  if (speaker.place === "personal") return step;
  const chat = await deps.repositories.conversations.getPersonalChat(speaker.person.tenantId, speaker.person.userId);
  if (!chat?.data.active) return { notice: "Invitation codes are shown only in your personal chat with me. Open a chat with me and type invite ‹company› to ‹circle› there." };
  return { notice: "I've sent you the invitation code in our personal chat.", elsewhere: [{ chat: chat.data, messages: [{ kind: "card", card: step.card }] }] };
}

/**
 * The circle a command means: the one named (ignoring case), else the one linked to this
 * conversation, else the company's only circle. Otherwise the person picks it on a card.
 */
async function withCircle(reminders: ReminderContext, actor: Actor, speaker: Speaker, name: string | undefined, command: CircleChoiceCommand, step: (circle: CircleSummary) => Promise<StepResult>, argument?: string): Promise<StepResult> {
  const circles = await listMyCircles(reminders, actor.company.companyId);
  if (circles.length === 0) return { notice: `${actor.company.companyName} is not in a circle of trust yet. Create one with "create circle ‹name›", or join one with the code a member gave you: "join ‹code›".` };
  const byName = name ? circles.filter((circle) => sameName(circle.name, name)) : [];
  const linkedHere = circles.filter((circle) => circle.channelConversationId === speaker.conversationId);
  const candidates = name ? byName : linkedHere.length > 0 ? linkedHere : circles;
  if (candidates.length === 1) return step(candidates[0] as CircleSummary);
  const notice = name ? `${actor.company.companyName} is in no circle called "${name}". Choose one of its circles:` : undefined;
  return { card: circleChoiceCard(command, circles, { ...(argument ? { argument } : {}), ...(notice ? { notice } : {}) }) };
}

function sourceOf(speaker: Speaker): { conversationId: string; timeZone?: string } {
  return { conversationId: speaker.conversationId, ...(speaker.timeZone ? { timeZone: speaker.timeZone } : {}) };
}
