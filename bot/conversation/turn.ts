import { parseCommand, type ParsedCommand } from "../commands.js";
import type { CardAction } from "../cards/actions.js";
import { helpCard } from "../cards/help.js";
import { gapsToActionCard, handleCircleChoice, handleCircleCommand, handleCirclePress, inviteStep, leadStep, type CircleStep } from "./circles.js";
import { appInstalled, appRemoved, rememberPersonalChat } from "./install.js";
import { REFUSAL_MESSAGES, refuse, type StepResult } from "./refusals.js";
import { latestResults } from "./results.js";
import { handleRunAction } from "./run.js";
import { beginAssessment, startPartnerAssessment, startSelfAssessment, type PartnerChoice } from "./start.js";
import type { ConversationDeps, Reply, Speaker, TurnInput, TurnOutcome } from "./types.js";

export { appInstalled, appRemoved, rememberPersonalChat };

/** A private request (assess, results, an invitation code) asked where others can see: answered in the person's personal chat. */
type PrivateStep = (deps: ConversationDeps, speaker: Speaker) => Promise<StepResult>;

const CONTINUED_PRIVATELY = "I've sent you a personal message, so that it stays private. Continue there.";
const NO_PERSONAL_CHAT =
  "That happens in a personal chat with me, so that it is never posted here. Open a chat with me (select my name, then Chat) and type it there.";

/** One turn: a typed command or a card press in, what to show out. */
export async function handleTurn(deps: ConversationDeps, input: TurnInput): Promise<TurnOutcome> {
  switch (input.kind) {
    case "text":
      return asMessages(await handleCommand(deps, input.speaker, parseCommand(input.text)));
    case "refused-card":
      return asPress(refuse(deps, "invalid-card", input.message, { problem: input.problem }));
    case "card":
      return handlePress(deps, input.speaker, input.action);
    case "reminder-card":
      return asPress(await handleCirclePress(deps, input.speaker, input.data));
  }
}

async function handleCommand(deps: ConversationDeps, speaker: Speaker, command: ParsedCommand): Promise<CircleStep> {
  switch (command.kind) {
    case "assess":
      return privately(deps, speaker, startSelfAssessment);
    case "assess-partner":
      return privately(deps, speaker, (stepDeps, personal) => startPartnerAssessment(stepDeps, personal, { name: command.partnerName }));
    case "assess-partner-unnamed":
      return privately(deps, speaker, (stepDeps, personal) => startPartnerAssessment(stepDeps, personal, undefined));
    case "results":
      return privately(deps, speaker, latestResults);
    case "invite":
      return privately(deps, speaker, (stepDeps, personal) => inviteStep(stepDeps, personal, command.company, command.circle));
    case "lead":
      return privately(deps, speaker, (stepDeps, personal) => leadStep(stepDeps, personal, command.circle, command.list));
    case "help":
      return { card: helpCard() };
    case "unknown":
      deps.log.info({ length: command.text.length }, "text not understood; answered with help");
      return { card: helpCard({ notice: "Sorry, I didn't understand that. Here is what I can do." }) };
    default:
      return handleCircleCommand(deps, speaker, command);
  }
}

async function handlePress(deps: ConversationDeps, speaker: Speaker, action: CardAction): Promise<TurnOutcome> {
  if ("for" in action && action.for !== speaker.person.userId) return asPress(refuse(deps, "other-person", REFUSAL_MESSAGES["other-person"], { verb: action.verb }));
  switch (action.verb) {
    case "command":
      return asCommandPress(speaker, await handleCommand(deps, speaker, { kind: action.command }));
    case "ratePartner":
      return asCommandPress(speaker, await privately(deps, speaker, (stepDeps, personal) => startPartnerAssessment(stepDeps, personal, partnerChoiceOf(action))));
    case "gapsToAction":
      return asCommandPress(speaker, await gapsToActionCard(deps, action.circleId, action.areas));
    case "circleCommand":
      if (action.command === "invite" || action.command === "lead" || action.command === "leads") return asCommandPress(speaker, await privately(deps, speaker, (stepDeps, personal) => handleCircleChoice(stepDeps, personal, action.command, action.circleId, action.argument) as Promise<StepResult>));
      return asPress(await handleCircleChoice(deps, speaker, action.command, action.circleId, action.argument));
    default:
      if (speaker.place !== "personal") return asPress(refuse(deps, "not-personal", REFUSAL_MESSAGES["not-personal"], { verb: action.verb }));
      return asPress(action.verb === "start" ? await beginAssessment(deps, speaker, action) : await handleRunAction(deps, speaker, action));
  }
}

function partnerChoiceOf(action: Extract<CardAction, { verb: "ratePartner" }>): PartnerChoice {
  if (action.subject !== undefined) return { subjectId: action.subject };
  return action.partner !== undefined ? { name: action.partner } : undefined;
}

/** In a group chat or channel, the step runs for the person's personal chat and the group only hears where to look. */
async function privately(deps: ConversationDeps, speaker: Speaker, step: PrivateStep): Promise<CircleStep> {
  if (speaker.place === "personal") return step(deps, speaker);
  const chat = await deps.repositories.conversations.getPersonalChat(speaker.person.tenantId, speaker.person.userId);
  if (!chat?.data.active) {
    deps.log.info({ place: speaker.place }, "private request in a group; no personal chat known");
    return { notice: NO_PERSONAL_CHAT };
  }
  const result = await step(deps, { ...speaker, place: "personal", conversationId: chat.data.conversationId });
  deps.log.info({ place: speaker.place }, "private request continued in the personal chat");
  return { notice: CONTINUED_PRIVATELY, elsewhere: [{ chat: chat.data, messages: [replyOf(result)] }] };
}

function asMessages(result: CircleStep): TurnOutcome {
  if (isStep(result)) return { messages: [replyOf(result)] };
  const { notice, ...rest } = result;
  return { ...rest, messages: [...(notice ? [{ kind: "text" as const, text: notice }] : []), ...(rest.messages ?? [])] };
}

/**
 * A button on the welcome or help card. In a personal chat its answer replaces the card; in a group
 * the shared card stays as it is (a press would change it for everyone) and the answer is posted.
 */
function asCommandPress(speaker: Speaker, result: CircleStep): TurnOutcome {
  if (!isStep(result)) return result;
  if (speaker.place === "personal" || !("card" in result)) return asPress(result);
  return { messages: [replyOf(result)], notice: "I've posted it in this chat." };
}

/** A press's result replaces the pressed card; messages for elsewhere (a personal chat, a channel) go along. */
function asPress(result: CircleStep): TurnOutcome {
  if (!isStep(result)) return result;
  return "card" in result ? { update: result.card } : { notice: result.notice };
}

function replyOf(result: StepResult): Reply {
  return "card" in result ? { kind: "card", card: result.card } : { kind: "text", text: result.notice };
}

function isStep(result: CircleStep): result is StepResult {
  return ("card" in result && Object.keys(result).length === 1) || ("notice" in result && Object.keys(result).length === 1);
}
