import { randomUUID } from "node:crypto";
import type { ConnectorCall, LocalConnector, TeamsMemberProfile } from "../../support/connector.js";

/**
 * Drives the bot the way Teams does: Bot Framework activities posted over HTTP to /api/messages,
 * with serviceUrl pointing at the local connector that records what the bot sends back.
 */
export type CardJson = { type: string; body: CardNode[]; actions?: CardNode[] } & Record<string, unknown>;
export type CardNode = { type: string } & Record<string, unknown>;

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export interface TeamsConversation {
  id: string;
  conversationType: "personal" | "groupChat" | "channel";
}

export const TENANT_ID = "tenant-contoso-0001";
export const BOT = { id: "28:partnering-maturity-bot", name: "Partnering Maturity" };

export function makeUser(name: string): TeamsUser {
  const suffix = randomUUID();
  return { id: `29:${name.toLowerCase()}-${suffix}`, aadObjectId: `aad-${suffix}`, name };
}

export function personalChat(user: TeamsUser): TeamsConversation {
  return { id: `a:personal-${user.aadObjectId}`, conversationType: "personal" };
}

export function groupChat(): TeamsConversation {
  return { id: `19:group-${randomUUID()}@thread.v2`, conversationType: "groupChat" };
}

export interface InvokeResult {
  status: number;
  body: { statusCode?: number; type?: string; value?: unknown } | undefined;
  /** The card that replaced the pressed card, when the bot answered with one. */
  card: CardJson | undefined;
  /** The sentence shown to the person who pressed, when the bot answered with a message. */
  message: string | undefined;
}

/**
 * Which organisation the person is of, as Teams would tell the bot (GET …/members/{id}):
 * `tenantId` is their own organisation's; `hostTenantId` is the conversation's when they speak in
 * another organisation's tenant (a guest, or an external member of a shared channel).
 */
export interface TeamsIdentity {
  tenantId?: string;
  hostTenantId?: string;
  role?: TeamsMemberProfile["userRole"];
}

export class TeamsSession {
  /** Every card the bot sent or answered with in this session, for checking them all. */
  readonly cardsSeen: CardJson[] = [];
  /** The person's own organisation. */
  readonly tenantId: string;
  /** The tenant of the conversation (the activity's conversation.tenantId). */
  readonly conversationTenantId: string;

  constructor(
    public botUrl: string,
    readonly connector: LocalConnector,
    readonly user: TeamsUser,
    readonly conversation: TeamsConversation,
    identity: TeamsIdentity = {},
  ) {
    this.tenantId = identity.tenantId ?? TENANT_ID;
    this.conversationTenantId = identity.hostTenantId ?? this.tenantId;
    connector.members.set(user.id, { id: user.id, objectId: user.aadObjectId, name: user.name, tenantId: this.tenantId, userRole: identity.role ?? "user" });
  }

  /** The same person in another conversation (a channel, a group chat), as Teams knows them. */
  in(conversation: TeamsConversation, identity: TeamsIdentity = {}): TeamsSession {
    return new TeamsSession(this.botUrl, this.connector, this.user, conversation, { tenantId: this.tenantId, ...identity });
  }

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    return {
      id: `activity-${randomUUID()}`,
      channelId: "msteams",
      serviceUrl: this.connector.url,
      timestamp: new Date().toISOString(),
      from: { id: this.user.id, aadObjectId: this.user.aadObjectId, name: this.user.name },
      recipient: BOT,
      conversation: { id: this.conversation.id, conversationType: this.conversation.conversationType, tenantId: this.conversationTenantId, ...(this.conversation.conversationType === "personal" ? {} : { isGroup: true }) },
      channelData: { tenant: { id: this.conversationTenantId } },
      locale: "en-US",
      ...fields,
    };
  }

  async post(activity: Record<string, unknown>): Promise<Response> {
    return fetch(`${this.botUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  }

  /** Types a message and resolves with the connector calls the bot made for it. */
  async say(text: string): Promise<ConnectorCall[]> {
    return this.recording(async () => expectOk(await this.post(this.activity({ type: "message", text }))));
  }

  /** Posts any activity and resolves with the connector calls the bot made for it. */
  async recordingPost(activity: Record<string, unknown>): Promise<ConnectorCall[]> {
    return this.recording(async () => expectOk(await this.post(activity)));
  }

  async install(): Promise<ConnectorCall[]> {
    return this.recording(async () => expectOk(await this.post(this.activity({ type: "installationUpdate", action: "add" }))));
  }

  async uninstall(): Promise<void> {
    expectOk(await this.post(this.activity({ type: "installationUpdate", action: "remove" })));
  }

  /** Presses a button (Action.Execute) on a card, with the inputs the person filled in. */
  async press(card: CardJson, title: string, inputs: Record<string, unknown> = {}): Promise<InvokeResult> {
    const action = findAction(card, title);
    return this.execute(String(action.verb), { ...(action.data as Record<string, unknown>), ...inputs });
  }

  /** Sends an adaptiveCard/action invoke with any verb and data (also data no card would send). */
  async execute(verb: string, data: Record<string, unknown>, trigger: "manual" | "automatic" = "manual"): Promise<InvokeResult> {
    const response = await this.post(this.activity({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data }, trigger } }));
    const body = (await response.json().catch(() => undefined)) as InvokeResult["body"];
    const card = body?.type === "application/vnd.microsoft.card.adaptive" ? (body.value as CardJson) : undefined;
    const message = body?.type === "application/vnd.microsoft.activity.message" ? String(body.value) : undefined;
    if (card) this.cardsSeen.push(card);
    return { status: response.status, body, card, message };
  }

  /** What this person's Teams does on its own when it shows a card with a refresh action (Universal Actions). */
  async refresh(card: CardJson): Promise<InvokeResult> {
    const action = (card as { refresh?: { action?: CardNode } }).refresh?.action;
    if (!action) throw new Error("The card has no refresh action");
    return this.execute(String(action.verb), action.data as Record<string, unknown>, "automatic");
  }

  /** Presses a button the way clients without Universal Actions do: a message whose value is the Action.Submit data. */
  async submit(card: CardJson, title: string, inputs: Record<string, unknown>, replyToId: string | undefined): Promise<ConnectorCall[]> {
    const action = findAction(card, title);
    const fallback = action.fallback as CardNode;
    const value = { ...(fallback.data as Record<string, unknown>), ...inputs };
    return this.recording(async () => expectOk(await this.post(this.activity({ type: "message", value, ...(replyToId ? { replyToId } : {}) }))));
  }

  private async recording(send: () => Promise<void>): Promise<ConnectorCall[]> {
    const from = this.connector.calls.length;
    await send();
    const calls = this.connector.calls.slice(from);
    this.cardsSeen.push(...cardsIn(calls));
    return calls;
  }
}

function expectOk(response: Response): void {
  if (response.status >= 300) throw new Error(`The bot answered HTTP ${response.status}`);
}

/**
 * Every button a person sees, in order: rows in the body (where cards put buttons that do not fit one
 * phone row), inside shown cards, and the card's own actions; never the fallbacks behind them.
 */
export function buttonsOn(card: CardJson): CardNode[] {
  const found: CardNode[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const { fallback: _fallback, ...element } = node as CardNode;
    if (typeof element.type === "string" && element.type.startsWith("Action.")) found.push(node as CardNode);
    Object.values(element).forEach(walk);
  };
  walk(card.body);
  walk(card.actions);
  return found;
}

export function findAction(card: CardJson, title: string): CardNode {
  const buttons = buttonsOn(card);
  const action = buttons.find((candidate) => candidate.title === title);
  if (!action) throw new Error(`No button "${title}" on the card; it has: ${buttons.map((candidate) => candidate.title).join(", ")}`);
  return action;
}

export function cardsIn(calls: readonly ConnectorCall[]): CardJson[] {
  return calls.flatMap((call) => cardsOf(call.body));
}

export function cardsOf(activity: Record<string, unknown>): CardJson[] {
  const attachments = (activity.attachments ?? []) as { contentType: string; content: CardJson }[];
  return attachments.filter((attachment) => attachment.contentType === "application/vnd.microsoft.card.adaptive").map((attachment) => attachment.content);
}

export function textsIn(calls: readonly ConnectorCall[]): string[] {
  return calls.map((call) => call.body.text).filter((text): text is string => typeof text === "string");
}

/** Every piece of text on a card, to assert what the person reads. */
export function cardText(card: CardJson): string {
  const parts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    for (const key of ["text", "title", "label", "value"]) if (typeof record[key] === "string") parts.push(record[key]);
    for (const value of Object.values(record)) if (typeof value === "object") visit(value);
  };
  visit(card.body);
  visit(card.actions);
  return parts.join("\n");
}

/** The choice set's values on an area card (the stages offered). */
export function choicesOf(card: CardJson, inputId: string): string[] {
  const input = card.body.find((node) => node.id === inputId);
  return ((input?.choices ?? []) as { value: string }[]).map((choice) => choice.value);
}

export function inputOf(card: CardJson, inputId: string): CardNode | undefined {
  return card.body.find((node) => node.id === inputId);
}
