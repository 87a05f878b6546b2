import { describe, expect, it } from "vitest";
import { AREAS, NOT_APPLICABLE } from "../../core/model/index.js";
import { type TableStore, type TableStoreFactory } from "../../storage/index.js";
import { TABLES } from "../../storage/partitions.js";
import { MemoryTableStoreFactory } from "../../storage/memory/memory-table-store.js";
import { ConversationHarness, cardOf, textOf } from "./support/conversation.js";
import { cardText, choicesOf, inputOf, type CardJson } from "./support/teams.js";

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

  it("remembers the person's company and vendor program for the next assessment", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness, "Ada", { company: "  Fabrikam   Ltd ", vendorProgram: "true" });
    await harness.answerAll(speaker, firstArea, () => "basic");
    const nextCompanyCard = cardOf(await harness.say(speaker, "assess")) as CardJson;
    expect(inputOf(nextCompanyCard, "company")?.value).toBe("Fabrikam Ltd");
    expect(inputOf(nextCompanyCard, "vendorProgram")?.value).toBe("true");
  });

  it("suggests the company a circle already knows the person by, before their first assessment", async () => {
    const harness = await ConversationHarness.open();
    const speaker = harness.person("Ada");
    await harness.addCircle("nordic", [{ company: { companyId: "fabrikam", companyName: "Fabrikam" }, people: [speaker.person] }]);
    const companyCard = cardOf(await harness.say(speaker, "assess")) as CardJson;
    expect(inputOf(companyCard, "company")?.value).toBe("Fabrikam");
  });

  it("refuses an empty company name with a sentence and starts nothing", async () => {
    const harness = await ConversationHarness.open();
    const speaker = harness.person("Ada");
    const companyCard = cardOf(await harness.say(speaker, "assess"));
    const outcome = await harness.press(speaker, companyCard, "Start", { company: "   ", vendorProgram: "false" });
    expect(outcome.notice).toBe("Type your company's name.");
    expect(await harness.repositories.people.getDraft(speaker.person, "self", "")).toBeUndefined();
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
    const saved = cardOf(await harness.press(speaker, second, "Save and continue later")) as CardJson;
    expect(cardText(saved)).toContain("1 of 9 areas answered");
    const resumed = cardOf(await harness.say(speaker, "assess")) as CardJson;
    expect(cardText(resumed)).toContain("Welcome back: 1 of 9 areas answered");
    expect(cardText(resumed)).toContain(AREAS[1]?.name);
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
    expect(text).toMatch(/Overall: \*\*Reactive\*\* \(2\.33 of 4\)/);
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
    await harness.press(speaker, companyCard, "Start", { company: "Fabrikam", vendorProgram: "false" });
    const results = cardOf(await harness.say(speaker, "results")) as CardJson;
    expect(cardText(results)).toContain("You have an assessment in progress: 0 of 9 areas answered");
    expect(cardText(results)).toMatch(/Overall: \*\*Proactive\*\*/);
  });

  it("says plainly when there are no results yet", async () => {
    const harness = await ConversationHarness.open();
    expect(textOf(await harness.say(harness.person("Ada"), "results"))).toContain("You have no results yet. Type assess");
  });
});

describe("recording finished assessments in circles", () => {
  const fabrikam = { companyId: "fabrikam", companyName: "Fabrikam" };
  const contoso = { companyId: "contoso", companyName: "Contoso" };
  const northwind = { companyId: "northwind", companyName: "Northwind" };

  it("records a self-assessment in each circle where the company is a member, not where it left", async () => {
    const harness = await ConversationHarness.open();
    const ada = harness.person("Ada");
    await harness.addCircle("nordic", [{ company: fabrikam, people: [ada.person] }]);
    await harness.addCircle("old", [{ company: fabrikam, people: [ada.person] }]);
    // The circle says Fabrikam left, while the index row in Ada's partition is still there: the circle is the truth.
    const old = await harness.repositories.circles.getMember("old", "fabrikam");
    const circles = await harness.factory.table(TABLES.circles);
    await circles.replace(old!.partitionKey, old!.rowKey, { ...old!.data, status: "left" }, old!.etag);
    const { speaker, firstArea } = await startSelf(harness);
    const summary = await harness.answerAll(speaker, firstArea, () => "reactive");
    expect(cardText(summary)).toContain("Shared with your circle of trust: Circle nordic.");
    expect((await harness.repositories.circles.listAssessments("nordic")).map((row) => row.data.subject.companyId)).toEqual(["fabrikam"]);
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
    expect((await harness.repositories.circles.listAssessments("both")).map((row) => row.data.subject.companyId)).toEqual(["contoso"]);
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

  it("asks the rater's own company when it is not known yet", async () => {
    const harness = await ConversationHarness.open();
    const ada = harness.person("Ada");
    const companyCard = cardOf(await harness.say(ada, "assess Contoso")) as CardJson;
    expect(inputOf(companyCard, "company")).toBeDefined();
    expect(cardText(companyCard)).toContain("Rate Contoso");
  });

  it("asks which company when `assess <partner company>` comes straight from the command menu", async () => {
    const harness = await ConversationHarness.open();
    const ada = harness.person("Ada");
    const ask = cardOf(await harness.say(ada, "assess <partner company>"));
    const companyCard = cardOf(await harness.press(ada, ask, "Rate this partner", { partner: "Contoso" })) as CardJson;
    expect(cardText(companyCard)).toContain("Rate Contoso");
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

  it("refuses Back and 'Save and continue later' from an area card of a finished assessment", async () => {
    const harness = await ConversationHarness.open();
    const { speaker, firstArea } = await startSelf(harness);
    const second = cardOf(await harness.press(speaker, firstArea, "Next", { stage: "basic" }));
    await harness.answerAll(speaker, second, () => "basic");
    const before = await harness.repositories.people.getDraft(speaker.person, "self", "");
    expect((await harness.press(speaker, second, "Back")).notice).toContain("You already finished this assessment");
    expect((await harness.press(speaker, second, "Save and continue later")).notice).toContain("You already finished this assessment");
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
