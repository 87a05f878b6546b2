import { describe, expect, it } from "vitest";
import { openRepositories, type ConversationRecord } from "../../storage/index.js";
import { STORE_KINDS } from "../support/stores.js";

function reference(conversationId: string, conversationType: ConversationRecord["conversationType"] = "personal"): ConversationRecord {
  return {
    conversationId,
    conversationType,
    tenantId: "tenant-1",
    serviceUrl: "http://127.0.0.1:1/",
    reference: { conversation: { id: conversationId } },
    ...(conversationType === "personal" ? { person: { tenantId: "tenant-1", userId: "aad-ada" } } : {}),
    active: true,
    installedAt: "2026-11-02T09:00:00.000Z",
    updatedAt: "2026-11-02T09:00:00.000Z",
  };
}

describe.each(STORE_KINDS)("saving conversation references on install — $kind", ({ create }) => {
  it("welcomes once when Teams sends its two install events at the same moment", async () => {
    const { conversations } = await openRepositories(create());
    const results = await Promise.all([conversations.activate(reference("a:1")), conversations.activate(reference("a:1"))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await conversations.get("a:1"))?.data.active).toBe(true);
  });

  it("welcomes again after the app was removed, and keeps the personal chat findable", async () => {
    const { conversations } = await openRepositories(create());
    expect(await conversations.activate(reference("a:2"))).toBe(true);
    expect(await conversations.activate(reference("a:2"))).toBe(false);
    await conversations.deactivate("a:2", "app uninstalled", new Date("2026-11-03T00:00:00Z"));
    expect(await conversations.activate({ ...reference("a:2"), installedAt: "2026-11-04T00:00:00.000Z" })).toBe(true);
    const chat = await conversations.getPersonalChat("tenant-1", "aad-ada");
    expect(chat?.data).toMatchObject({ conversationId: "a:2", active: true, installedAt: "2026-11-04T00:00:00.000Z" });
  });

  it("keeps the person's latest finished result apart from the assessment in progress", async () => {
    const { people } = await openRepositories(create());
    const person = { tenantId: "tenant-1", userId: "aad-ada" };
    const company = { companyId: "fabrikam", companyName: "Fabrikam" };
    const result = { assessmentId: "run-1", cycle: "2026-Q4", rater: company, subject: company, ratedBy: person, formalVendorProgram: false, answers: { pipeline: "basic" as const }, completedAt: "2026-11-02T09:00:00.000Z" };
    await people.saveLatestSelfResult(person, result);
    expect((await people.getLatestSelfResult(person))?.data).toEqual(result);
    expect(await people.listDrafts(person)).toEqual([]);
  });
});
