import { describe, expect, it } from "vitest";
import { AREAS } from "../../core/model/index.js";
import { countingFactory } from "../../storage/counting.js";
import { MemoryTableStoreFactory } from "../../storage/memory/memory-table-store.js";
import { ConversationHarness, cardOf } from "./support/conversation.js";
import { cardText, type CardJson } from "./support/teams.js";

async function startOn(harness: ConversationHarness, name = "Ada") {
  const speaker = harness.person(name);
  const companyCard = cardOf(await harness.say(speaker, "assess"));
  const firstArea = cardOf(await harness.press(speaker, companyCard, "Start", { company: "Fabrikam", vendorProgram: "false" })) as CardJson;
  return { speaker, firstArea };
}

describe("answering on a server that remembers the drafts it saved", () => {
  it("costs one storage round trip per answer once the draft is known", async () => {
    const storage = countingFactory(new MemoryTableStoreFactory());
    const harness = await ConversationHarness.open(storage, { draftCache: true });
    const { speaker, firstArea } = await startOn(harness);
    const second = cardOf(await harness.press(speaker, firstArea, "Next", { stage: "reactive" })) as CardJson;
    storage.reset();
    const third = cardOf(await harness.press(speaker, second, "Next", { stage: "proactive" })) as CardJson;
    expect(storage.requests).toBe(1);
    expect(cardText(third)).toContain(AREAS[2]?.name);
    const stored = await harness.repositories.people.getDraft(speaker.person, "self", "");
    expect(stored?.data.answers).toEqual({ "joint-business-planning": "reactive", pipeline: "proactive" });
  });

  it("loses no answer when another server instance changed the draft meanwhile", async () => {
    const first = await ConversationHarness.open(new MemoryTableStoreFactory(), { draftCache: true });
    const second = first.anotherInstance();
    const { speaker, firstArea } = await startOn(first);
    const areaTwo = cardOf(await first.press(speaker, firstArea, "Next", { stage: "basic" })) as CardJson;
    const areaThree = cardOf(await second.press(speaker, areaTwo, "Next", { stage: "reactive" })) as CardJson;
    // The first instance still remembers the draft before area 2 was answered; its answer must not overwrite it.
    const outcome = await first.press(speaker, areaThree, "Next", { stage: "dynamic" });
    expect(cardText(cardOf(outcome) as CardJson)).toContain(AREAS[3]?.name);
    const stored = await first.repositories.people.getDraft(speaker.person, "self", "");
    expect(stored?.data.answers).toEqual({ "joint-business-planning": "basic", pipeline: "reactive", agreement: "dynamic" });
  });

  it("still refuses a card from an earlier run after another instance started over", async () => {
    const first = await ConversationHarness.open(new MemoryTableStoreFactory(), { draftCache: true });
    const second = first.anotherInstance();
    const { speaker, firstArea } = await startOn(first);
    const areaTwo = cardOf(await first.press(speaker, firstArea, "Next", { stage: "basic" })) as CardJson;
    const resumed = cardOf(await second.say(speaker, "assess"));
    const confirm = cardOf(await second.press(speaker, resumed, "Start over")) as CardJson;
    await second.press(speaker, confirm, "Start over", { company: "Fabrikam", vendorProgram: "false" });
    const before = await first.repositories.people.getDraft(speaker.person, "self", "");

    const outcome = await first.press(speaker, areaTwo, "Next", { stage: "dynamic" });
    expect(outcome.notice).toMatch(/earlier run/);
    const after = await first.repositories.people.getDraft(speaker.person, "self", "");
    expect(after?.etag).toBe(before?.etag);
    expect(after?.data.answers).toEqual({});
  });
});
