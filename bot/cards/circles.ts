import { actionBlock, addActionButton, CIRCLE_INPUT_IDS, CIRCLE_VERBS } from "../../circles/index.js";
import { describeRhythm, RHYTHM_NAMES } from "../../core/schedule/index.js";
import type { Rhythm } from "../../core/schedule/types.js";
import { TEXT_RULES } from "../../core/text.js";
import { calendarDateText, executeAction, textInput, wallClockText } from "../../platform/card-elements.js";
import { REMINDER_VERBS } from "../../reminders/index.js";
import type { ActionRecord, CircleRecord, CompanyRef, InvitationRecord, MemberRecord } from "../../storage/index.js";
import { usageText, BOT_COMMANDS } from "../commands.js";
import type { CircleChoiceCommand } from "./actions.js";
import { actionSet, adaptiveCard, button, heading, notice, paragraph, subheading, withRefresh, type AdaptiveCard, type CardElement } from "./elements.js";

/** One circle as its member company sees it in chat. */
export interface CircleView {
  circle: CircleRecord;
  /** Current member companies. */
  members: readonly MemberRecord[];
  pendingInvitations: readonly InvitationRecord[];
  /** Oldest due date first. */
  openActions: readonly ActionRecord[];
  /** The rhythms the circle has set, with their next date (none while paused). */
  rhythms: readonly { rhythm: Rhythm; next: Date | undefined }[];
  /** Today's calendar date, "YYYY-MM-DD" (overdue actions). */
  today: string;
}

/** At most this many open actions per circle on the circles card; the rest are one press away. */
const ACTIONS_SHOWN = 3;

/** "invited as Fabrikam, joined as Fabrikam Ltd": the typed name is a hint, the joined name is the organisation's own. */
export function memberLine(member: MemberRecord, viewer: CompanyRef): string {
  const you = member.company.companyId === viewer.companyId ? " (your company)" : "";
  if (!member.invitedAs) return `**${member.company.companyName}**${you}`;
  const invited = member.invitedAs === member.company.companyName ? "" : ` — invited as ${member.invitedAs}, joined as ${member.company.companyName}`;
  return `**${member.company.companyName}**${you}${invited}`;
}

/** Told in the circle's channel when a company joins. */
export function joinedText(circle: CircleRecord, member: MemberRecord): string {
  const invited = member.invitedAs && member.invitedAs !== member.company.companyName ? `, invited as ${member.invitedAs}` : "";
  const by = member.invitedBy ? ` by ${member.invitedBy.companyName}` : "";
  return `${member.company.companyName} joined ${circle.name}${invited ? `${invited}${by}` : member.invitedBy ? `, invited${by}` : ""}. Welcome!`;
}

function circleBlock(view: CircleView, viewer: CompanyRef): CardElement[] {
  const { circle } = view;
  const others = view.members.filter((member) => member.company.companyId !== viewer.companyId);
  return [
    { type: "Container", separator: true, spacing: "Medium", items: [subheading(circle.name), paragraph(`Members (${view.members.length})`, { subtle: true, spacing: "Small" }), ...view.members.map((member) => paragraph(memberLine(member, viewer), { spacing: "None" }))] },
    ...(others.length > 0
      ? [actionSet(others.map((member) => executeAction(`Remove ${member.company.companyName}`, CIRCLE_VERBS.askRemoveCompany, { circleId: circle.circleId, companyId: member.company.companyId })))]
      : []),
    ...(view.pendingInvitations.length > 0 ? [paragraph(`Invitations waiting to be used (${view.pendingInvitations.length})`, { subtle: true, spacing: "Small" })] : []),
    ...view.pendingInvitations.flatMap((invitation) => [
      paragraph(`${invitation.invitedAs} — invited by ${invitation.invitedBy.companyName}, valid until ${calendarDateText(invitation.expiresAt.slice(0, 10))}`, { spacing: "None" }),
      actionSet([{ ...executeAction("Revoke invitation", CIRCLE_VERBS.revokeInvitation, { circleId: circle.circleId, invitationId: invitation.invitationId }), tooltip: `Revoke the invitation for ${invitation.invitedAs}` }]),
    ]),
    paragraph(view.openActions.length === 0 ? "No open actions." : `Open actions (${view.openActions.length})`, { subtle: true, spacing: "Small" }),
    ...view.openActions.slice(0, ACTIONS_SHOWN).map((action) => actionBlock(circle, action, view.today, { kind: "circles" })),
    ...(view.openActions.length > ACTIONS_SHOWN ? [actionSet([executeAction(`All ${view.openActions.length} open actions`, CIRCLE_VERBS.showActions, { circleId: circle.circleId })])] : []),
    paragraph(view.rhythms.length === 0 ? "No meeting rhythm yet. The seed: quarterly is good, monthly is great, weekly is nirvana." : "Rhythms", { subtle: true, spacing: "Small" }),
    ...view.rhythms.map(({ rhythm, next }) => paragraph(`${RHYTHM_NAMES[rhythm.kind]}: ${rhythm.paused ? "paused" : next ? `next ${wallClockText(next, rhythm.timeZone)} (${rhythm.timeZone})` : describeRhythm(rhythm)}`, { spacing: "None" })),
    actionSet([
      button("Invite a partner", { verb: "circleCommand", command: "invite", circleId: circle.circleId }, { associatedInputs: "none" }),
      button("Share a lead", { verb: "circleCommand", command: "lead", circleId: circle.circleId }, { associatedInputs: "none" }),
      addActionButton(circle, { kind: "circles" }),
      executeAction("Rhythms", REMINDER_VERBS.showRhythms, { circleId: circle.circleId }),
    ]),
  ];
}

/** "Invite a partner": the name the invitation is for; the code comes on the next card. */
export function inviteFormCard(circle: Pick<CircleRecord, "circleId" | "name">): AdaptiveCard {
  return adaptiveCard(
    [
      heading(`Invite a partner to ${circle.name}`),
      paragraph("You get a code to pass on. Whoever uses it joins as their own organisation; the name here only tells your circle whom you invited.", { subtle: true }),
      { ...textInput(CIRCLE_INPUT_IDS.invitee, "Partner company to invite", { placeholder: "e.g. Fabrikam", maxLength: TEXT_RULES.invitee.max }), isRequired: true, errorMessage: "Name the company to invite." },
    ],
    [
      executeAction("Get an invitation code", CIRCLE_VERBS.invite, { circleId: circle.circleId }, { inputs: "auto", primary: true }),
      executeAction("Back to the circle", CIRCLE_VERBS.showCircles, { circleId: circle.circleId }),
    ],
  );
}

/**
 * `circles`: the company's circles with their members, pending invitations, open actions and rhythms,
 * each with its buttons. It shows one company's view, so in a group chat or channel (`shared`) it
 * refreshes for each reader to their own company's (Universal Actions' refresh).
 */
export function circlesCard(company: CompanyRef, views: readonly CircleView[], options: { notice?: string; shared?: boolean } = {}): AdaptiveCard {
  const card = adaptiveCard(
    [
      notice(options.notice),
      heading("Your circles of trust"),
      paragraph(`Your company: **${company.companyName}**`, { subtle: true, spacing: "None" }),
      views.length === 0 ? paragraph(`${company.companyName} is not in a circle yet. Create one with **${usageText(commandTitle("create-circle"))}**, or join one with the code a member gave you: **${usageText(commandTitle("join"))}**.`) : undefined,
      ...views.flatMap((view) => circleBlock(view, company)),
    ],
    [],
  );
  return options.shared ? withRefresh(card, CIRCLE_VERBS.showCircles, {}) : card;
}

function commandTitle(id: (typeof BOT_COMMANDS)[number]["id"]): { title: string } {
  return { title: BOT_COMMANDS.find((command) => command.id === id)?.title ?? id };
}

/** After `invite`: the code and the exact text the partner types. Shown to the inviter only. */
export function invitationCard(circle: CircleRecord, invitation: InvitationRecord, code: string): AdaptiveCard {
  return adaptiveCard(
    [
      heading(`Invitation to ${circle.name}`),
      paragraph(`For **${invitation.invitedAs}**. Pass this on to someone at ${invitation.invitedAs}; in their own Teams chat with Partnering Maturity they type:`),
      { type: "TextBlock", text: `join ${code}`, fontType: "Monospace", size: "Large", weight: "Bolder", wrap: true, spacing: "Medium" },
      paragraph(`The code works once, for the first organisation that uses it, until ${calendarDateText(invitation.expiresAt.slice(0, 10))}. Whoever uses it joins as their own organisation.`, { subtle: true }),
    ],
    [
      executeAction("Revoke this invitation", CIRCLE_VERBS.revokeInvitation, { circleId: circle.circleId, invitationId: invitation.invitationId }),
      executeAction("Back to the circle", CIRCLE_VERBS.showCircles, { circleId: circle.circleId }),
    ],
  );
}

/** Removing a company is asked twice: the press shows this card, which replaces the circles card. */
export function removalCard(circle: CircleRecord, company: CompanyRef): AdaptiveCard {
  return adaptiveCard(
    [heading(`Remove ${company.companyName} from ${circle.name}?`), paragraph(`Its people stop seeing the circle and its reminders. It can come back only with a new invitation.`)],
    [
      { ...executeAction(`Remove ${company.companyName}`, CIRCLE_VERBS.removeCompany, { circleId: circle.circleId, companyId: company.companyId }), style: "destructive" },
      executeAction("Keep it", CIRCLE_VERBS.showCircles, { circleId: circle.circleId }),
    ],
  );
}

/** A circle command typed without a circle (or with one the company is not in): pick it instead of typing. */
/** "Make a gap a circle action" with several circles: which circle takes the action. */
export function gapCircleChoiceCard(circles: readonly { circleId: string; name: string }[], areas: readonly string[]): AdaptiveCard {
  return adaptiveCard(
    [heading("Which circle takes the action?"), paragraph("Your company's circles of trust: the action goes on the chosen circle's agenda until it is done.", { subtle: true })],
    circles.map((circle) => button(circle.name, { verb: "gapsToAction", circleId: circle.circleId, areas }, { associatedInputs: "none" })),
  );
}

export function circleChoiceCard(command: CircleChoiceCommand, circles: readonly { circleId: string; name: string }[], options: { argument?: string; notice?: string } = {}): AdaptiveCard {
  return adaptiveCard(
    [notice(options.notice), heading("Which circle?")],
    circles.map((circle) => button(circle.name, { verb: "circleCommand", command, circleId: circle.circleId, ...(options.argument ? { argument: options.argument } : {}) })),
  );
}
