import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { companyRef } from "../../core/companies.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { cardsIn, cardText, makeUser, personalChat, TeamsSession, TENANT_ID, textsIn, type CardJson, type CardNode, type TeamsUser } from "./support/teams.js";

/**
 * Circles of trust in chat, over real HTTP to the real server on Azurite: create, invite, accept
 * (both sides opt in), link a channel, rhythms — and people outside a circle can neither change nor see it.
 */
let server: TestServer;
let connector: LocalConnector;
const sessions: TeamsSession[] = [];

beforeAll(async () => {
  connector = await startLocalConnector();
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
});

afterEach(() => {
  for (const session of sessions.splice(0)) session.cardsSeen.forEach((card, index) => assertValidAdaptiveCard(card, `card ${index + 1} sent to ${session.user.name}`));
});

/** A person who has told the bot their company (as their first assessment does). */
async function personAt(name: string, company: string, conversation?: TeamsSession["conversation"]): Promise<TeamsSession> {
  const user = makeUser(name);
  await server.context.repositories.people.saveProfile({ person: personOf(user), company: companyRef(company), updatedAt: new Date().toISOString() });
  const session = new TeamsSession(server.url, connector, user, conversation ?? personalChat(user));
  sessions.push(session);
  return session;
}

function personOf(user: TeamsUser) {
  return { tenantId: TENANT_ID, userId: user.aadObjectId, aadObjectId: user.aadObjectId, name: user.name };
}

function channelFor(session: TeamsSession, conversationId: string): TeamsSession {
  const channel = new TeamsSession(server.url, connector, session.user, { id: conversationId, conversationType: "channel" });
  sessions.push(channel);
  return channel;
}

/** Buttons can sit in the card's actions or in ActionSets inside its body. */
function buttonOn(card: CardJson, title: string): CardNode {
  const found: CardNode[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const element = node as CardNode;
      if (element.type === "Action.Execute" && element.title === title) found.push(element);
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  if (!found[0]) throw new Error(`No button "${title}" on the card`);
  return found[0];
}

async function pressAnywhere(session: TeamsSession, card: CardJson, title: string, inputs: Record<string, unknown> = {}) {
  const button = buttonOn(card, title);
  return session.execute(String(button.verb), { ...(button.data as Record<string, unknown>), ...inputs });
}

async function circleNamed(name: string) {
  const company = (await server.context.repositories.circles.listForCompany(companyRef("Fabrikam").companyId)).find((entry) => entry.circleName === name);
  if (!company) throw new Error(`no circle ${name}`);
  return server.context.repositories.circles.snapshot(company.circleId);
}

describe("circles of trust in chat", () => {
  it("are created with a name, joined only when the invited company accepts, and linked to the channel where they meet", async () => {
    const ada = await personAt("Ada", "Fabrikam");
    const bob = await personAt("Bob", "Contoso");

    expect(textsIn(await ada.say("create circle Golden Circle")).join(" ")).toContain("Golden Circle is created with Fabrikam as its first member");
    expect(textsIn(await ada.say("invite Contoso to golden circle")).join(" ")).toContain("Contoso is invited to Golden Circle");
    let snapshot = await circleNamed("Golden Circle");
    expect(snapshot?.members.map((row) => [row.data.company.companyName, row.data.status]).sort()).toEqual([
      ["Contoso", "invited"],
      ["Fabrikam", "member"],
    ]);
    expect(await server.context.repositories.circles.listForPerson(personOf(bob.user))).toEqual([]);

    const [circlesCard] = cardsIn(await bob.say("circles"));
    expect(cardText(circlesCard as CardJson)).toContain("invited by Fabrikam");
    const accepted = await pressAnywhere(bob, circlesCard as CardJson, "Accept");
    expect(accepted.status).toBe(200);
    snapshot = await circleNamed("Golden Circle");
    expect(snapshot?.members.find((row) => row.data.company.companyName === "Contoso")?.data.status).toBe("member");

    const channel = channelFor(ada, `19:golden-${Date.now()}@thread.tacv2`);
    const linked = textsIn(await channel.say("<at>Partnering Maturity</at> link Golden Circle")).join(" ");
    expect(linked).toContain("Golden Circle's reminders now come to this channel");
    snapshot = await circleNamed("Golden Circle");
    expect(snapshot?.circle.data.channel).toMatchObject({ conversationId: channel.conversation.id, serviceUrl: connector.url, tenantId: TENANT_ID });

    const [rhythms] = cardsIn(await channel.say("<at>Partnering Maturity</at> rhythms"));
    expect(cardText(rhythms as CardJson)).toContain("Golden Circle");
  });

  it("sets a meeting rhythm from the rhythms card and shows when it next meets", async () => {
    const ada = await personAt("Ada", "Fabrikam");
    await ada.say("create circle Rhythm Circle");
    const [rhythms] = cardsIn(await ada.say("rhythms Rhythm Circle"));
    const form = await pressAnywhere(ada, rhythms as CardJson, "Set joint planning meeting");
    expect(form.card).toBeDefined();
    const saved = await pressAnywhere(ada, form.card as CardJson, "Save rhythm", { cadence: "monthly", dayRule: "nth-weekday", nth: "1", weekday: "tuesday", time: "09:00", timeZone: "Europe/Stockholm" });
    expect(saved.status).toBe(200);
    const snapshot = await circleNamed("Rhythm Circle");
    const stored = snapshot?.otherRows.get("rhythm")?.[0]?.data as { rhythm: { cadence: string; timeZone: string } } | undefined;
    expect(stored?.rhythm).toMatchObject({ cadence: "monthly", timeZone: "Europe/Stockholm" });
  });

  it("refuses people outside a circle: they can neither see nor change it, and nothing is stored", async () => {
    const ada = await personAt("Ada", "Fabrikam");
    const eve = await personAt("Eve", "Northwind");
    await ada.say("create circle Private Circle");
    const before = await circleNamed("Private Circle");

    expect(textsIn(await eve.say("rhythms Private Circle")).join(" ")).toContain("Northwind is not in a circle of trust yet");
    expect(textsIn(await eve.say("invite Litware to Private Circle")).join(" ")).toContain("Northwind is not in a circle of trust yet");
    const forged = await eve.execute("rhythms.show", { verb: "rhythms.show", circleId: before?.circle.data.circleId });
    expect(forged.card).toBeUndefined();
    expect(forged.message).toBeTruthy();
    const forgedSave = await eve.execute("rhythm.save", { circleId: before?.circle.data.circleId, rhythmKind: "joint-planning", cadence: "weekly", dayRule: "weekday", weekday: "monday", time: "08:00", timeZone: "UTC" });
    expect(forgedSave.card).toBeUndefined();

    const after = await circleNamed("Private Circle");
    expect(after?.members.map((row) => row.etag)).toEqual(before?.members.map((row) => row.etag));
    expect(after?.otherRows.get("rhythm")).toBeUndefined();
  });

  it("asks a person who has not assessed yet to do so first, since circles are joined by company", async () => {
    const stranger = new TeamsSession(server.url, connector, makeUser("Nia"), personalChat(makeUser("Nia")));
    expect(textsIn(await stranger.say("create circle Nowhere")).join(" ")).toContain("I don't know which company you work for yet");
  });

  it("turns personal reminders on and off", async () => {
    const ada = await personAt("Ada", "Fabrikam");
    await ada.say("hello");
    expect(textsIn(await ada.say("reminders on")).join(" ")).toContain("You'll get your circles' reminders in this personal chat too.");
    expect((await server.context.repositories.people.getProfile(personOf(ada.user)))?.data.personalReminders).toBe(true);
    expect(textsIn(await ada.say("reminders off")).join(" ")).toContain("You won't get reminders in your personal chat any more");
    expect((await server.context.repositories.people.getProfile(personOf(ada.user)))?.data.personalReminders).toBe(false);
  });
});

describe("gaps become owned actions", () => {
  async function finishAssessment(session: TeamsSession, company: string): Promise<CardJson> {
    const [companyCard] = cardsIn(await session.say("assess"));
    let card = (await session.press(companyCard as CardJson, "Start", { company, vendorProgram: "false" })).card as CardJson;
    for (let step = 0; step < 12; step += 1) {
      const title = (card.actions ?? []).find((action) => action.title === "Next" || action.title === "See results")?.title;
      if (!title) return card;
      card = (await session.press(card, String(title), { stage: step % 2 === 0 ? "basic" : "reactive" })).card as CardJson;
    }
    throw new Error("the assessment did not end");
  }

  it("from an assessment summary, a member turns a weak area into a circle action with an owner and a due date", async () => {
    const ada = await personAt("Ada", "Fabrikam");
    await ada.say("create circle Action Circle");
    const summary = await finishAssessment(ada, "Fabrikam");
    expect(cardText(summary)).toContain("Action Circle");
    const form = await ada.press(summary, "Make a gap a circle action");
    expect(form.card).toBeDefined();
    const created = await pressAnywhere(ada, form.card as CardJson, "Create action", { area: "joint-business-planning", owner: "fabrikam", dueBy: "2026-12-15", title: "Meet quarterly in person" });
    expect(created.status).toBe(200);
    const snapshot = await circleNamed("Action Circle");
    const actions = (snapshot?.otherRows.get("action") ?? []).map((row) => row.data as { area: string; owner: { companyName: string }; dueBy: string; status: string; source: string });
    expect(actions).toEqual([expect.objectContaining({ area: "joint-business-planning", owner: expect.objectContaining({ companyName: "Fabrikam" }), dueBy: "2026-12-15", status: "open", source: "assessment-summary" })]);
  });

  it("refuses a forged request for another circle's action form", async () => {
    const ada = await personAt("Ada", "Fabrikam");
    await ada.say("create circle Closed Circle");
    const eve = await personAt("Eve", "Northwind");
    const circleId = (await circleNamed("Closed Circle"))?.circle.data.circleId;
    const forged = await eve.execute("gapsToAction", { circleId, areas: ["pipeline"] });
    expect(forged.card).toBeUndefined();
    expect(forged.message).toBeTruthy();
  });
});
