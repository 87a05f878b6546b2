import type { Clock } from "../../core/clock.js";
import type { ConversationRecord, PersonRef, Repositories } from "../../storage/index.js";
import type { AdaptiveCard } from "../cards/elements.js";
import type { CardAction } from "../cards/actions.js";
import type { ReminderContext } from "../../reminders/index.js";
import type { VerifiedPerson } from "../../circles/index.js";
import type { DraftCache } from "./draft-cache.js";

/**
 * The conversation's plain vocabulary: what a turn brings in and what it asks the edge to send.
 * Nothing here knows Bot Framework; the edge (bot/teams/) maps activities to these and back.
 */
export type Place = "personal" | "groupChat" | "channel";

export interface Speaker {
  person: PersonRef;
  place: Place;
  conversationId: string;
  /** Where replies and proactive messages to this conversation go (needed to link a channel to a circle). */
  serviceUrl?: string;
  teamId?: string;
  channelId?: string;
  /** The person's IANA time zone, when Teams sends it: the default for a new rhythm. */
  timeZone?: string;
}

export type TurnInput =
  | { kind: "text"; speaker: Speaker; text: string }
  | { kind: "card"; speaker: Speaker; action: CardAction }
  /** A card submission that failed the schema: `message` is the sentence for the person. */
  | { kind: "refused-card"; speaker: Speaker; problem: string; message: string }
  /** A button on a circle or reminder card; reminders/ validates its data. */
  | { kind: "reminder-card"; speaker: Speaker; data: Record<string, unknown> };

export type Reply = { kind: "card"; card: AdaptiveCard } | { kind: "text"; text: string };

export interface TurnOutcome {
  /** Replaces the card that was pressed (the invoke response, or an update of the Action.Submit card). */
  update?: AdaptiveCard;
  /** A sentence for the person; for a card press it is shown to them only and the card stays as it was. */
  notice?: string;
  /** New messages in this conversation. */
  messages?: Reply[];
  /**
   * Messages for other conversations: the person's personal chat (when the turn happened in a group
   * chat or channel), or a circle's linked channel (a company joined).
   */
  elsewhere?: Delivery[];
}

export interface Delivery {
  chat: ConversationRecord;
  messages: Reply[];
}

/** Only what the conversation logs; never answers, tokens or secrets. */
export interface TurnLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ConversationDeps {
  repositories: Repositories;
  clock: Clock;
  log: TurnLog;
  newRunId(): string;
  /** This instance's last-saved drafts; absent: every press reads its draft from storage. */
  drafts?: DraftCache;
  /** Circles of trust and their reminders (opened once per server). */
  reminders?: () => Promise<ReminderContext>;
  /**
   * The speaker's organisation, as Teams reports it (asked once per turn, only when a step needs it:
   * acting for a company). Never from a name someone typed.
   */
  verify(): Promise<VerifiedPerson>;
}
