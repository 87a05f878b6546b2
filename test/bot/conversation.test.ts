import { describe, expect, it } from "vitest";
import { AREAS, NOT_APPLICABLE } from "../../core/model/index.js";
import { type TableStore, type TableStoreFactory } from "../../storage/index.js";
import { TABLES } from "../../storage/partitions.js";
import { MemoryTableStoreFactory } from "../../storage/memory/memory-table-store.js";
import { ConversationHarness, cardOf, textOf } from "./support/conversation.js";
import { buttonsOn, cardText, choicesOf, inputOf, type CardJson } from "./support/teams.js";

const STAGES_IN_TURN = ["basic", "reactive", "proactive", "dynamic"];

async function startSelf(harness: ConversationHarness, name = "Ada", inputs: Record<string, unknown> = { company: "Fabrikam", vendorProgram: "false" }) {
  const speaker = harness.person(name);
  const companyCard = cardOf(await harness.say(speaker, "assess"));
  const firstArea = cardOf(await harness.press(speaker, companyCard, "Start", inputs));
  return { speaker, companyCard, firstArea };
}

describe("starting an assessment", () => {
  it("asks for the company first, then shows area 1 of the areas that apply", async () => {
    const harness = await ConversationHarness.open();
    const { companyCard, firstArea } = await startSelf(harness);
    expect(inputOf(companyCard as CardJson, "company")).toBeDefined();
    expect(inputOf(companyCard as CardJson, "vendorProgram")).toBeDefined();
    expect(cardText(firstArea as CardJson)).toContain(`Area 1 of ${AREAS.length - 1}`);
    expect(cardText(firstArea as CardJson)).toContain(AREAS[0]?.name);
  });

  it("asks Readiness and certifications only of companies with a formal vendor program", async () => {
    const harness = await ConversationHarness.open();
    const withProgram = await startSelf(harness, "Ada", { company: "Fabrikam", vendorProgram: "true" });
    expect(cardText(withProgram.firstArea as CardJson)).toContain(`Area 1 of ${AREAS.length}`);
    const summary = await harness.answerAll(withProgram.speaker, withProgram.firstArea, () => "proactive");
    expect(cardText(summary)).toMatch(/Readiness and certifications\nProactive/);
  });

  it("lets the first person of an organisation name its company; the next assessment says who it answers for and keeps the vendor program", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness, "Ada", { company: "  Fabrikam   Ltd ", vendorProgram: "true" });
    await harness.answerAll(speaker, firstArea, () => "basic");
    expect((await harness.repositories.companies.get("tenant-1"))?.data).toMatchObject({ name: "Fabrikam Ltd", tenantId: "tenant-1", formalVendorProgram: true });
    const nextCompanyCard = cardOf(await harness.say(speaker, "assess")) as CardJson;
    expect(inputOf(nextCompanyCard, "company")).toBeUndefined();
    expect(cardText(nextCompanyCard)).toContain("You answer for **Fabrikam Ltd**");
    expect(inputOf(nextCompanyCard, "vendorProgram")?.value).toBe("true");
  });

  it("a colleague of the same organisation answers for the company the first person named, and cannot rename it from the card", async () => {
    const harness = await ConversationHarness.open();
    await startSelf(harness, "Ada", { company: "Fabrikam", vendorProgram: "false" });
    const bo = harness.person("Bo");
    const companyCard = cardOf(await harness.say(bo, "assess")) as CardJson;
    expect(inputOf(companyCard, "company")).toBeUndefined();
    expect(cardText(companyCard)).toContain("You answer for **Fabrikam**");
    const firstArea = cardOf(await harness.press(bo, companyCard, "Start", { company: "Northwind", vendorProgram: "false" })) as CardJson;
    expect(cardText(firstArea)).toContain("Area 1 of 9");
    expect((await harness.repositories.people.getDraft(bo.person, "self", ""))?.data.rater).toEqual({ companyId: "tenant-1", companyName: "Fabrikam" });
    expect((await harness.repositories.companies.get("tenant-1"))?.data.name).toBe("Fabrikam");
  });

  it("refuses a company name that is empty, or only invisible characters, with a sentence, and starts nothing", async () => {
    const harness = await ConversationHarness.open();
    const speaker = harness.person("Ada");
    const companyCard = cardOf(await harness.say(speaker, "assess"));
    for (const company of ["   ", "\u200b\u2060\u0007"]) {
      const outcome = await harness.press(speaker, companyCard, "Start", { company, vendorProgram: "false" });
      expect(outcome.notice).toBe("Type your company's name, e.g. Fabrikam.");
    }
    expect((await harness.press(speaker, companyCard, "Start", { company: "x".repeat(101), vendorProgram: "false" })).notice).toBe("Keep the company's name to 100 characters or fewer.");
    expect(await harness.repositories.people.getDraft(speaker.person, "self", "")).toBeUndefined();
    expect(await harness.repositories.companies.get("tenant-1")).toBeUndefined();
  });

  it("tells a guest to use the app from their own organisation, and stores nothing", async () => {
    const harness = await ConversationHarness.open();
    const guest = harness.person("Gus");
    harness.organisations.set(guest.person.userId, { kind: "guest", hostTenantId: "tenant-1" });
    const outcome = await harness.say(guest, "assess");
    expect(textOf(outcome)).toContain("signed in to this organisation as a guest");
    expect(await harness.repositories.companies.get("tenant-1")).toBeUndefined();
  });
});

describe("answering area by area", () => {
  it("stores every answer the moment it is given", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    await harness.press(speaker, firstArea, "Next", { stage: "reactive" });
    const draft = await harness.repositories.people.getDraft(speaker.person, "self", "");
    expect(draft?.data.answers).toEqual({ "joint-business-planning": "reactive" });
  });

  it("goes back to the previous area with the earlier answer selected", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    const second = cardOf(await harness.press(speaker, firstArea, "Next", { stage: "dynamic" }));
    const backToFirst = cardOf(await harness.press(speaker, second, "Back")) as CardJson;
    expect(cardText(backToFirst)).toContain(AREAS[0]?.name);
    expect(inputOf(backToFirst, "stage")?.value).toBe("dynamic");
  });

  it("after going back, continues at the first area still unanswered", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    let card = firstArea;
    for (const stage of ["basic", "basic", "basic"]) card = cardOf(await harness.press(speaker, card, "Next", { stage }));
    const third = cardOf(await harness.press(speaker, card, "Back"));
    const next = cardOf(await harness.press(speaker, third, "Next", { stage: "dynamic" })) as CardJson;
    expect(cardText(next)).toContain(AREAS[3]?.name);
  });

  it("resumes at the first unanswered area when the person types assess again", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    const second = cardOf(await harness.press(speaker, firstArea, "Next", { stage: "basic" }));
    const saved = cardOf(await harness.press(speaker, second, "Save for later")) as CardJson;
    expect(cardText(saved)).toContain("1 of 9 areas answered");
    const resumed = cardOf(await harness.say(speaker, "assess")) as CardJson;
    expect(cardText(resumed)).toContain("Welcome back to your assessment: 1 of 9 areas answered");
    expect(cardText(resumed)).toContain(AREAS[1]?.name);
  });

  it("resumes a run with nothing answered yet at its first area, without offering to start over", async () => {
    const harness = await ConversationHarness.open();
    const { speaker } = await startSelf(harness);
    const resumed = cardOf(await harness.say(speaker, "assess")) as CardJson;
    expect(cardText(resumed)).toContain(`Welcome back to your assessment. Continuing at ${AREAS[0]?.name}.`);
    expect(buttonsOn(resumed).map((button) => button.title)).not.toContain("Start over");
  });

  it("keeps the sentence picked on the card when the person saves for later", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    const second = cardOf(await harness.press(speaker, firstArea, "Next", { stage: "basic" }));
    const saved = cardOf(await harness.press(speaker, second, "Save for later", { stage: "proactive" })) as CardJson;
    expect(cardText(saved)).toContain("2 of 9 areas answered");
    expect((await harness.repositories.people.getDraft(speaker.person, "self", ""))?.data.answers).toEqual({ "joint-business-planning": "basic", pipeline: "proactive" });
    const resumed = cardOf(await harness.say(speaker, "assess")) as CardJson;
    expect(cardText(resumed)).toContain(AREAS[2]?.name);
  });

  it("starts over only when the person confirms; 'Keep my answers' keeps them", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    await harness.press(speaker, firstArea, "Next", { stage: "basic" });
    const resumed = cardOf(await harness.say(speaker, "assess"));
    const confirm = cardOf(await harness.press(speaker, resumed, "Start over")) as CardJson;
    expect(cardText(confirm)).toContain("Starting over clears the 1 answer");
    expect((await harness.repositories.people.getDraft(speaker.person, "self", ""))?.data.answers).toEqual({ "joint-business-planning": "basic" });
    const kept = cardOf(await harness.press(speaker, confirm, "Keep my answers")) as CardJson;
    expect(cardText(kept)).toContain(AREAS[1]?.name);
    const restarted = cardOf(await harness.press(speaker, confirm, "Start over", { company: "Fabrikam", vendorProgram: "false" })) as CardJson;
    expect(cardText(restarted)).toContain("Area 1 of 9 · 0 answered");
    expect((await harness.repositories.people.getDraft(speaker.person, "self", ""))?.data.answers).toEqual({});
  });

  it("tells the person, and overwrites nothing, when the assessment changed between reading and saving", async () => {
    const inner = new MemoryTableStoreFactory();
    const racing = new RacingFactory(inner);
    const harness = await ConversationHarness.open(racing);
    const { speaker, firstArea } = await startSelf(harness);
    racing.changeBeforeNextReplace = true;
    const outcome = await harness.press(speaker, firstArea, "Next", { stage: "dynamic" });
    expect(cardText(cardOf(outcome) as CardJson)).toContain("Your assessment changed somewhere else");
    const stored = await harness.repositories.people.getDraft(speaker.person, "self", "");
    expect(stored?.data.answers["joint-business-planning"]).toBe("basic");
  });
});

describe("the summary", () => {
  it("shows the stage per area, the overall stage and the three weakest areas with next steps", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    const summary = await harness.answerAll(speaker, firstArea, (step) => STAGES_IN_TURN[step % 4] as string);
    const text = cardText(summary);
    expect(text).toContain("Your partnering maturity");
    expect(text).toContain("Overall stage: **Reactive**. Your areas average 2.33");
    expect(text).toContain("Work on these next");
    expect(text).toContain(AREAS[0]?.nextSteps.basic[0]);
    expect(text).toContain("Not applicable (no formal vendor program)");
  });

  it("changes one answer from the summary and comes back to the summary", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    const summary = await harness.answerAll(speaker, firstArea, () => "basic");
    const edit = cardOf(await harness.press(speaker, summary, "Change this answer", { area: "leads" })) as CardJson;
    expect(cardText(edit)).toContain("Leads");
    expect(inputOf(edit, "stage")?.value).toBe("basic");
    const after = cardOf(await harness.press(speaker, edit, "Save change", { stage: "dynamic" })) as CardJson;
    expect(cardText(after)).toContain("Changed Leads to Dynamic.");
    expect(cardText(after)).toMatch(/Leads\nDynamic/);
    expect((await harness.repositories.people.getDraft(speaker.person, "self", ""))?.data.answers.leads).toBe("dynamic");
  });

  it("keeps the latest result for `results` while a new assessment is under way", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    await harness.answerAll(speaker, firstArea, () => "proactive");
    const companyCard = cardOf(await harness.say(speaker, "assess"));
    await harness.press(speaker, companyCard, "Start", { vendorProgram: "false" });
    const results = cardOf(await harness.say(speaker, "results")) as CardJson;
    expect(cardText(results)).toContain("You have an assessment in progress: 0 of 9 areas answered");
    expect(cardText(results)).toContain("Overall stage: **Proactive**");
  });

  it("says plainly when there are no results yet", async () => {
    const harness = await ConversationHarness.open();
    expect(textOf(await harness.say(harness.person("Ada"), "results"))).toContain("You have no results yet. Type assess");
  });
});

describe("recording finished assessments in circles", () => {
  /** Ada's organisation is tenant-1; she names its company Fabrikam when she first assesses. */
  const fabrikam = { companyId: "tenant-1", companyName: "Fabrikam" };
  const contoso = { companyId: "tenant-contoso", companyName: "Contoso" };
  const northwind = { companyId: "tenant-northwind", companyName: "Northwind" };

  it("records a self-assessment in each circle where the company is a member, not where it left", async () => {
    const harness = await ConversationHarness.open();
    const ada = harness.person("Ada");
    await harness.addCircle("nordic", [{ company: fabrikam, people: [ada.person] }]);
    await harness.addCircle("old", [{ company: fabrikam, people: [ada.person] }]);
    // The circle says Fabrikam left, while the company's index row is still there: the circle is the truth.
    const old = await harness.repositories.circles.getMember("old", "tenant-1");
    const circles = await harness.factory.table(TABLES.circles);
    await circles.replace(old!.partitionKey, old!.rowKey, { ...old!.data, status: "left" }, old!.etag);
    const { speaker, firstArea } = await startSelf(harness);
    const summary = await harness.answerAll(speaker, firstArea, () => "reactive");
    expect(cardText(summary)).toContain("Shared with your circle of trust: Circle nordic.");
    expect((await harness.repositories.circles.listAssessments("nordic")).map((row) => row.data.subject.companyId)).toEqual(["tenant-1"]);
    expect(await harness.repositories.circles.listAssessments("old")).toEqual([]);
  });

  it("counts a partner rating only in circles where both companies are members", async () => {
    const harness = await ConversationHarness.open();
    const ada = harness.person("Ada");
    await harness.addCircle("both", [{ company: fabrikam, people: [ada.person] }, { company: contoso, people: [] }]);
    await harness.addCircle("without-contoso", [{ company: fabrikam, people: [ada.person] }, { company: northwind, people: [] }]);
    await startSelf(harness);
    const companyCard = cardOf(await harness.say(ada, "assess Contoso"));
    const firstArea = cardOf(await harness.press(ada, companyCard, "Start", { vendorProgram: "false" }));
    const verdict = await harness.answerAll(ada, firstArea, () => "proactive");
    expect(cardText(verdict)).toContain("Is Contoso partner-friendly?");
    expect(cardText(verdict)).toContain("Partner-friendly");
    expect((await harness.repositories.circles.listAssessments("both")).map((row) => row.data.subject.companyId)).toEqual(["tenant-contoso"]);
    expect(await harness.repositories.circles.listAssessments("without-contoso")).toEqual([]);
  });
});

describe("rating a partner", () => {
  it("refuses to rate the person's own company as a partner", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    await harness.press(speaker, firstArea, "Next", { stage: "basic" });
    const outcome = await harness.say(speaker, "assess fabrikam");
    expect(textOf(outcome)).toContain("Fabrikam is your own company");
  });

  it("asks the person to name their company first when their organisation has none yet", async () => {
    const harness = await ConversationHarness.open();
    const ada = harness.person("Ada");
    expect(textOf(await harness.say(ada, "assess Contoso"))).toContain("Your organisation has no company name in Partnering Maturity yet");
  });

  it("offers the companies of the person's circles to choose from when `assess <partner company>` comes straight from the command menu", async () => {
    const harness = await ConversationHarness.open();
    const { speaker: ada } = await startSelf(harness);
    await harness.addCircle("both", [
      { company: { companyId: "tenant-1", companyName: "Fabrikam" }, people: [ada.person] },
      { company: { companyId: "tenant-contoso", companyName: "Contoso" }, people: [] },
    ]);
    const choice = cardOf(await harness.say(ada, "assess <partner company>")) as CardJson;
    expect(cardText(choice)).toContain("Rate Contoso");
    expect(cardText(choice)).not.toContain("Rate Fabrikam");
    const chosen = (choice.body.find((node) => node.type === "ActionSet")?.actions as { title: string; data: Record<string, unknown> }[]).find((action) => action.title === "Rate Contoso");
    const companyCard = cardOf(await harness.send(ada, chosen?.data)) as CardJson;
    expect(cardText(companyCard)).toContain("Rate Contoso");
    expect(cardText(companyCard)).not.toContain("stays with you");
  });

  it("rates a company outside every circle by its typed name, privately", async () => {
    const harness = await ConversationHarness.open();
    const { speaker: ada } = await startSelf(harness);
    const companyCard = cardOf(await harness.say(ada, "assess Wide World")) as CardJson;
    expect(cardText(companyCard)).toContain("Wide World is not in any of your company's circles, so this rating stays with you");
    const firstArea = cardOf(await harness.press(ada, companyCard, "Start", { vendorProgram: "false" }));
    await harness.answerAll(ada, firstArea, () => "basic");
    expect((await harness.repositories.people.listDrafts(ada.person)).map((row) => row.data.subject.companyId)).toContain("named:wide world");
  });

  it("refuses a forged start card naming a company the person shares no circle with", async () => {
    const harness = await ConversationHarness.open();
    const { speaker: ada } = await startSelf(harness);
    const outcome = await harness.send(ada, { verb: "start", for: ada.person.userId, kind: "partner", subject: "tenant-stranger", subjectName: "Stranger Inc" });
    expect(outcome.notice).toContain("no longer in any of your company's circles");
    expect(await harness.repositories.people.getDraft(ada.person, "partner", "tenant-stranger")).toBeUndefined();
  });
});

describe("refused presses change nothing", () => {
  it("refuses 'does not apply' for an area that applies to every company", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    expect(choicesOf(firstArea as CardJson, "stage")).not.toContain(NOT_APPLICABLE);
    const outcome = await harness.press(speaker, firstArea, "Next", { stage: NOT_APPLICABLE });
    expect(outcome.notice).toContain("applies to every company");
    expect((await harness.repositories.people.getDraft(speaker.person, "self", ""))?.data.answers).toEqual({});
    expect(harness.logs.at(-1)).toMatchObject({ level: "warn", details: { refusal: "not-applicable-refused" } });
  });

  it("refuses Back and 'Save for later' from an area card of a finished assessment", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    const second = cardOf(await harness.press(speaker, firstArea, "Next", { stage: "basic" }));
    await harness.answerAll(speaker, second, () => "basic");
    const before = await harness.repositories.people.getDraft(speaker.person, "self", "");
    expect((await harness.press(speaker, second, "Back")).notice).toContain("You already finished this assessment");
    expect((await harness.press(speaker, second, "Save for later")).notice).toContain("You already finished this assessment");
    expect(await harness.repositories.people.getDraft(speaker.person, "self", "")).toEqual(before);
  });

  it("never writes answers to the log", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    await harness.answerAll(speaker, firstArea, () => "dynamic");
    expect(JSON.stringify(harness.logs)).not.toMatch(/dynamic|answers/);
  });
});

/** Changes the draft behind the bot's back between its read and its write, like a second device would. */
class RacingFactory implements TableStoreFactory {
  changeBeforeNextReplace = false;

  constructor(private readonly inner: TableStoreFactory) {}

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  async table(name: string): Promise<TableStore> {
    const table = await this.inner.table(name);
    const factory = this;
    return new Proxy(table, {
      get(target, property, receiver) {
        if (property !== "replace") return Reflect.get(target, property, receiver);
        return async (partitionKey: string, rowKey: string, data: Record<string, unknown>, etag: string) => {
          if (factory.changeBeforeNextReplace) {
            factory.changeBeforeNextReplace = false;
            await target.replace(partitionKey, rowKey, { ...data, answers: { "joint-business-planning": "basic" } }, etag);
          }
          return target.replace(partitionKey, rowKey, data, etag);
        };
      },
    });
  }
}
