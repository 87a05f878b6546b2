import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.js";
import { LEAD_VERBS, REVERSED_LEAD_MESSAGE } from "../../circles/index.js";
import type { CircleSnapshot, LeadRecord } from "../../storage/index.js";
import { openReminderContext } from "../../reminders/index.js";
import { createDispatcher, type Dispatcher } from "../../reminders/dispatcher.js";
import { createTeamsSender } from "../../reminders/teams-sender.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { cardsIn, cardText, makeUser, personalChat, TeamsSession, textsIn, type CardJson } from "./support/teams.js";

/**
 * Leads passed between organisations of a circle, over real HTTP to the real server on Azurite:
 * each company is its own tenant, as Teams reports it for each person.
 */
let server: TestServer;
let connector: LocalConnector;
/** The reminders' exactly-once dispatcher, run by hand: the server's own runs on a timer. */
let dispatcher: Dispatcher;
let reminderContext: Awaited<ReturnType<typeof openReminderContext>>;
/** A Wednesday: five working days on is the next Wednesday. */
const clock = manualClock(new Date("2026-12-02T09:00:00Z"));
const sessions: TeamsSession[] = [];

beforeAll(async () => {
  connector = await startLocalConnector();
  server = await startTestServer({ clock });
  reminderContext = await openReminderContext(server.context);
  dispatcher = createDispatcher({ context: reminderContext, sender: createTeamsSender(undefined, { timeoutMs: 5_000 }) }, { random: () => 0.5 });
});

/** Runs the dispatcher until nothing is due; the cards it sent to this person's chat. */
async function dispatchedTo(session: TeamsSession): Promise<CardJson[]> {
  const from = connector.calls.length;
  for (let pass = 0; pass < 10; pass += 1) if ((await dispatcher.runOnce()).due === 0) break;
  const cards = cardsIn(connector.calls.slice(from).filter((call) => call.conversationId === session.conversation.id));
  session.cardsSeen.push(...cards);
  return cards;
}

afterAll(async () => {
  await server?.close();
  await connector?.close();
});

afterEach(() => {
  for (const session of sessions.splice(0)) session.cardsSeen.forEach((card, index) => assertValidAdaptiveCard(card, `card ${index + 1} seen by ${session.user.name}`));
  clock.set(new Date("2026-12-02T09:00:00Z"));
});

function newTenant(name: string): string {
  return `tenant-${name.toLowerCase()}-${randomUUID().slice(0, 8)}`;
}

async function personAt(name: string, tenantId: string, company: string): Promise<TeamsSession> {
  const user = makeUser(name);
  const session = new TeamsSession(server.url, connector, user, personalChat(user), { tenantId });
  sessions.push(session);
  await session.say("hello");
  expect(textsIn(await session.say(`company ${company}`)).join(" ")).toMatch(/is now called/);
  return session;
}

function lastCard(calls: Awaited<ReturnType<TeamsSession["say"]>>): CardJson {
  const card = cardsIn(calls).at(-1);
  if (!card) throw new Error(`Expected a card; the bot said: ${textsIn(calls).join(" / ")}`);
  return card;
}

async function join(inviter: TeamsSession, joiner: TeamsSession, company: string, circle: string): Promise<void> {
  const code = /join ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})/.exec(cardText(lastCard(await inviter.say(`invite ${company} to ${circle}`))))?.[1];
  expect(cardText(lastCard(await joiner.say(`join ${code}`)))).toContain("is now a member");
}

interface Circle {
  circleId: string;
  contoso: TeamsSession;
  fabrikam: TeamsSession;
  northwind: TeamsSession;
  tenants: { contoso: string; fabrikam: string; northwind: string };
}

/** Three organisations in one circle: Contoso gives, Fabrikam receives, Northwind looks on. */
async function circleOfThree(): Promise<Circle> {
  const tenants = { contoso: newTenant("contoso"), fabrikam: newTenant("fabrikam"), northwind: newTenant("northwind") };
  const contoso = await personAt("Ada", tenants.contoso, "Contoso");
  const fabrikam = await personAt("Bo", tenants.fabrikam, "Fabrikam");
  const northwind = await personAt("Cy", tenants.northwind, "Northwind");
  await contoso.say("create circle Golden Circle");
  await join(contoso, fabrikam, "Fabrikam", "Golden Circle");
  await join(contoso, northwind, "Northwind", "Golden Circle");
  const entry = (await server.context.repositories.companies.listCircles(tenants.contoso)).find((candidate) => candidate.circleName === "Golden Circle");
  if (!entry) throw new Error("no circle");
  return { circleId: entry.circleId, contoso, fabrikam, northwind, tenants };
}

async function snapshotOf(circleId: string): Promise<CircleSnapshot> {
  const snapshot = await server.context.repositories.circles.snapshot(circleId);
  if (!snapshot) throw new Error("circle gone");
  return snapshot;
}

function fingerprint(snapshot: CircleSnapshot): string[] {
  return [snapshot.circle, ...snapshot.members, ...snapshot.invitations, ...snapshot.assessments, ...[...snapshot.otherRows.values()].flat()].map((row) => `${row.rowKey}@${row.etag}`).sort();
}

async function leadsOf(circleId: string): Promise<LeadRecord[]> {
  return (await server.context.repositories.circles.listLeads(circleId)).map((row) => row.data);
}

const TAILWIND = {
  receiver: "",
  customerOrganisation: "Tailwind Traders",
  customerContact: "Kim Akers",
  need: "Move their warehouse system to Azure before the spring season",
  customerInterested: "true",
  amount: "50000",
  currency: "EUR",
};

/** Contoso's person opens the form with `lead` and shares; the calls the bot made meanwhile come back too. */
async function shareLead(circle: Circle, inputs: Record<string, string> = {}): Promise<{ card: CardJson | undefined; message: string | undefined; sentToReceiver: CardJson[] }> {
  const form = lastCard(await circle.contoso.say("lead Golden Circle"));
  const result = await circle.contoso.press(form, "Share the lead", { ...TAILWIND, receiver: circle.tenants.fabrikam, ...inputs });
  return { card: result.card, message: result.message, sentToReceiver: await dispatchedTo(circle.fabrikam) };
}

describe("a lead passed between two organisations", () => {
  it("is shared, accepted, reminded, connected in time and won — each step replacing the receiver's card", async () => {
    const circle = await circleOfThree();
    const form = lastCard(await circle.contoso.say("lead Golden Circle"));
    expect(cardText(form)).toContain("For which member company?");
    expect((form.body.find((node) => node.id === "receiver")?.choices as { title: string }[]).map((choice) => choice.title)).toEqual(["Fabrikam", "Northwind"]);
    expect(form.body.find((node) => node.id === "connectBy")?.value).toBe("2026-12-09");

    const shared = await shareLead(circle);
    expect(cardText(shared.card as CardJson)).toContain("Shared with Fabrikam: they are asked to accept and connect with the customer by 9 December 2026. Its person in the circle gets it in their chat with me.");
    expect(shared.sentToReceiver).toHaveLength(1);
    const received = shared.sentToReceiver[0] as CardJson;
    expect(cardText(received)).toContain("Contoso passed you a lead in Golden Circle.");
    expect(cardText(received)).toContain("Tailwind Traders");
    expect(cardText(received)).toContain("Kim Akers");

    const accepted = await circle.fabrikam.press(received, "Accept — we connect by 9 Dec");
    expect(cardText(accepted.card as CardJson)).toContain("Accepted: Fabrikam connects with the customer by 9 December 2026.");
    expect(await dispatchedTo(circle.fabrikam)).toEqual([]);

    clock.set(new Date("2026-12-09T08:30:00Z"));
    const reminders = await dispatchedTo(circle.fabrikam);
    expect(reminders).toHaveLength(1);
    expect(cardText(reminders[0] as CardJson)).toContain('Reminder: you committed to connect with the customer by 9 December 2026. Press "We connected with the customer" once you have.');
    clock.set(new Date("2026-12-09T15:00:00Z"));
    expect(await dispatchedTo(circle.fabrikam), "one reminder only").toEqual([]);

    const connected = await circle.fabrikam.press(reminders[0] as CardJson, "We connected with the customer");
    expect(cardText(connected.card as CardJson)).toContain("Connected in time: the commitment is kept.");
    const won = await circle.fabrikam.press(connected.card as CardJson, "Won", { wonAmount: "42000", wonCurrency: "EUR" });
    expect(cardText(won.card as CardJson)).toContain("Recorded: won.");
    expect(cardText(won.card as CardJson)).toContain("42,000 EUR");

    const [lead] = await leadsOf(circle.circleId);
    expect(lead).toMatchObject({ status: "won", giver: { companyId: circle.tenants.contoso }, receiver: { companyId: circle.tenants.fabrikam }, connectBy: "2026-12-09", wonValue: { amount: 42_000, currency: "EUR" } });

    const giverView = await circle.contoso.refresh(shared.card as CardJson);
    expect(cardText(giverView.card as CardJson)).toContain("won");
  });

  it("takes its default connect-by date from the circle's own timeframe, which any member may set", async () => {
    const circle = await circleOfThree();
    const list = lastCard(await circle.northwind.say("leads Golden Circle"));
    const before = fingerprint(await snapshotOf(circle.circleId));
    const tooLong = await circle.northwind.press(list, "Save the timeframe", { connectDays: "99" });
    expect(tooLong.message).toBe("Choose from 1 to 20 working days.");
    expect(fingerprint(await snapshotOf(circle.circleId))).toEqual(before);
    const saved = await circle.northwind.press(list, "Save the timeframe", { connectDays: "10" });
    expect(cardText(saved.card as CardJson)).toContain("From now on a new lead's connect-by date is 10 working days after it is shared");
    const form = lastCard(await circle.contoso.say("lead Golden Circle"));
    expect(form.body.find((node) => node.id === "connectBy")?.value).toBe("2026-12-16");
  });

  it("starts from the circles card's 'Share a lead', and the summary puts practice next to what the company says", async () => {
    const circle = await circleOfThree();
    const overview = lastCard(await circle.contoso.say("circles"));
    const form = await circle.contoso.press(overview, "Share a lead");
    expect(cardText(form.card as CardJson)).toContain("Share a lead in Golden Circle");
    const shared = await circle.contoso.press(form.card as CardJson, "Share the lead", { ...TAILWIND, receiver: circle.tenants.fabrikam });
    expect(cardText(shared.card as CardJson)).toContain("Shared with Fabrikam");
    const [received] = await dispatchedTo(circle.fabrikam);
    await circle.fabrikam.press(received as CardJson, "Accept — we connect by 9 Dec");

    const bo = { tenantId: circle.tenants.fabrikam, userId: circle.fabrikam.user.aadObjectId };
    const fabrikam = { companyId: circle.tenants.fabrikam, companyName: "Fabrikam" };
    await server.context.repositories.people.saveLatestSelfResult(bo, { assessmentId: "a-1", cycle: "2026-Q4", rater: fabrikam, subject: fabrikam, ratedBy: bo, formalVendorProgram: false, answers: { pipeline: "reactive", leads: "proactive" }, completedAt: "2026-12-01T09:00:00.000Z" });
    const summary = cardText(lastCard(await circle.fabrikam.say("results")));
    expect(summary).toContain("What practice says");
    expect(summary).toContain("You answered Proactive on Leads; Fabrikam in the last two quarters gave 0 and received 1 lead.");
    expect(summary).toContain("You answered Reactive on Pipeline; Fabrikam in the last two quarters gave 0 and received 1 lead, partners won nothing from its leads and it won nothing from theirs.");
  });

  it("is refused as a reversed lead when the customer has not expressed interest: the card explains it, nothing is stored or sent", async () => {
    const circle = await circleOfThree();
    const before = fingerprint(await snapshotOf(circle.circleId));
    const refused = await shareLead(circle, { customerInterested: "false" });
    expect(cardText(refused.card as CardJson)).toContain(REVERSED_LEAD_MESSAGE);
    expect(REVERSED_LEAD_MESSAGE).toContain("someone trying to sell something with no identified customer");
    expect(refused.sentToReceiver).toEqual([]);
    expect((await reminderContext.queue.listAll()).filter((row) => row.data.circleId === circle.circleId)).toEqual([]);
    expect(fingerprint(await snapshotOf(circle.circleId))).toEqual(before);
    expect(refused.card?.body.find((node) => node.id === "customerOrganisation")?.value).toBe("Tailwind Traders");
  });

  it("records a missed commitment when the connect-by date passes without a connection", async () => {
    const circle = await circleOfThree();
    const { sentToReceiver } = await shareLead(circle);
    expect(cardText((await circle.fabrikam.press(sentToReceiver[0] as CardJson, "Accept — we connect by 9 Dec")).card as CardJson)).toContain("Accepted");
    clock.set(new Date("2026-12-09T08:30:00Z"));
    const notices = await dispatchedTo(circle.fabrikam);
    clock.set(new Date("2026-12-10T09:00:00Z"));
    notices.push(...(await dispatchedTo(circle.fabrikam)));
    expect(notices.map((card) => cardText(card).split("\n")[0])).toEqual([
      "Reminder: you committed to connect with the customer by 9 December 2026. Press \"We connected with the customer\" once you have.",
      "The connect-by date, 9 December 2026, has passed without a connection: the commitment is recorded as missed. You can still connect and record the outcome.",
    ]);
    expect(cardText(notices[1] as CardJson)).toContain("**missed**: not connected by the date");
    const late = await circle.fabrikam.press(notices[1] as CardJson, "We connected with the customer");
    expect(cardText(late.card as CardJson)).toContain("Connected, after the connect-by date: the commitment was missed.");
    const dashboard = await tabApi(circle.fabrikam, `/api/circles/${circle.circleId}/dashboard`);
    const period = (dashboard.body.giveAndTake as { periods: { id: string; practice: { companyName: string; commitmentsDue: number; commitmentsKept: number; received: number }[] }[] }).periods.find((entry) => entry.id === "two-quarters");
    expect(period?.practice.find((company) => company.companyName === "Fabrikam")).toMatchObject({ received: 1, commitmentsDue: 1, commitmentsKept: 0 });
  });

  it("is counted for a third company of the circle, which never sees the customer", async () => {
    const circle = await circleOfThree();
    const { sentToReceiver } = await shareLead(circle);
    await circle.fabrikam.press(sentToReceiver[0] as CardJson, "Accept — we connect by 9 Dec");
    const [lead] = await leadsOf(circle.circleId);

    const list = lastCard(await circle.northwind.say("leads Golden Circle"));
    expect(cardText(list)).toContain("1 shared in the circle; 0 given or received by Northwind");
    expect(cardText(list)).toContain("Contoso → Fabrikam: accepted");
    expect(cardText(list)).not.toContain("Tailwind");
    const own = lastCard(await circle.contoso.say("leads Golden Circle"));
    expect(cardText(own)).toContain("Tailwind Traders");

    const peek = await circle.northwind.execute(LEAD_VERBS.show, { circleId: circle.circleId, leadId: lead?.leadId });
    expect(peek.message).toContain("I can't find that lead");
    const dashboard = await tabApi(circle.northwind, `/api/circles/${circle.circleId}/dashboard`);
    expect(JSON.stringify(dashboard.body)).not.toMatch(/Tailwind|Kim Akers|warehouse/);
    const period = (dashboard.body.giveAndTake as { periods: { id: string; matrix: number[][]; companies: { companyName: string }[] }[] }).periods.find((entry) => entry.id === "two-quarters");
    const names = period?.companies.map((company) => company.companyName) ?? [];
    expect(period?.matrix[names.indexOf("Contoso")]?.[names.indexOf("Fabrikam")]).toBe(1);
    const csv = await fetch(`${server.url}/api/circles/${circle.circleId}/give-and-take.csv?period=two-quarters`, { headers: devUser(circle.northwind) });
    expect(csv.status).toBe(200);
    expect(await csv.text()).not.toContain("Tailwind");
  });

  it("shows nothing to a company outside the circle", async () => {
    const circle = await circleOfThree();
    await shareLead(circle);
    const [lead] = await leadsOf(circle.circleId);
    const outsider = await personAt("Di", newTenant("litware"), "Litware");
    const before = fingerprint(await snapshotOf(circle.circleId));
    for (const verb of [LEAD_VERBS.show, LEAD_VERBS.accept, LEAD_VERBS.list, LEAD_VERBS.form]) {
      const answer = await outsider.execute(verb, { circleId: circle.circleId, leadId: lead?.leadId });
      expect(answer.card, verb).toBeUndefined();
      expect(answer.message, verb).toContain("I can't find that lead");
    }
    expect((await tabApi(outsider, `/api/circles/${circle.circleId}/dashboard`)).status).toBe(404);
    expect(fingerprint(await snapshotOf(circle.circleId))).toEqual(before);
  });

  it("changes nothing for forged or replayed card data", async () => {
    const circle = await circleOfThree();
    const { sentToReceiver } = await shareLead(circle);
    const received = sentToReceiver[0] as CardJson;
    await circle.fabrikam.press(received, "Accept — we connect by 9 Dec");
    const [lead] = await leadsOf(circle.circleId);
    const before = fingerprint(await snapshotOf(circle.circleId));

    const replayed = await circle.fabrikam.press(received, "Accept — we connect by 9 Dec");
    expect(cardText(replayed.card as CardJson)).toContain("Nothing changed: this lead is already accepted.");
    const declineAfterAccept = await circle.fabrikam.execute(LEAD_VERBS.decline, { circleId: circle.circleId, leadId: lead?.leadId, reason: "changed our mind" });
    expect(cardText(declineAfterAccept.card as CardJson)).toContain("Nothing changed");
    const giverAccepts = await circle.contoso.execute(LEAD_VERBS.connected, { circleId: circle.circleId, leadId: lead?.leadId });
    expect(giverAccepts.message).toBe("Only the company the lead was passed to can answer it; nothing changed.");
    const thirdAnswers = await circle.northwind.execute(LEAD_VERBS.connected, { circleId: circle.circleId, leadId: lead?.leadId });
    expect(thirdAnswers.message).toContain("I can't find that lead");
    const skipsAhead = await circle.fabrikam.execute(LEAD_VERBS.outcome, { circleId: circle.circleId, leadId: lead?.leadId, outcome: "won", wonAmount: "9999999" });
    expect(cardText(skipsAhead.card as CardJson)).toContain("Nothing changed");
    const badOutcome = await circle.fabrikam.execute(LEAD_VERBS.outcome, { circleId: circle.circleId, leadId: lead?.leadId, outcome: "stolen" });
    expect(badOutcome.message).toContain("This button's data is damaged");
    const forgedReceiver = await circle.contoso.execute(LEAD_VERBS.share, { circleId: circle.circleId, ...TAILWIND, receiver: newTenant("nobody") });
    expect(forgedReceiver.message).toBe("Choose one of the circle's member companies for the lead.");
    const toSelf = await circle.contoso.execute(LEAD_VERBS.share, { circleId: circle.circleId, ...TAILWIND, receiver: circle.tenants.contoso });
    expect(toSelf.message).toBe("A lead goes to another member company, not to your own.");
    const negative = await circle.contoso.execute(LEAD_VERBS.share, { circleId: circle.circleId, ...TAILWIND, receiver: circle.tenants.fabrikam, amount: "-5" });
    expect(negative.message).toBe("The estimated value must be a positive number.");
    expect(fingerprint(await snapshotOf(circle.circleId))).toEqual(before);
  });
});

function devUser(session: TeamsSession): Record<string, string> {
  return { "x-dev-user": `${session.tenantId}/${session.user.aadObjectId}` };
}

async function tabApi(session: TeamsSession, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, { headers: devUser(session) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
