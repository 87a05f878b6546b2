/**
 * What the dispatcher needs from the Bot Connector, without any SDK: post a message to a
 * conversation and re-create a person's 1:1 chat. The answer keeps the HTTP status, Teams' error
 * code and Retry-After, which is what the retry rules need.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export interface MessageActivity {
  type: "message";
  /** Shown in notifications and the activity feed. */
  summary?: string;
  text?: string;
  attachments?: { contentType: string; content: object }[];
}

export interface ConversationAddress {
  serviceUrl: string;
  conversationId: string;
  /** The conversation's tenant (Bot Framework's conversation.tenantId): Teams limits requests per tenant. */
  tenantId?: string;
}

export interface SendFailure {
  ok: false;
  /** Undefined when no HTTP answer came (network error, timeout). */
  status: number | undefined;
  /** Teams' error code, e.g. "ConversationNotFound", "ConversationBlockedByUser". */
  code: string | undefined;
  retryAfterMs: number | undefined;
  /** The request went out but no answer came (a timeout): Teams may have the message. */
  mayHaveArrived: boolean;
  message: string;
}

export type SendOutcome = { ok: true; status: number; activityId: string | undefined } | SendFailure;

export interface PersonalChatRequest {
  serviceUrl: string;
  tenantId: string;
  userId: string;
  botId: string | undefined;
}

export type CreateChatOutcome = { ok: true; conversationId: string } | SendFailure;

export interface ReminderSender {
  send(address: ConversationAddress, activity: MessageActivity): Promise<SendOutcome>;
  /** POST /v3/conversations for a 1:1 chat with the person (the bot must still be installed for them). */
  createPersonalChat(request: PersonalChatRequest): Promise<CreateChatOutcome>;
}
