import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.js";
import type { Rhythm } from "../../core/schedule/types.js";
import { meetingCardFor } from "../../reminders/index.js";
import { CIRCLE_VERBS } from "../../circles/index.js";
import type { CircleSnapshot } from "../../storage/index.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { buttonsOn, cardsIn, cardText, findAction, groupChat, makeUser, personalChat, TeamsSession, textsIn, type CardJson, type InvokeResult, type TeamsIdentity } from "./support/teams.js";

/**
 * Circles of trust between organisations, in chat, over real HTTP to the real server on Azurite.
 * Each company is its own Microsoft 365 organisation (tenant), as Teams reports it for each person
 * (GET …/members/{id}); a typed name never makes anyone a company.
 */
let server: TestServer;
let connector: LocalConnector;
const clock = manualClock(new Date("2026-12-01T09:00:00Z"));
const sessions: TeamsSession[] = [];

beforeAll(async () => {
  connector = await startLocalConnector();
  server = await startTestServer({ clock });
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
});

afterEach(() => {
  for (const session of sessions.splice(0)) session.cardsSeen.forEach((card, index) => assertValidAdaptiveCard(card, `card ${index + 1} sent to ${session.user.name}`));
});

/** A fresh organisation for each test, so that tests never share a company. */
function newTenant(name: string): string {
  return `tenant-${name.toLowerCase()}-${randomUUID().slice(0, 8)}`;
}

/** A person of an organisation in their personal chat with the bot; with `company`, their organisation's company is named by typing it. */
async function personAt(name: string, tenantId: string, company?: string, identity: TeamsIdentity = {}): Promise<TeamsSession> {
  const user = makeUser(name);
  const session = new TeamsSession(server.url, connector, user, personalChat(user), { tenantId, ...identity });
  sessions.push(session);
  await session.say("hello");
  if (company) expect(textsIn(await session.say(`company ${company}`)).join(" ")).toMatch(/is now called|is already called/);
  return session;
}

async function pressAnywhere(session: TeamsSession, card: CardJson, title: string, inputs: Record<string, unknown> = {}): Promise<InvokeResult> {
  const button = findAction(card, title);
  return session.execute(String(button.verb), { ...(button.data as Record<string, unknown>), ...inputs });
}

function lastCard(calls: Awaited<ReturnType<TeamsSession["say"]>>): CardJson {
  const card = cardsIn(calls).at(-1);
  if (!card) throw new Error(`Expected a card; the bot said: ${textsIn(calls).join(" / ")}`);
  return card;
}

/** `invite <company> to <circle>`: the code as the invitation card shows it. */
async function invite(session: TeamsSession, company: string, circle: string): Promise<string> {
  const card = lastCard(await session.say(`invite ${company} to ${circle}`));
  const code = /join ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})/.exec(cardText(card))?.[1];
  if (!code) throw new Error(`No code on the invitation card: ${cardText(card)}`);
  return code;
}

async function circleOf(companyId: string, name: string): Promise<CircleSnapshot> {
  const entry = (await server.context.repositories.companies.listCircles(companyId)).find((candidate) => candidate.circleName === name);
  const snapshot = entry ? await server.context.repositories.circles.snapshot(entry.circleId) : undefined;
  if (!snapshot) throw new Error(`no circle ${name} for ${companyId}`);
  return snapshot;
}

/** What the tab's API answers this person (local mode: the person from the x-dev-user header). */
async function tabApi(session: TeamsSession, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, { headers: { "x-dev-user": `${session.tenantId}/${session.user.aadObjectId}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Every row of the circle's partition with its etag: unchanged means nothing was stored. */
function fingerprint(snapshot: CircleSnapshot): string[] {
  return [snapshot.circle, ...snapshot.members, ...snapshot.invitations, ...snapshot.assessments, ...[...snapshot.otherRows.values()].flat()].map((row) => `${row.rowKey}@${row.etag}`).sort();
}

describe("circles of trust between organisations", () => {
  it("the invited organisation joins with join <code> under its own name, the channel is told, and it sees the circle in the bot and the tab", async () => {
    const contosoTenant = newTenant("contoso");
    const fabrikamTenant = newTenant("fabrikam");
    const ada = await personAt("Ada", contosoTenant, "Contoso");
    const bo = await personAt("Bo", fabrikamTenant, "Fabrikam Ltd");

    expect(cardText(lastCard(await ada.say("create circle Golden Circle")))).toContain("Golden Circle is created with Contoso as its first member");
    const channel = ada.in(groupChat());
    sessions.push(channel);
    expect(textsIn(await channel.say("<at>Partnering Maturity</at> link Golden Circle")).join(" ")).toContain("Golden Circle's reminders now come to this chat");

    const code = await invite(ada, "Fabrikam", "golden circle");
    expect(await server.context.repositories.companies.listCircles(fabrikamTenant)).toEqual([]);
    expect((await tabApi(bo, "/api/me/circles")).body.circles).toEqual([]);

    const joined = await bo.say(`join ${code.toLowerCase()}`);
    expect(cardText(lastCard(joined))).toContain("Welcome to Golden Circle: Fabrikam Ltd is now a member.");
    const told = joined.filter((call) => call.conversationId === channel.conversation.id && call.method === "POST");
    expect(told.map((call) => call.body.text)).toEqual(["Fabrikam Ltd joined Golden Circle, invited as Fabrikam by Contoso. Welcome!"]);

    const snapshot = await circleOf(contosoTenant, "Golden Circle");
    expect(snapshot.members.map((row) => [row.data.company.companyId, row.data.company.companyName, row.data.invitedAs ?? null])).toEqual(
      expect.arrayContaining([
        [contosoTenant, "Contoso", null],
        [fabrikamTenant, "Fabrikam Ltd", "Fabrikam"],
      ]),
    );
    expect(cardText(lastCard(await ada.say("circles")))).toContain("invited as Fabrikam, joined as Fabrikam Ltd");
    expect(cardText(lastCard(await bo.say("circles")))).toContain("Golden Circle");

    const mine = await tabApi(bo, "/api/me/circles");
    expect(mine.status).toBe(200);
    expect(mine.body.circles).toEqual([expect.objectContaining({ name: "Golden Circle", company: { companyId: fabrikamTenant, companyName: "Fabrikam Ltd" }, memberCount: 2 })]);
    const dashboard = await tabApi(bo, `/api/circles/${snapshot.circle.data.circleId}/dashboard`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.viewer).toEqual({ companyId: fabrikamTenant, companyName: "Fabrikam Ltd" });
  });

  it("nobody of another organisation, no guest, and no colleague typing another company's name can see, join, rate as or invite for a company — and their attempts store nothing", async () => {
    const contosoTenant = newTenant("contoso");
    const fabrikamTenant = newTenant("fabrikam");
    const ada = await personAt("Ada", contosoTenant, "Contoso");
    const bo = await personAt("Bo", fabrikamTenant, "Fabrikam");
    await ada.say("create circle Golden Circle");
    await bo.say(`join ${await invite(ada, "Fabrikam", "Golden Circle")}`);
    const pending = await invite(ada, "Litware", "Golden Circle");
    const golden = await circleOf(contosoTenant, "Golden Circle");
    const circleId = golden.circle.data.circleId;
    const before = fingerprint(golden);

    const eve = await personAt("Eve", newTenant("northwind"), "Fabrikam");
    const gus = await personAt("Gus", contosoTenant, undefined, { role: "guest", hostTenantId: contosoTenant, tenantId: newTenant("gus-home") });
    const carl = await personAt("Carl", contosoTenant);

    // Eve named her own organisation's company "Fabrikam": it is a different company, and sees nothing of the circle.
    expect(cardText(lastCard(await eve.say("circles")))).toContain("Fabrikam is not in a circle yet");
    expect(textsIn(await eve.say("rhythms Golden Circle")).join(" ")).toContain("is not in a circle of trust yet");
    expect(textsIn(await eve.say("invite Tailspin to Golden Circle")).join(" ")).toContain("is not in a circle of trust yet");
    expect((await eve.execute("rhythms.show", { circleId })).message).toContain("Only member companies");
    expect((await eve.execute("invitation.create", { circleId, invitee: "Tailspin" })).message).toContain("Only member companies");
    expect((await eve.execute("invitation.revoke", { circleId, invitationId: golden.invitations[0]?.data.invitationId })).message).toContain("Only member companies");
    expect((await eve.execute("company.remove", { circleId, companyId: fabrikamTenant })).message).toContain("Only member companies");
    expect((await eve.execute("action.create", { circleId, source: "command", area: "pipeline", owner: fabrikamTenant, dueBy: "2027-01-15" })).message).toContain("Only member companies");
    expect((await eve.execute("gapsToAction", { circleId, areas: ["pipeline"] })).card).toBeUndefined();
    expect((await eve.execute("start", { for: eve.user.aadObjectId, kind: "partner", subject: contosoTenant, subjectName: "Contoso" })).message).toContain("no longer in any of your company's circles");
    expect((await tabApi(eve, `/api/circles/${circleId}/dashboard`)).status).toBe(404);
    expect((await tabApi(eve, "/api/me/circles")).body.circles).toEqual([]);

    // A guest signed into Contoso's tenant never acts for Contoso.
    for (const command of ["circles", "assess", `join ${pending}`, "company Contoso", "create circle Guest Circle"]) {
      expect(textsIn(await gus.say(command)).join(" "), command).toContain("signed in to this organisation as a guest");
    }
    expect((await gus.execute("rhythms.show", { circleId })).message).toContain("as a guest");

    // Carl is Contoso's: he answers for Contoso whatever name he types, and cannot redeem the code Contoso sent.
    expect(textsIn(await carl.say(`join ${pending}`)).join(" ")).toContain("A company cannot join with its own invitation");
    const start = lastCard(await carl.say("assess"));
    expect(cardText(start)).toContain("You answer for **Contoso**");
    const rated = await carl.press(start, "Start", { company: "Fabrikam", vendorProgram: "false" });
    expect(cardText(rated.card as CardJson)).toContain("Area 1 of 9");
    const draft = await server.context.repositories.people.getDraft({ tenantId: contosoTenant, userId: carl.user.aadObjectId }, "self", "");
    expect(draft?.data.rater).toEqual({ companyId: contosoTenant, companyName: "Contoso" });

    expect(fingerprint(await circleOf(contosoTenant, "Golden Circle"))).toEqual(before);
    expect((await server.context.repositories.companies.get(contosoTenant))?.data.name).toBe("Contoso");
    expect(await server.context.repositories.people.listDrafts({ tenantId: contosoTenant, userId: gus.user.aadObjectId })).toEqual([]);
  });

  it("a used, revoked or expired code is refused, and says so", async () => {
    const contosoTenant = newTenant("contoso");
    const ada = await personAt("Ada", contosoTenant, "Contoso");
    const bo = await personAt("Bo", newTenant("fabrikam"), "Fabrikam");
    const eve = await personAt("Eve", newTenant("northwind"), "Northwind");
    await ada.say("create circle Golden Circle");

    const used = await invite(ada, "Fabrikam", "Golden Circle");
    await bo.say(`join ${used}`);
    expect(textsIn(await eve.say(`join ${used}`)).join(" ")).toContain("already been used");

    const revoked = await invite(ada, "Northwind", "Golden Circle");
    const overview = lastCard(await ada.say("circles"));
    const afterRevoke = await pressAnywhere(ada, overview, "Revoke invitation");
    expect(cardText(afterRevoke.card as CardJson)).toContain("Revoked: the invitation for Northwind to Golden Circle can no longer be used.");
    expect(cardText(afterRevoke.card as CardJson)).not.toContain("Northwind — invited by");
    expect(textsIn(await eve.say(`join ${revoked}`)).join(" ")).toContain("withdrawn");

    const expiring = await invite(ada, "Northwind", "Golden Circle");
    clock.advance(15 * 24 * 60 * 60 * 1000);
    try {
      expect(textsIn(await eve.say(`join ${expiring}`)).join(" ")).toMatch(/expired on \d+ \w+ 20\d\d/);
    } finally {
      clock.advance(-15 * 24 * 60 * 60 * 1000);
    }
    expect((await circleOf(contosoTenant, "Golden Circle")).members.map((row) => row.data.company.companyName).sort()).toEqual(["Contoso", "Fabrikam"]);
  });

  it("a member company removes another after confirming, and the removed company loses the circle", async () => {
    const contosoTenant = newTenant("contoso");
    const fabrikamTenant = newTenant("fabrikam");
    const ada = await personAt("Ada", contosoTenant, "Contoso");
    const bo = await personAt("Bo", fabrikamTenant, "Fabrikam");
    await ada.say("create circle Golden Circle");
    await bo.say(`join ${await invite(ada, "Fabrikam", "Golden Circle")}`);
    const confirm = lastCard(await ada.say("remove Fabrikam from Golden Circle"));
    expect(cardText(confirm)).toContain("Remove Fabrikam from Golden Circle?");
    const removed = await pressAnywhere(ada, confirm, "Remove Fabrikam");
    expect(cardText(removed.card as CardJson)).toContain("Fabrikam is no longer a member of Golden Circle.");
    expect(cardText(lastCard(await bo.say("circles")))).toContain("Fabrikam is not in a circle yet");
    expect((await tabApi(bo, "/api/me/circles")).body.circles).toEqual([]);
  });

  it("circle names are unique among a company's circles, and a command without a circle offers the company's circles to pick", async () => {
    const ada = await personAt("Ada", newTenant("contoso"), "Contoso");
    await ada.say("create circle Golden Circle");
    expect(textsIn(await ada.say("create circle golden circle")).join(" ")).toContain('Your company is already in a circle called "golden circle"');
    await ada.say("create circle Northwest Alliance");
    const choice = lastCard(await ada.say("rhythms"));
    expect(cardText(choice)).toContain("Which circle?");
    const rhythms = await pressAnywhere(ada, choice, "Northwest Alliance");
    expect(cardText(rhythms.card as CardJson)).toContain("Rhythms of Northwest Alliance");
    const unknown = lastCard(await ada.say("actions Nordic Circle"));
    expect(cardText(unknown)).toContain('Contoso is in no circle called "Nordic Circle"');
  });

  it("sets a meeting rhythm from the rhythms card and shows when it next meets", async () => {
    const ada = await personAt("Ada", newTenant("contoso"), "Contoso");
    await ada.say("create circle Rhythm Circle");
    const rhythms = lastCard(await ada.say("rhythms Rhythm Circle"));
    const pattern = await pressAnywhere(ada, rhythms, "Set the joint planning meeting");
    const details = await pressAnywhere(ada, pattern.card as CardJson, "Next", { pattern: "monthly|nth-weekday" });
    expect(cardText(details.card as CardJson)).toContain("Every month, on its first, second, … or last weekday");
    const saved = await pressAnywhere(ada, details.card as CardJson, "Save rhythm", { nth: "1", weekday: "tuesday", time: "09:00", timeZone: "Europe/Stockholm" });
    expect(saved.status).toBe(200);
    expect(cardText(saved.card as CardJson)).toContain("Saved: the joint planning meeting is the first Tuesday of every month at 09:00 (Europe/Stockholm).");
    const snapshot = await circleOf(ada.tenantId, "Rhythm Circle");
    const stored = snapshot.otherRows.get("rhythm")?.[0]?.data as { rhythm: { cadence: string; timeZone: string } } | undefined;
    expect(stored?.rhythm).toMatchObject({ cadence: "monthly", timeZone: "Europe/Stockholm" });
  });

  it("refuses a 5,000-character company name to invite, and a circle or company name of only invisible characters, with the sentence used everywhere, storing nothing", async () => {
    const ada = await personAt("Ada", newTenant("contoso"), "Contoso");
    await ada.say("create circle Golden Circle");
    const golden = await circleOf(ada.tenantId, "Golden Circle");
    const before = fingerprint(golden);

    expect(textsIn(await ada.say(`invite ${"F".repeat(5_000)} to Golden Circle`)).join(" ")).toContain("Keep the invited company's name to 100 characters or fewer.");
    expect((await ada.execute("invitation.create", { circleId: golden.circle.data.circleId, invitee: "\u200b\u200d\u0007" })).message).toBe("Name the company to invite, e.g. invite Fabrikam to Golden Circle.");
    expect(textsIn(await ada.say("create circle \u200b\u2060\u200b")).join(" ")).toBe("Give the circle a name, e.g. create circle Golden Circle.");
    expect(textsIn(await ada.say("company \u200b\u0001\u200e")).join(" ")).toContain("Your organisation's company is Contoso.");

    expect(fingerprint(await circleOf(ada.tenantId, "Golden Circle"))).toEqual(before);
    expect((await server.context.repositories.companies.listCircles(ada.tenantId)).map((entry) => entry.circleName)).toEqual(["Golden Circle"]);
    expect((await server.context.repositories.companies.get(ada.tenantId))?.data.name).toBe("Contoso");
  });

  it("asks a person whose organisation has no company name yet to name it first", async () => {
    const nia = await personAt("Nia", newTenant("new"));
    expect(textsIn(await nia.say("create circle Nowhere")).join(" ")).toContain("Your organisation has no company name in Partnering Maturity yet");
    expect(textsIn(await nia.say("company")).join(" ")).toContain("Your organisation has no company name here yet");
  });

  it("says it cannot confirm the organisation when Teams cannot be asked, and stores nothing", async () => {
    const ada = await personAt("Ada", newTenant("contoso"), "Contoso");
    connector.intercept = (call) => (call.method === "GET" ? { status: 503 } : undefined);
    try {
      expect(textsIn(await ada.say("create circle Offline Circle")).join(" ")).toContain("couldn't confirm your organisation with Microsoft Teams");
    } finally {
      connector.intercept = undefined;
    }
    expect(await server.context.repositories.companies.listCircles(ada.tenantId)).toEqual([]);
  });

  it("turns personal reminders on and off", async () => {
    const ada = await personAt("Ada", newTenant("contoso"), "Contoso");
    const person = { tenantId: ada.tenantId, userId: ada.user.aadObjectId };
    expect(textsIn(await ada.say("reminders on")).join(" ")).toContain("You'll get your circles' reminders in this personal chat too.");
    expect((await server.context.repositories.people.getProfile(person))?.data.personalReminders).toBe(true);
    expect(textsIn(await ada.say("reminders off")).join(" ")).toContain("You won't get reminders in your personal chat any more");
    expect((await server.context.repositories.people.getProfile(person))?.data.personalReminders).toBe(false);
  });
});

describe("gaps become owned actions", () => {
  async function finishAssessment(session: TeamsSession): Promise<CardJson> {
    const companyCard = lastCard(await session.say("assess"));
    let card = (await session.press(companyCard, "Start", { vendorProgram: "false" })).card as CardJson;
    for (let step = 0; step < 12; step += 1) {
      const title = buttonsOn(card).find((action) => action.title === "Next" || action.title === "See results")?.title;
      if (!title) return card;
      card = (await session.press(card, String(title), { stage: step % 2 === 0 ? "basic" : "reactive" })).card as CardJson;
    }
    throw new Error("the assessment did not end");
  }

  it("from an assessment summary, a member turns a weak area into a circle action with an owner and a due date", async () => {
    const ada = await personAt("Ada", newTenant("contoso"), "Contoso");
    await ada.say("create circle Action Circle");
    const summary = await finishAssessment(ada);
    expect(cardText(summary)).toContain("Action Circle");
    const form = await ada.press(summary, "Make a gap a circle action");
    expect(form.card).toBeDefined();
    const created = await pressAnywhere(ada, form.card as CardJson, "Create action", { area: "joint-business-planning", owner: ada.tenantId, dueBy: "2026-12-15", title: "Meet quarterly in person" });
    expect(created.status).toBe(200);
    const snapshot = await circleOf(ada.tenantId, "Action Circle");
    const actions = (snapshot.otherRows.get("action") ?? []).map((row) => row.data as { area: string; owner: { companyName: string }; dueBy: string; status: string; source: string });
    expect(actions).toEqual([expect.objectContaining({ area: "joint-business-planning", owner: expect.objectContaining({ companyName: "Contoso" }), dueBy: "2026-12-15", status: "open", source: "assessment-summary" })]);
    expect(cardText(created.card as CardJson)).toContain("Action created for Contoso, due 15 December 2026: Meet quarterly in person.");
    expect(() => findAction(created.card as CardJson, "Create action")).toThrow();
  });

  it("a summary recorded before the company joined any circle still turns a gap into an action, in the circle the person picks", async () => {
    const ada = await personAt("Ada", newTenant("contoso"), "Contoso");
    const alone = await finishAssessment(ada);
    const nowhere = await ada.press(alone, "Make a gap a circle action");
    expect(nowhere.message ?? cardText(nowhere.card as CardJson)).toContain('Contoso is in no circle of trust yet. Create one with "create circle ‹name›"');

    await ada.say("create circle First Circle");
    const results = lastCard(await ada.say("results"));
    const form = await ada.press(results, "Make a gap a circle action");
    expect(cardText(form.card as CardJson)).toContain("First Circle · the circle's weakest areas first");

    await ada.say("create circle Second Circle");
    const choice = await ada.press(lastCard(await ada.say("results")), "Make a gap a circle action");
    expect(cardText(choice.card as CardJson)).toContain("Which circle takes the action?");
    const picked = await pressAnywhere(ada, choice.card as CardJson, "Second Circle");
    expect(cardText(picked.card as CardJson)).toContain("Second Circle · the circle's weakest areas first");
  });
});

describe("open actions where the circle looks at them", () => {
  async function circleWithPartner(name: string): Promise<{ ada: TeamsSession; bo: TeamsSession; circleId: string }> {
    const ada = await personAt("Ada", newTenant("contoso"), "Contoso");
    const bo = await personAt("Bo", newTenant("fabrikam"), "Fabrikam");
    await ada.say(`create circle ${name}`);
    await bo.say(`join ${await invite(ada, "Fabrikam", name)}`);
    return { ada, bo, circleId: (await circleOf(ada.tenantId, name)).circle.data.circleId };
  }

  it("the circles card shows each circle's open actions and rhythms; adding and marking one done replaces the circles card", async () => {
    const { ada, bo } = await circleWithPartner("Overview Circle");
    const overview = lastCard(await ada.say("circles"));
    expect(cardText(overview)).toContain("No open actions.");
    expect(cardText(overview)).toContain("No meeting rhythm yet. The seed: quarterly is good, monthly is great, weekly is nirvana.");
    const form = await pressAnywhere(ada, overview, "Add an action");
    expect(cardText(form.card as CardJson)).toContain("Turn a gap into a joint action");
    const created = await pressAnywhere(ada, form.card as CardJson, "Create action", { area: "leads", owner: bo.tenantId, dueBy: "2026-12-20", title: "Agree how leads are passed" });
    const withAction = cardText(created.card as CardJson);
    expect(withAction).toContain("Action created for Fabrikam, due 20 December 2026: Agree how leads are passed.");
    expect(withAction).toContain("Your circles of trust");
    expect(withAction).toContain("Open actions (1)");
    expect(withAction).toContain("Agree how leads are passed — Fabrikam, due 20 December 2026");

    const bosView = lastCard(await bo.say("circles"));
    const done = await pressAnywhere(bo, bosView, "Mark done");
    expect(cardText(done.card as CardJson)).toContain("Marked done: Agree how leads are passed.");
    expect(cardText(done.card as CardJson)).toContain("Your circles of trust");
    expect(cardText(done.card as CardJson)).toContain("No open actions.");
  });

  it("in a chat of both organisations, the circles card refreshes to each reader's own company", async () => {
    const { ada, bo } = await circleWithPartner("Shared View Circle");
    const chat = groupChat();
    const adaInChat = ada.in(chat);
    const boInChat = bo.in(chat);
    sessions.push(adaInChat, boInChat);
    const posted = lastCard(await adaInChat.say("<at>Partnering Maturity</at> circles"));
    expect(cardText(posted)).toContain("Your company: **Contoso**");
    const boSees = await boInChat.refresh(posted);
    expect(boSees.status).toBe(200);
    expect(cardText(boSees.card as CardJson)).toContain("Your company: **Fabrikam**");
    expect(cardText(boSees.card as CardJson)).not.toContain("Your company: **Contoso**");
    expect((boSees.card as { refresh?: unknown }).refresh).toBeDefined();
  });

  it("Mark done on a meeting reminder replaces it with the same reminder, the action gone from its list", async () => {
    const { ada, circleId } = await circleWithPartner("Reminder Circle");
    const rhythms = lastCard(await ada.say("rhythms Reminder Circle"));
    const pattern = await pressAnywhere(ada, rhythms, "Set the joint planning meeting");
    const details = await pressAnywhere(ada, pattern.card as CardJson, "Next", { pattern: "monthly|nth-weekday" });
    await pressAnywhere(ada, details.card as CardJson, "Save rhythm", { nth: "1", weekday: "tuesday", time: "09:00", timeZone: "Europe/Stockholm" });
    await ada.execute(CIRCLE_VERBS.createAction, { circleId, source: "command", area: "pipeline", owner: ada.tenantId, dueBy: "2026-12-10", title: "Share the pipeline monthly" });
    const snapshot = await circleOf(ada.tenantId, "Reminder Circle");
    const rhythm = (snapshot.otherRows.get("rhythm")?.[0]?.data as { rhythm: Rhythm }).rhythm;
    const reminder = meetingCardFor(snapshot, { rhythm, step: "meeting-reminder", occurrence: new Date("2026-12-01T08:00:00Z"), audience: "personal" }, clock.now()) as unknown as CardJson;
    expect(cardText(reminder)).toContain("Share the pipeline monthly");

    const done = await pressAnywhere(ada, reminder, "Mark done");
    const text = cardText(done.card as CardJson);
    expect(text).toContain("Marked done: Share the pipeline monthly.");
    expect(text).toContain("Joint planning meeting");
    expect(text).not.toContain("Share the pipeline monthly —");
    expect(text).toContain("No open actions.");
  });
});

describe("two colleagues of one company", () => {
  it("both count when they finish in the same cycle, and the dashboard says 2 people answered", async () => {
    const tenant = newTenant("contoso");
    const ada = await personAt("Ada", tenant, "Contoso");
    const cy = await personAt("Cy", tenant);
    await ada.say("create circle Shared Circle");
    for (const [session, stage] of [
      [ada, "basic"],
      [cy, "proactive"],
    ] as const) {
      let card = (await session.press(lastCard(await session.say("assess")), "Start", { vendorProgram: "false" })).card as CardJson;
      for (let step = 0; step < 9; step += 1) card = (await session.press(card, step === 8 ? "See results" : "Next", { stage })).card as CardJson;
      expect(cardText(card)).toContain("Shared with your circle of trust: Shared Circle.");
    }
    const snapshot = await circleOf(tenant, "Shared Circle");
    expect(snapshot.assessments.map((row) => row.data.ratedBy.userId).sort()).toEqual([ada.user.aadObjectId, cy.user.aadObjectId].sort());
    const dashboard = await tabApi(ada, `/api/circles/${snapshot.circle.data.circleId}/dashboard`);
    const contoso = (dashboard.body.members as { companyName: string; latest: { peopleAnswered: number; disagreements: string[]; cells: { answer: string }[] } }[])[0];
    expect(contoso?.latest.peopleAnswered).toBe(2);
    expect(contoso?.latest.disagreements).toHaveLength(9);
    expect(contoso?.latest.cells[0]?.answer).toBe("reactive");
  });
});
