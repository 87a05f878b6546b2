import { manualClock } from "../../core/clock.js";
import type { Rhythm } from "../../core/schedule/types.js";
import { createLogger } from "../../platform/logger.js";
import type { TabLinks } from "../../platform/tab-links.js";
import { openRepositories, type Repositories } from "../../storage/index.js";
import type { AssessmentRecord, PersonRef } from "../../storage/records.js";
import type { TableStoreFactory } from "../../storage/table-store.js";
import { actorFor, createCircle, inviteCompany, linkChannel, nameCompany, redeemInvitation, type Actor } from "../../circles/index.js";
import { setPersonalReminders } from "../../reminders/personal.js";
import type { ReminderContext } from "../../reminders/context.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions, type PassSummary } from "../../reminders/dispatcher.js";
import { ReminderQueue } from "../../reminders/queue.js";
import type { ReminderSender } from "../../reminders/sender.js";
import { createTeamsSender } from "../../reminders/teams-sender.js";
import { startLocalConnector, type ConnectorCall, type LocalConnector, type LocalConnectorOptions } from "../support/connector.js";
import { azuriteFactory } from "../support/stores.js";
import type { Answers } from "../../core/model/types.js";
import { buttonsOn, type CardJson } from "../bot/support/teams.js";

export const TENANT = "tenant-contoso";

export interface World {
  storage: TableStoreFactory;
  repositories: Repositories;
  queue: ReminderQueue;
  clock: ReturnType<typeof manualClock>;
  context: ReminderContext;
  connector: LocalConnector;
  sender: ReminderSender;
  dispatcher(options?: DispatcherOptions): Dispatcher;
  close(): Promise<void>;
}

/** Fresh Azurite tables, a local Bot Connector and a clock that only moves when told to. */
export async function startWorld(start: string, options: { connector?: LocalConnectorOptions; storage?: TableStoreFactory; tabLinks?: TabLinks } = {}): Promise<World> {
  const storage = options.storage ?? azuriteFactory();
  const [repositories, queue, connector] = await Promise.all([openRepositories(storage), ReminderQueue.open(storage), startLocalConnector(options.connector)]);
  const clock = manualClock(new Date(start));
  const context: ReminderContext = { repositories, queue, clock, logger: createLogger("silent"), ...(options.tabLinks ? { tabLinks: options.tabLinks } : {}) };
  const sender = createTeamsSender(undefined, { timeoutMs: 5_000 });
  return {
    storage,
    repositories,
    queue,
    clock,
    context,
    connector,
    sender,
    dispatcher: (dispatcherOptions = {}) => createDispatcher({ context, sender }, { random: () => 0.5, ...dispatcherOptions }),
    close: () => connector.close(),
  };
}

/** Each company of these tests is its own organisation: "Contoso" is tenant "tenant-contoso". */
export function tenantOf(companyName: string): string {
  return `tenant-${companyName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

/** A person of the company's organisation (named on first use) and, unless told otherwise, a personal chat with the bot. */
export async function personOf(world: World, companyName: string, userId: string, options: { personalChat?: boolean; personalReminders?: boolean } = {}): Promise<Actor> {
  const tenantId = tenantOf(companyName);
  const person: PersonRef = { tenantId, userId, name: userId };
  const now = world.clock.now().toISOString();
  const verified = { person, organisation: { kind: "member" as const, tenantId } };
  if (!(await world.repositories.companies.get(tenantId))) await nameCompany(world.context, verified, companyName);
  if (options.personalChat !== false) {
    await world.repositories.conversations.save({
      conversationId: `a:chat-${userId}`,
      conversationType: "personal",
      tenantId,
      serviceUrl: world.connector.url,
      reference: { bot: { id: "28:bot" }, conversation: { id: `a:chat-${userId}` } },
      person,
      active: true,
      installedAt: now,
      updatedAt: now,
    });
  }
  if (options.personalReminders) await setPersonalReminders(world.context, person, true);
  return actorFor(world.context, verified);
}

export const CHANNEL_ID = "19:golden-circle@thread.tacv2";

/** "Golden Circle": Contoso (creator) and Fabrikam as members, linked to a channel. */
export async function goldenCircle(world: World, options: { personalReminders?: boolean } = {}): Promise<{ circleId: string; contoso: Actor; fabrikam: Actor }> {
  const contoso = await personOf(world, "Contoso", "ada", { personalReminders: options.personalReminders ?? false });
  const fabrikam = await personOf(world, "Fabrikam", "bo", { personalReminders: options.personalReminders ?? false });
  const circle = await createCircle(world.context, contoso, "Golden Circle");
  const { code } = await inviteCompany(world.context, contoso, circle.circleId, "Fabrikam");
  await redeemInvitation(world.context, fabrikam, code);
  await linkChannel(world.context, contoso, circle.circleId, { conversationId: CHANNEL_ID, serviceUrl: world.connector.url, tenantId: TENANT, teamId: "team-1", channelId: CHANNEL_ID, conversationType: "channel" });
  return { circleId: circle.circleId, contoso, fabrikam };
}

export function weeklyRhythm(overrides: Partial<Rhythm> = {}): Rhythm {
  return { kind: "joint-planning", cadence: "weekly", day: { kind: "weekday", weekday: "tuesday" }, time: "09:00", timeZone: "Europe/Stockholm", paused: false, ...overrides };
}

/** Passes until nothing due is left (or a pass makes no progress). */
export async function drain(dispatcher: Dispatcher, maxPasses = 20): Promise<PassSummary[]> {
  const summaries: PassSummary[] = [];
  for (let pass = 0; pass < maxPasses; pass += 1) {
    const summary = await dispatcher.runOnce();
    summaries.push(summary);
    if (summary.due === 0) break;
  }
  return summaries;
}

export interface Arrival {
  /** The (manual) clock's time when the message reached the connector. */
  at: string;
  call: ConnectorCall;
}

/** Moves the clock forward step by step to `end`, letting the dispatcher work at every step; returns what arrived when. */
export async function runUntil(world: World, dispatcher: Dispatcher, end: string, stepMs = 60 * 60 * 1000): Promise<Arrival[]> {
  const target = new Date(end).getTime();
  const arrivals: Arrival[] = [];
  while (world.clock.now().getTime() < target) {
    world.clock.set(new Date(Math.min(target, world.clock.now().getTime() + stepMs)));
    const before = world.connector.calls.length;
    await drain(dispatcher);
    for (const call of world.connector.calls.slice(before)) arrivals.push({ at: world.clock.now().toISOString(), call });
  }
  return arrivals;
}

/** The data of the card button with this verb (what the client sends back when it is pressed). */
export function buttonData(call: ConnectorCall, verb: string): Record<string, unknown> {
  const action = buttonsOn(cardOf(call) as unknown as CardJson).find((candidate) => candidate.verb === verb) as { data?: Record<string, unknown> } | undefined;
  if (!action?.data) throw new Error(`No button with verb ${verb} on the card`);
  return action.data;
}

/** Messages posted to conversations (not replies to anything, not new conversations). */
export function posts(connector: LocalConnector, conversationId?: string): ConnectorCall[] {
  return connector.calls.filter((call) => call.method === "POST" && call.conversationId !== undefined && (conversationId === undefined || call.conversationId === conversationId));
}

export function cardOf(call: ConnectorCall): Record<string, unknown> {
  const attachments = call.body["attachments"] as { content: Record<string, unknown> }[] | undefined;
  return attachments?.[0]?.content ?? {};
}

/** Every text on a card, joined: what a reader sees, for assertions. */
export function cardText(call: ConnectorCall): string {
  return JSON.stringify(cardOf(call));
}

export function headingOf(call: ConnectorCall): string {
  const body = cardOf(call)["body"] as { text?: string }[] | undefined;
  return body?.[0]?.text ?? "";
}

/** A finished self-assessment recorded in the circle, as the assessment bot records it. */
export async function recordSelfAssessment(world: World, circleId: string, actor: Actor, answers: Answers, completedAt: Date): Promise<void> {
  const record: AssessmentRecord = {
    assessmentId: `run-${actor.company.companyId}-${completedAt.toISOString()}`,
    cycle: `${completedAt.getUTCFullYear()}-Q${Math.floor(completedAt.getUTCMonth() / 3) + 1}`,
    rater: actor.company,
    subject: actor.company,
    ratedBy: actor.person,
    formalVendorProgram: false,
    answers,
    completedAt: completedAt.toISOString(),
  };
  await world.repositories.circles.recordAssessment([circleId], record);
}

/** A circle of its own with a linked channel and `people` opted-in people (each with a personal chat). */
export async function circleWithChannel(world: World, index: number, people = 0, channelTenant = TENANT): Promise<{ circleId: string; channelId: string; founder: Actor; chats: string[] }> {
  const founder = await personOf(world, `Company ${index}`, `founder-${index}`, { personalReminders: people > 0 });
  const circle = await createCircle(world.context, founder, `Circle ${index}`);
  const chats = people > 0 ? [`a:chat-founder-${index}`] : [];
  for (let extra = 1; extra < people; extra += 1) {
    const partner = await personOf(world, `Partner ${index}-${extra}`, `partner-${index}-${extra}`, { personalReminders: true });
    const { code } = await inviteCompany(world.context, founder, circle.circleId, partner.company.companyName);
    await redeemInvitation(world.context, partner, code);
    chats.push(`a:chat-partner-${index}-${extra}`);
  }
  const channelId = `19:circle-${index}@thread.tacv2`;
  await linkChannel(world.context, founder, circle.circleId, { conversationId: channelId, serviceUrl: world.connector.url, tenantId: channelTenant, conversationType: "channel" });
  return { circleId: circle.circleId, channelId, founder, chats };
}

/** How many messages each conversation received. */
export function postsPerConversation(connector: LocalConnector): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of posts(connector)) counts.set(call.conversationId as string, (counts.get(call.conversationId as string) ?? 0) + 1);
  return counts;
}
