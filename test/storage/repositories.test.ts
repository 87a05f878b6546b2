import { describe, expect, it } from "vitest";
import { companyRef } from "../../core/companies.js";
import { openRepositories, type AssessmentRecord, type CircleRecord, type DraftRecord, type MemberRecord, type PersonRef } from "../../storage/index.js";
import { ConcurrencyError, EntityExistsError } from "../../storage/table-store.js";
import { STORE_KINDS } from "../support/stores.js";

const tenantId = "tenant-1";
const alice: PersonRef = { tenantId, userId: "29:alice", aadObjectId: "aad-alice", name: "Alice" };
const bob: PersonRef = { tenantId, userId: "29:bob", aadObjectId: "aad-bob", name: "Bob" };
const contoso = companyRef("Contoso / West #1?");
const fabrikam = companyRef("Fabrikam");

function circle(circleId: string): CircleRecord {
  return { circleId, tenantId, name: "Northwest Alliance", createdAt: "2026-11-01T00:00:00.000Z", createdBy: alice };
}

function member(circleId: string, company: typeof contoso, people: PersonRef[], status: MemberRecord["status"] = "member"): MemberRecord {
  return { circleId, company, status, people, invitedAt: "2026-11-01T00:00:00.000Z" };
}

function assessment(cycle: string, rater: typeof contoso, subject: typeof contoso): AssessmentRecord {
  return {
    assessmentId: `${cycle}-${rater.companyId}-${subject.companyId}`,
    cycle,
    rater,
    subject,
    ratedBy: alice,
    formalVendorProgram: false,
    answers: { "joint-business-planning": "proactive", pipeline: "reactive" },
    completedAt: "2026-11-02T00:00:00.000Z",
  };
}

describe.each(STORE_KINDS)("repositories — $kind", ({ create }) => {
  it("reads a whole circle — members, assessments in cycle order, other rows — in one partition query", async () => {
    const { circles } = await openRepositories(create());
    await circles.create(circle("c1"), [member("c1", contoso, [alice])]);
    const saved = await circles.get("c1");
    await circles.saveMember(saved!.data, member("c1", fabrikam, [bob]));
    await circles.recordAssessment(["c1"], assessment("2026-Q4", contoso, contoso));
    await circles.recordAssessment(["c1"], assessment("2026-Q3", fabrikam, fabrikam));
    await circles.recordAssessment(["c1"], assessment("2026-Q3", contoso, fabrikam));

    const snapshot = await circles.snapshot("c1");
    expect(snapshot?.circle.data.name).toBe("Northwest Alliance");
    expect(snapshot?.members.map((row) => row.data.company.companyName).sort()).toEqual(["Contoso / West #1?", "Fabrikam"]);
    expect(snapshot?.assessments.map((row) => row.data.cycle)).toEqual(["2026-Q3", "2026-Q3", "2026-Q4"]);
    expect(snapshot?.otherRows.size).toBe(0);
    expect(await circles.snapshot("no-such-circle")).toBeUndefined();
  });

  it("retaking an assessment in the same cycle replaces the earlier one instead of counting twice", async () => {
    const { circles } = await openRepositories(create());
    await circles.create(circle("c1"), [member("c1", contoso, [alice])]);
    await circles.recordAssessment(["c1"], assessment("2026-Q4", contoso, contoso));
    await circles.recordAssessment(["c1"], { ...assessment("2026-Q4", contoso, contoso), answers: { pipeline: "dynamic" } });
    const rows = await circles.listAssessments("c1");
    expect(rows.length).toBe(1);
    expect(rows[0]?.data.answers).toEqual({ pipeline: "dynamic" });
  });

  it("lists a person's circles only while their company is a member", async () => {
    const { circles } = await openRepositories(create());
    await circles.create(circle("c1"), [member("c1", contoso, [alice])]);
    await circles.create({ ...circle("c2"), name: "Golden Circle" }, [member("c2", contoso, [alice])]);
    expect((await circles.listForPerson(alice)).map((entry) => entry.circleName).sort()).toEqual(["Golden Circle", "Northwest Alliance"]);
    expect(await circles.listForPerson(bob)).toEqual([]);

    const c1 = (await circles.get("c1"))!.data;
    const invited = member("c1", fabrikam, [bob], "invited");
    const etag = await circles.saveMember(c1, invited);
    expect(await circles.listForPerson(bob)).toEqual([]);
    await circles.saveMember(c1, { ...invited, status: "member", joinedAt: "2026-11-03T00:00:00.000Z" }, etag);
    expect((await circles.listForPerson(bob)).map((entry) => entry.circleId)).toEqual(["c1"]);

    const contosoRow = (await circles.getMember("c1", contoso.companyId))!;
    await circles.saveMember(c1, { ...contosoRow.data, status: "left" }, contosoRow.etag);
    expect((await circles.listForPerson(alice)).map((entry) => entry.circleId)).toEqual(["c2"]);
  });

  it("refuses to create a circle twice and keeps the first", async () => {
    const { circles } = await openRepositories(create());
    await circles.create(circle("c1"), [member("c1", contoso, [alice])]);
    await expect(circles.create({ ...circle("c1"), name: "Impostor" }, [])).rejects.toThrow();
    expect((await circles.get("c1"))?.data.name).toBe("Northwest Alliance");
  });

  it("keeps a draft safe when two answers race: the second writer is told its copy is stale", async () => {
    const { people } = await openRepositories(create());
    const draft: DraftRecord = {
      runId: "run-1",
      kind: "self",
      person: alice,
      rater: contoso,
      subject: contoso,
      formalVendorProgram: false,
      answers: {},
      status: "in-progress",
      startedAt: "2026-11-01T00:00:00.000Z",
      updatedAt: "2026-11-01T00:00:00.000Z",
    };
    await people.saveDraft(draft);
    await expect(people.saveDraft(draft)).rejects.toBeInstanceOf(EntityExistsError);
    const read = (await people.getDraft(alice, "self", contoso.companyId))!;
    await people.saveDraft({ ...draft, answers: { pipeline: "basic" } }, read.etag);
    await expect(people.saveDraft({ ...draft, answers: { leads: "dynamic" } }, read.etag)).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await people.getDraft(alice, "self", contoso.companyId))?.data.answers).toEqual({ pipeline: "basic" });

    await people.saveDraft({ ...draft, kind: "partner", subject: fabrikam });
    expect((await people.listDrafts(alice)).map((row) => row.data.kind).sort()).toEqual(["partner", "self"]);
    expect(await people.listDrafts(bob)).toEqual([]);
  });

  it("keeps both of two profile changes made at the same moment", async () => {
    const { people } = await openRepositories(create());
    await people.saveProfile({ person: alice, updatedAt: "2026-11-01T00:00:00.000Z" });
    await Promise.all([
      people.updateProfile(alice, (current) => ({ ...(current ?? { person: alice }), personalReminders: true, updatedAt: "2026-11-02T00:00:00.000Z" })),
      people.updateProfile(alice, (current) => ({ ...(current ?? { person: alice }), company: contoso, updatedAt: "2026-11-02T00:00:00.000Z" })),
    ]);
    const stored = (await people.getProfile(alice))?.data;
    expect(stored?.personalReminders).toBe(true);
    expect(stored?.company).toEqual(contoso);
  });

  it("remembers a person's company", async () => {
    const { people } = await openRepositories(create());
    expect(await people.getProfile(alice)).toBeUndefined();
    await people.saveProfile({ person: alice, company: contoso, formalVendorProgram: true, updatedAt: "2026-11-01T00:00:00.000Z" });
    expect((await people.getProfile(alice))?.data.company).toEqual(contoso);
  });

  it("keeps conversation references for proactive messages and stops using a removed one", async () => {
    const { conversations } = await openRepositories(create());
    const now = new Date("2026-11-01T00:00:00.000Z");
    await conversations.save({
      conversationId: "a:1:personal/with#odd?chars",
      conversationType: "personal",
      tenantId,
      serviceUrl: "https://smba.trafficmanager.net/emea/",
      reference: { conversation: { id: "a:1:personal/with#odd?chars" } },
      person: alice,
      active: true,
      installedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    expect((await conversations.getPersonalChat(tenantId, alice.userId))?.data.conversationId).toBe("a:1:personal/with#odd?chars");
    expect(await conversations.deactivate("a:1:personal/with#odd?chars", "bot removed", now)).toBe(true);
    expect((await conversations.get("a:1:personal/with#odd?chars"))?.data.active).toBe(false);
    expect((await conversations.getPersonalChat(tenantId, alice.userId))?.data.active).toBe(false);
    expect(await conversations.deactivate("unknown", "bot removed", now)).toBe(false);
  });
});
