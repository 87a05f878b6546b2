import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AREAS } from "../../core/model/index.js";
import type { DraftRecord, StoredRow } from "../../storage/index.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { buttonsOn, cardsIn, cardText, choicesOf, inputOf, makeUser, personalChat, TeamsSession, textsIn, type CardJson, type InvokeResult, type TeamsUser } from "./support/teams.js";

/**
 * The assessment as a person in Teams meets it: Bot Framework activities over real HTTP to the real
 * server on Azurite, with every reply, update and proactive post recorded by a local Bot Connector.
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

/** Each person of these tests is of an organisation of their own, whose company they name "Fabrikam" when they begin. */
function sessionFor(user: TeamsUser = makeUser("Ada"), tenantId = `tenant-${user.aadObjectId}`): TeamsSession {
  const session = new TeamsSession(server.url, connector, user, personalChat(user), { tenantId });
  sessions.push(session);
  return session;
}

const contoso = { companyId: "tenant-contoso-partner", companyName: "Contoso" };

function companyOf(session: TeamsSession) {
  return { companyId: session.tenantId, companyName: "Fabrikam" };
}

function personOf(session: TeamsSession) {
  return { tenantId: session.tenantId, userId: session.user.aadObjectId, aadObjectId: session.user.aadObjectId, name: session.user.name };
}

async function storedDraft(session: TeamsSession, kind: "self" | "partner" = "self", subject = ""): Promise<StoredRow<DraftRecord> | undefined> {
  return server.context.repositories.people.getDraft(personOf(session), kind, subject);
}

/** A circle whose member companies are the session's (named Fabrikam) and the given others. */
async function circleWith(circleId: string, name: string, session: TeamsSession, others: readonly { companyId: string; companyName: string }[] = []): Promise<void> {
  const now = new Date().toISOString();
  const circle = { circleId, name, createdAt: now, createdBy: personOf(session), createdByCompany: companyOf(session) };
  await server.context.repositories.circles.create(circle, { circleId, company: companyOf(session), status: "member", people: [personOf(session)], joinedAt: now });
  for (const company of others) await server.context.repositories.circles.saveMember(circle, { circleId, company, status: "member", people: [], joinedAt: now });
}

/** What the bot posted or updated (the GET calls that confirm a person's organisation are not messages). */
function messagesOf(calls: readonly { method: string }[]): string[] {
  return calls.map((call) => call.method).filter((method) => method !== "GET");
}

async function begin(session: TeamsSession, vendorProgram: "true" | "false" = "true", company = "Fabrikam"): Promise<CardJson> {
  const [companyCard] = cardsIn(await session.say("assess"));
  const started = await session.press(expectCard(companyCard), "Start", { company, vendorProgram });
  return expectCard(started.card);
}

function expectCard(card: CardJson | undefined): CardJson {
  if (!card) throw new Error("Expected a card");
  return card;
}

async function answer(session: TeamsSession, card: CardJson, stage: string): Promise<InvokeResult> {
  const title = buttonsOn(card).some((action) => action.title === "See results") ? "See results" : "Next";
  return session.press(card, title, { stage });
}

async function answerAreas(session: TeamsSession, card: CardJson, stages: readonly string[]): Promise<CardJson> {
  let current = card;
  for (const stage of stages) current = expectCard((await answer(session, current, stage)).card);
  return current;
}

describe("a complete self-assessment in Teams", () => {
  it("walks the ten areas as cards updated in place, then shows the summary and records it in the person's circle", async () => {
    const ada = sessionFor();
    const circleId = `nordic-${ada.user.aadObjectId}`;
    await circleWith(circleId, "Nordic Alliance", ada);
    const callsBefore = connector.calls.length;
    let card = await begin(ada, "true");
    const stages = ["basic", "reactive", "proactive", "dynamic", "reactive", "proactive", "proactive", "reactive", "proactive", "proactive"];
    for (const [index, stage] of stages.entries()) {
      expect(cardText(card)).toContain(`Area ${index + 1} of 10 · ${index} answered`);
      expect(cardText(card)).toContain(AREAS[index]?.name);
      card = expectCard((await answer(ada, card, stage)).card);
    }
    const summary = cardText(card);
    expect(summary).toContain("Your partnering maturity");
    // Two figures that say different things, each saying what it is (issue 11: "Reactive" above "Proactive in most areas" read as a contradiction).
    expect(summary).toContain("Overall stage: **Reactive**. Your areas average 2.60 on a scale from 1 (Basic) to 4 (Dynamic); the overall stage becomes Proactive at 3.00.");
    expect(summary).toContain("6 of 10 areas are at Proactive or higher: you are **Proactive in most areas**, the model's realistic target.");
    expect(summary).toContain("**Joint business planning**: Basic today");
    expect(summary).toContain("Shared with your circle of trust: Nordic Alliance.");
    // One card was posted (the company card); every later card replaced the pressed one.
    expect(messagesOf(connector.calls.slice(callsBefore))).toEqual(["POST"]);
    const recorded = await server.context.repositories.circles.listAssessments(circleId);
    expect(recorded.map((row) => [row.data.rater.companyId, row.data.subject.companyId, Object.keys(row.data.answers).length])).toEqual([[ada.tenantId, ada.tenantId, 10]]);
    expect((await storedDraft(ada))?.data.status).toBe("completed");
  });

  it("skips Readiness and certifications for a company without a formal vendor program and says why on the summary", async () => {
    const ada = sessionFor();
    const first = await begin(ada, "false");
    expect(cardText(first)).toContain("Area 1 of 9");
    const summary = await answerAreas(ada, first, Array(9).fill("proactive"));
    expect(cardText(summary)).toContain("Readiness and certifications\nNot applicable (no formal vendor program)");
    expect((await storedDraft(ada))?.data.answers["readiness-certifications"]).toBeUndefined();
  });

  it("offers 'does not apply' on Readiness and certifications and scores without it", async () => {
    const ada = sessionFor();
    const first = await begin(ada, "true");
    const tenth = await answerAreas(ada, first, Array(9).fill("dynamic"));
    expect(choicesOf(tenth, "stage")).toContain("not-applicable");
    const summary = expectCard((await answer(ada, tenth, "not-applicable")).card);
    expect(cardText(summary)).toContain("Readiness and certifications\nDoes not apply");
    expect(cardText(summary)).toContain("Overall stage: **Dynamic**. Your areas average 4.00");
  });

  it("changes an answer from the summary, returning to that area's card and then to the summary", async () => {
    const ada = sessionFor();
    const summary = await answerAreas(ada, await begin(ada, "false"), Array(9).fill("reactive"));
    const edit = expectCard((await ada.press(summary, "Change this answer", { area: "pipeline" })).card);
    expect(cardText(edit)).toContain("Pipeline");
    expect(inputOf(edit, "stage")?.value).toBe("reactive");
    const back = expectCard((await ada.press(edit, "Save change", { stage: "dynamic" })).card);
    expect(cardText(back)).toContain("Changed Pipeline to Dynamic.");
    expect(cardText(back)).toContain("Pipeline\nDynamic");
    expect((await storedDraft(ada))?.data).toMatchObject({ status: "completed", answers: { pipeline: "dynamic" } });
    expect((await storedDraft(ada))?.data.editing).toBeUndefined();
  });
});

describe("resuming", () => {
  it("resumes at the first unanswered area after the server restarts", async () => {
    let running = await startTestServer();
    try {
      const user = makeUser("Ada");
      const ada = new TeamsSession(running.url, connector, user, personalChat(user), { tenantId: `tenant-${user.aadObjectId}` });
      sessions.push(ada);
      await answerAreas(ada, await begin(ada, "true"), ["basic", "reactive", "proactive"]);
      running = await running.restart();
      ada.botUrl = running.url;
      // fetch still holds a keep-alive connection to the stopped server; the first request discovers it is gone.
      await fetch(`${running.url}/healthz`).catch(() => undefined);
      const [resumed] = cardsIn(await ada.say("assess"));
      expect(cardText(expectCard(resumed))).toContain("Welcome back to your assessment: 3 of 10 areas answered. Continuing at Leads.");
      expect(cardText(expectCard(resumed))).toContain("Area 4 of 10 · 3 answered");
      const summary = await answerAreas(ada, expectCard(resumed), Array(7).fill("dynamic"));
      expect(cardText(summary)).toContain("Your partnering maturity");
    } finally {
      await running.close();
    }
  });
});

describe("a complete partner assessment", () => {
  it("rates a fellow partner to the partner-friendliness verdict, shown only to the rater and counted where both are members", async () => {
    const ada = sessionFor();
    const circleId = `both-${ada.user.aadObjectId}`;
    await answerAreas(ada, await begin(ada, "false"), ["basic"]);
    await circleWith(circleId, "Golden Circle", ada, [contoso]);
    const [companyCard] = cardsIn(await ada.say("assess Contoso"));
    expect(cardText(expectCard(companyCard))).toContain("Rate Contoso");
    expect(inputOf(expectCard(companyCard), "company")).toBeUndefined();
    const first = expectCard((await ada.press(expectCard(companyCard), "Start", { vendorProgram: "false" })).card);
    expect(cardText(first)).toContain("Rating Contoso");
    const verdict = await answerAreas(ada, first, ["reactive", "basic", "basic", "reactive", "reactive", "reactive", "reactive", "reactive", "basic"]);
    const text = cardText(verdict);
    expect(text).toContain("Is Contoso partner-friendly?");
    expect(text).toContain("Not yet partner-friendly");
    expect(text).toContain("Only you see this verdict");
    expect(text).toContain("Counted in the totals of: Golden Circle.");
    const recorded = await server.context.repositories.circles.listAssessments(circleId);
    expect(recorded.map((row) => [row.data.rater.companyId, row.data.subject.companyId])).toEqual([[ada.tenantId, contoso.companyId]]);
    // The self-assessment in progress is untouched by the partner rating.
    expect((await storedDraft(ada))?.data.answers).toEqual({ "joint-business-planning": "basic" });
  });
});

describe("every bad card submission is refused with a sentence, and nothing stored changes", () => {
  async function inProgress(): Promise<{ ada: TeamsSession; card: CardJson; before: StoredRow<DraftRecord> | undefined }> {
    const ada = sessionFor();
    const card = await answerAreas(ada, await begin(ada, "false"), ["basic", "reactive"]);
    return { ada, card, before: await storedDraft(ada) };
  }

  async function expectUnchanged(session: TeamsSession, before: StoredRow<DraftRecord> | undefined): Promise<void> {
    expect(await storedDraft(session)).toEqual(before);
  }

  it("a card from an assessment already finished", async () => {
    const ada = sessionFor();
    const first = await begin(ada, "false");
    const summary = await answerAreas(ada, first, Array(9).fill("proactive"));
    expect(cardText(summary)).toContain("Your partnering maturity");
    const before = await storedDraft(ada);
    const result = await ada.press(first, "Next", { stage: "dynamic" });
    expect(result.message).toBe("You already finished this assessment, so this card is out of date and I didn't change anything. Type results to see your summary; you can change any answer from there.");
    await expectUnchanged(ada, before);
  });

  it("a card from an earlier run, before the person started over", async () => {
    const { ada, card } = await inProgress();
    const [resumed] = cardsIn(await ada.say("assess"));
    const confirm = expectCard((await ada.press(expectCard(resumed), "Start over")).card);
    await ada.press(confirm, "Start over", { company: "Fabrikam", vendorProgram: "false" });
    const before = await storedDraft(ada);
    const result = await ada.press(card, "Next", { stage: "dynamic" });
    expect(result.message).toContain("This card is from an earlier run of this assessment");
    await expectUnchanged(ada, before);
  });

  it("an area the model does not have", async () => {
    const { ada, card, before } = await inProgress();
    const data = { ...(buttonsOn(card)[0]?.data as Record<string, unknown>), area: "world-domination", stage: "basic" };
    const result = await ada.execute("answer", data);
    expect(result.message).toBe("That card names an area the Partnering Maturity Model doesn't have, so I didn't save anything. Type assess to get a fresh card.");
    await expectUnchanged(ada, before);
  });

  it("a stage the model does not have", async () => {
    const { ada, card, before } = await inProgress();
    const result = await ada.press(card, "Next", { stage: "legendary" });
    expect(result.message).toBe("That answer isn't one of the stages on the card, so I didn't save it. Choose one of the sentences on the card and try again.");
    await expectUnchanged(ada, before);
  });

  it("a card meant for another person", async () => {
    const { ada, card, before } = await inProgress();
    const bob = sessionFor(makeUser("Bob"));
    const result = await bob.press(card, "Next", { stage: "dynamic" });
    expect(result.message).toBe("This card was sent to someone else, so I didn't change anything. Type assess in your personal chat with me to start your own assessment.");
    await expectUnchanged(ada, before);
    expect(await storedDraft(bob)).toBeUndefined();
  });

  it("'does not apply' for an area that applies to every company", async () => {
    const { ada, card, before } = await inProgress();
    const result = await ada.press(card, "Next", { stage: "not-applicable" });
    expect(result.message).toBe('Agreement applies to every company, so it can\'t be answered "does not apply". I didn\'t save anything; choose one of the sentences.');
    await expectUnchanged(ada, before);
  });

  it("an answer for Readiness and certifications from a company without a vendor program", async () => {
    const { ada, card, before } = await inProgress();
    const result = await ada.execute("answer", { ...(buttonsOn(card)[0]?.data as Record<string, unknown>), area: "readiness-certifications", stage: "dynamic" });
    expect(result.message).toBe("Readiness and certifications isn't part of this assessment, because Fabrikam runs no formal vendor program. I didn't save anything.");
    await expectUnchanged(ada, before);
  });

  it("tampered data: wrong types, a missing run, an unknown button, no data at all", async () => {
    const { ada, card, before } = await inProgress();
    const data = buttonsOn(card)[0]?.data as Record<string, unknown>;
    const tampered = "That card's data doesn't look like a card I sent, so I didn't save anything. Type assess to get a fresh card.";
    expect((await ada.execute("answer", { ...data, run: 42, stage: "basic" })).message).toBe(tampered);
    expect((await ada.execute("answer", { ...data, run: undefined, stage: "basic" })).message).toBe(tampered);
    expect((await ada.execute("answer", { ...data, edit: "yes", stage: "basic" })).message).toBe(tampered);
    expect((await ada.execute("launchRockets", data)).message).toContain("I don't know that button");
    const noData = await ada.post(ada.activity({ type: "invoke", name: "adaptiveCard/action", value: "hello" }));
    expect(((await noData.json()) as { value: string }).value).toContain("I don't know that button");
    await expectUnchanged(ada, before);
  });

  it("a press without choosing a sentence asks for one", async () => {
    const { ada, card, before } = await inProgress();
    const result = await ada.press(card, "Next", {});
    expect(result.message).toBe("Choose the sentence that fits best, then select Next.");
    await expectUnchanged(ada, before);
  });
});

describe("clients that send Action.Submit instead of Universal Actions", () => {
  it("updates the pressed card in place when Teams says which message it was", async () => {
    const ada = sessionFor();
    const posted = await ada.say("assess");
    const companyCall = posted.find((call) => call.method === "POST");
    const [companyCard] = cardsIn(posted);
    const calls = await ada.submit(expectCard(companyCard), "Start", { company: "Fabrikam", vendorProgram: "false" }, companyCall?.assignedId);
    expect(calls.filter((call) => call.method !== "GET").map((call) => [call.method, call.activityId])).toEqual([["PUT", companyCall?.assignedId]]);
    expect(cardText(expectCard(cardsIn(calls)[0]))).toContain("Area 1 of 9");
    expect((await storedDraft(ada))?.data.status).toBe("in-progress");
  });

  it("sends the next card as a new message when it does not", async () => {
    const ada = sessionFor();
    const [companyCard] = cardsIn(await ada.say("assess"));
    const calls = await ada.submit(expectCard(companyCard), "Start", { company: "Fabrikam", vendorProgram: "false" }, undefined);
    expect(messagesOf(calls)).toEqual(["POST"]);
    expect(cardText(expectCard(cardsIn(calls)[0]))).toContain("Area 1 of 9");
  });

  it("answers a refused submission with a sentence in the chat", async () => {
    const ada = sessionFor();
    const first = await begin(ada, "false");
    const before = await storedDraft(ada);
    const calls = await ada.submit(first, "Next", { stage: "legendary" }, "some-card-id");
    expect(textsIn(calls)).toEqual(["That answer isn't one of the stages on the card, so I didn't save it. Choose one of the sentences on the card and try again."]);
    expect(await storedDraft(ada)).toEqual(before);
  });
});

describe("typed text", () => {
  it("answers text it does not understand with the commands it does", async () => {
    const ada = sessionFor();
    const calls = await ada.say("what's the weather?");
    const text = cardText(expectCard(cardsIn(calls)[0]));
    expect(text).toContain("Sorry, I didn't understand that.");
    for (const command of ["assess", "assess ‹partner company›", "results", "invite ‹company› to ‹circle›", "join ‹code›", "help"]) expect(text).toContain(command);
  });
});
