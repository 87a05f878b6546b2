import { randomUUID } from "node:crypto";
import { TeamsActivityHandler, type Activity, type ConversationReference, type InvokeResponse, type TurnContext } from "botbuilder";
import type { Clock } from "../../core/clock.js";
import type { ReminderContext } from "../../reminders/index.js";
import type { Logger } from "../../platform/logger.js";
import type { Repositories } from "../../storage/index.js";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "../cards/elements.js";
import { DraftCache } from "../conversation/draft-cache.js";
import { appInstalled, appRemoved, handleTurn, rememberPersonalChat } from "../conversation/turn.js";
import type { ConversationDeps, TurnInput, TurnOutcome } from "../conversation/types.js";
import { activityOf, conversationRecordOf, executeInput, messageInput, UnaddressableActivityError } from "./activities.js";
import { turnVerifier } from "./identity.js";
import { turnLogOf } from "./turn-log.js";

export interface AssessmentBotOptions {
  repositories: Repositories;
  clock: Clock;
  logger: Logger;
  /** Circles of trust and their reminders, opened once. */
  reminders?: () => Promise<ReminderContext>;
  /** Runs `send` in another conversation (the person's personal chat): the adapter's continueConversationAsync. */
  continueConversation(reference: Partial<ConversationReference>, send: (context: TurnContext) => Promise<void>): Promise<void>;
}

const MESSAGE_CONTENT_TYPE = "application/vnd.microsoft.activity.message";

/**
 * The Teams edge of the assessment bot: maps activities to plain turn inputs, runs the conversation
 * logic, and sends its outcome back as activities, card updates or invoke responses.
 */
export class AssessmentBot extends TeamsActivityHandler {
  private readonly drafts = new DraftCache();

  constructor(private readonly options: AssessmentBotOptions) {
    super();
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const input = this.readInput(context, messageInput);
    if (!input) return;
    if (input.kind === "text" && input.speaker.place === "personal") {
      await rememberPersonalChat(this.depsFor(context), conversationRecordOf(context.activity, this.options.clock.now()));
    }
    const outcome = await handleTurn(this.depsFor(context), input);
    const pressedCardId = input.kind === "text" ? undefined : context.activity.replyToId;
    await this.showUpdate(context, outcome, pressedCardId);
    await this.sendMessages(context, outcome);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(context);
    const input = this.readInput(context, executeInput);
    if (!input) return { status: 400 };
    const outcome = await handleTurn(this.depsFor(context), input);
    await this.sendMessages(context, outcome);
    return { status: 200, body: invokeBodyOf(outcome) };
  }

  protected override async onInstallationUpdateAddActivity(context: TurnContext): Promise<void> {
    await this.installed(context);
  }

  protected override async onInstallationUpdateRemoveActivity(context: TurnContext): Promise<void> {
    await appRemoved(this.depsFor(context), context.activity.conversation.id, "app uninstalled");
  }

  /** Outside Teams' installationUpdate (and in the Agents Playground), adding the bot to a conversation is the install. */
  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    const { membersAdded = [], membersRemoved = [], recipient } = context.activity;
    if (membersAdded.some((member) => member.id === recipient.id)) await this.installed(context);
    if (membersRemoved.some((member) => member.id === recipient.id)) await appRemoved(this.depsFor(context), context.activity.conversation.id, "bot removed from the conversation");
  }

  private async installed(context: TurnContext): Promise<void> {
    const record = conversationRecordOf(context.activity, this.options.clock.now());
    const outcome = await appInstalled(this.depsFor(context), record, record.conversationType);
    await this.sendMessages(context, outcome);
  }

  private readInput(context: TurnContext, read: (activity: Partial<Activity>) => TurnInput): TurnInput | undefined {
    try {
      return read(context.activity);
    } catch (error) {
      if (!(error instanceof UnaddressableActivityError)) throw error;
      turnLogOf(context, this.options.logger).warn({ reason: error.message }, "activity ignored");
      return undefined;
    }
  }

  private depsFor(context: TurnContext): ConversationDeps {
    const log = turnLogOf(context, this.options.logger);
    return {
      repositories: this.options.repositories,
      clock: this.options.clock,
      log,
      newRunId: randomUUID,
      drafts: this.drafts,
      verify: turnVerifier(context, log),
      ...(this.options.reminders ? { reminders: this.options.reminders } : {}),
    };
  }

  /** Action.Submit: the pressed card is updated in place when Teams says which one it was; otherwise a new card is sent. */
  private async showUpdate(context: TurnContext, outcome: TurnOutcome, pressedCardId: string | undefined): Promise<void> {
    if (outcome.update) {
      const activity = activityOf({ kind: "card", card: outcome.update });
      if (pressedCardId) await context.updateActivity({ ...activity, id: pressedCardId });
      else await context.sendActivity(activity);
    }
    if (outcome.notice) await context.sendActivity(activityOf({ kind: "text", text: outcome.notice }));
  }

  private async sendMessages(context: TurnContext, outcome: TurnOutcome): Promise<void> {
    if (outcome.messages?.length) await context.sendActivities(outcome.messages.map(activityOf));
    for (const delivery of outcome.elsewhere ?? []) {
      await this.options.continueConversation(delivery.chat.reference as Partial<ConversationReference>, async (other) => {
        await other.sendActivities(delivery.messages.map(activityOf));
      });
    }
  }
}

/** Universal Actions: a card replaces the pressed card; a message is shown to the person who pressed only. */
function invokeBodyOf(outcome: TurnOutcome): Record<string, unknown> {
  if (outcome.update) return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: outcome.update };
  return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: outcome.notice ?? "Done." };
}

