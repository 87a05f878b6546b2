import type { BotCredentials } from "../platform/config.js";
import type { ConversationAddress, CreateChatOutcome, MessageActivity, PersonalChatRequest, ReminderSender, SendFailure, SendOutcome } from "./sender.js";

/**
 * The Bot Connector REST API over fetch: the only place here that talks to Teams. With bot
 * credentials, each call carries a Bot Framework token from the bot's credentials
 * (bot/teams/credentials.ts, loaded only then); without (local mode), no Authorization header,
 * like the SDK's auth-less mode.
 */
type TokenSource = () => Promise<string | undefined>;

export interface TeamsSenderOptions {
  timeoutMs: number;
}

export function createTeamsSender(credentials: BotCredentials | undefined, options: TeamsSenderOptions): ReminderSender {
  const token = credentials ? botFrameworkToken(credentials) : async () => undefined;
  const call = (url: string, body: object) => postJson(url, body, token, options.timeoutMs);
  return {
    send: async (address: ConversationAddress, activity: MessageActivity): Promise<SendOutcome> => {
      const url = `${withSlash(address.serviceUrl)}v3/conversations/${encodeURIComponent(address.conversationId)}/activities`;
      const answer = await call(url, { ...activity, conversation: { id: address.conversationId, ...(address.tenantId ? { tenantId: address.tenantId } : {}) } });
      return answer.ok ? { ok: true, status: answer.status, activityId: stringField(answer.body, "id") } : answer;
    },
    createPersonalChat: async (request: PersonalChatRequest): Promise<CreateChatOutcome> => {
      const body = {
        isGroup: false,
        tenantId: request.tenantId,
        members: [{ id: request.userId }],
        ...(request.botId ? { bot: { id: request.botId } } : {}),
        channelData: { tenant: { id: request.tenantId } },
      };
      const answer = await call(`${withSlash(request.serviceUrl)}v3/conversations`, body);
      if (!answer.ok) return answer;
      const conversationId = stringField(answer.body, "id");
      return conversationId ? { ok: true, conversationId } : failure(answer.status, undefined, undefined, "The connector created a conversation without an id.");
    },
  };
}

/** botbuilder (behind bot/teams/credentials.ts) is loaded only when the bot has credentials. */
function botFrameworkToken(credentials: BotCredentials): TokenSource {
  let source: Promise<() => Promise<string>> | undefined;
  return async () => {
    source ??= import("../bot/teams/credentials.js").then(({ botConnectorTokenSource }) => botConnectorTokenSource(credentials));
    return (await source)();
  };
}

type HttpAnswer = { ok: true; status: number; body: unknown } | SendFailure;

async function postJson(url: string, body: object, token: TokenSource, timeoutMs: number): Promise<HttpAnswer> {
  let response: Response;
  try {
    const bearer = await token();
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return { ...failure(undefined, undefined, undefined, error instanceof Error ? `${error.name}: ${error.message}` : String(error)), mayHaveArrived: timedOut };
  }
  const parsed = await readBody(response);
  if (response.ok) return { ok: true, status: response.status, body: parsed };
  const error = objectField(parsed, "error");
  return failure(response.status, stringField(error, "code"), retryAfterMsOf(response.headers.get("retry-after"), Date.now()), stringField(error, "message") ?? `HTTP ${response.status}`);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After in seconds ("2") or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMsOf(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function failure(status: number | undefined, code: string | undefined, retryAfterMs: number | undefined, message: string): SendFailure {
  return { ok: false, status, code, retryAfterMs, mayHaveArrived: false, message };
}

function objectField(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function stringField(value: unknown, name: string): string | undefined {
  const field = objectField(value, name);
  return typeof field === "string" ? field : undefined;
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
