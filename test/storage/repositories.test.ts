import { describe, expect, it } from "vitest";
import { openRepositories, STORAGE_LAYOUT_VERSION, StorageLayoutError, type AssessmentRecord, type CircleRecord, type CompanyRef, type DraftRecord, type InvitationRecord, type MemberRecord, type PersonRef } from "../../storage/index.js";
import { circleKeys, layoutKeys, TABLES } from "../../storage/partitions.js";
import { ConcurrencyError, EntityExistsError, TransactionError } from "../../storage/table-store.js";
import { STORE_KINDS } from "../support/stores.js";

const tenantId = "tenant-contoso";
const alice: PersonRef = { tenantId, userId: "29:alice", aadObjectId: "aad-alice", name: "Alice" };
const bob: PersonRef = { tenantId: "tenant-fabrikam", userId: "29:bob", aadObjectId: "aad-bob", name: "Bob" };
const carol: PersonRef = { tenantId, userId: "29:carol", aadObjectId: "aad-carol", name: "Carol" };
const contoso: CompanyRef = { companyId: "tenant-contoso", companyName: "Contoso / West #1?" };
const fabrikam: CompanyRef = { companyId: "tenant-fabrikam", companyName: "Fabrikam" };

function circle(circleId: string): CircleRecord {
  return { circleId, name: "Northwest Alliance", createdAt: "2026-11-01T00:00:00.000Z", createdBy: alice, createdByCompany: contoso };
}

function member(circleId: string, company: CompanyRef, people: PersonRef[], status: MemberRecord["status"] = "member"): MemberRecord {
  return { circleId, company, status, people, joinedAt: "2026-11-01T00:00:00.000Z" };
}

function invitation(circleId: string, invitationId: string): InvitationRecord {
  return { invitationId, circleId, codeDigest: `digest-${invitationId}`, invitedAs: "Fabrikam", invitedBy: contoso, invitedByPerson: alice, status: "pending", createdAt: "2026-11-01T00:00:00.000Z", expiresAt: "2026-11-15T00:00:00.000Z" };
}

function assessment(cycle: string, rater: CompanyRef, subject: CompanyRef, ratedBy: PersonRef = alice): AssessmentRecord {
  return {
    assessmentId: `${cycle}-${rater.companyId}-${subject.companyId}`,
    cycle,
    rater,
    subject,
    ratedBy,
    formalVendorProgram: false,
    answers: { "joint-business-planning": "proactive", pipeline: "reactive" },
    completedAt: "2026-11-02T00:00:00.000Z",
  };
}

describe.each(STORE_KINDS)("repositories — $kind", ({ create }) => {
  it("reads a whole circle — members, assessments in cycle order, other rows — in one partition query", async () => {
    const { circles } = await openRepositories(create());
    await circles.create(circle("c1"), member("c1", contoso, [alice]));
    const saved = await circles.get("c1");
    await circles.saveMember(saved!.data, member("c1", fabrikam, [bob]));
    await circles.recordAssessment(["c1"], assessment("2026-Q4", contoso, contoso));
    await circles.recordAssessment(["c1"], assessment("2026-Q3", fabrikam, fabrikam, bob));
    await circles.recordAssessment(["c1"], assessment("2026-Q3", contoso, fabrikam));

    const snapshot = await circles.snapshot("c1");
    expect(snapshot?.circle.data.name).toBe("Northwest Alliance");
    expect(snapshot?.members.map((row) => row.data.company.companyName).sort()).toEqual(["Contoso / West #1?", "Fabrikam"]);
    expect(snapshot?.assessments.map((row) => row.data.cycle)).toEqual(["2026-Q3", "2026-Q3", "2026-Q4"]);
    expect(snapshot?.otherRows.size).toBe(0);
    expect(await circles.snapshot("no-such-circle")).toBeUndefined();
  });

  it("retaking an assessment in the same cycle replaces the person's earlier one; a colleague's answers are kept beside it", async () => {
    const { circles } = await openRepositories(create());
    await circles.create(circle("c1"), member("c1", contoso, [alice, carol]));
    await circles.recordAssessment(["c1"], assessment("2026-Q4", contoso, contoso));
    await circles.recordAssessment(["c1"], { ...assessment("2026-Q4", contoso, contoso), answers: { pipeline: "dynamic" } });
    await circles.recordAssessment(["c1"], assessment("2026-Q4", contoso, contoso, carol));
    const rows = await circles.listAssessments("c1");
    expect(rows.map((row) => [row.data.ratedBy.userId, row.data.answers.pipeline])).toEqual([
      ["29:alice", "dynamic"],
      ["29:carol", "reactive"],
    ]);
  });

  it("lists a company's circles from its index, following its member row", async () => {
    const { circles, companies } = await openRepositories(create());
    await circles.create(circle("c1"), member("c1", contoso, [alice]));
    await circles.create({ ...circle("c2"), name: "Golden Circle" }, member("c2", contoso, [alice]));
    expect((await companies.listCircles(contoso.companyId)).map((entry) => entry.circleName).sort()).toEqual(["Golden Circle", "Northwest Alliance"]);
    expect(await companies.listCircles(fabrikam.companyId)).toEqual([]);
    const c1 = (await circles.get("c1"))!.data;
    const contosoRow = (await circles.getMember("c1", contoso.companyId))!;
    await circles.saveMember(c1, { ...contosoRow.data, status: "left", leftAt: "2026-11-05T00:00:00.000Z" }, contosoRow.etag);
    expect((await companies.listCircles(contoso.companyId)).map((entry) => [entry.circleId, entry.status]).sort()).toEqual([
      ["c1", "left"],
      ["c2", "member"],
    ]);
  });

  it("finds an invitation by its code's digest, and uses it up together with the member row, once", async () => {
    const { circles, companies } = await openRepositories(create());
    await circles.create(circle("c1"), member("c1", contoso, [alice]));
    await circles.createInvitation(invitation("c1", "i1"));
    expect(await circles.findInvitationByCode("digest-i1")).toEqual({ circleId: "c1", invitationId: "i1" });
    expect(await circles.findInvitationByCode("digest-unknown")).toBeUndefined();
    const stored = (await circles.getInvitation("c1", "i1"))!;
    const c1 = (await circles.get("c1"))!.data;
    const joined = { ...member("c1", fabrikam, [bob]), invitedAs: "Fabrikam", invitationId: "i1" };
    await circles.redeemInvitation(c1, { ...stored, data: { ...stored.data, status: "used", usedBy: fabrikam } }, joined, undefined);
    await expect(circles.redeemInvitation(c1, { ...stored, data: { ...stored.data, status: "used", usedBy: contoso } }, member("c1", { companyId: "tenant-northwind", companyName: "Northwind" }, []), undefined)).rejects.toBeInstanceOf(TransactionError);
    expect((await circles.listMembers("c1")).map((row) => row.data.company.companyId).sort()).toEqual(["tenant-contoso", "tenant-fabrikam"]);
    expect((await circles.snapshot("c1"))?.invitations.map((row) => row.data.status)).toEqual(["used"]);
    expect((await companies.listCircles(fabrikam.companyId)).map((entry) => entry.circleId)).toEqual(["c1"]);
  });

  it("refuses a second company record for the same organisation", async () => {
    const { companies } = await openRepositories(create());
    const record = { companyId: "tenant-contoso", tenantId: "tenant-contoso", name: "Contoso", namedBy: alice, createdAt: "2026-11-01T00:00:00.000Z", updatedAt: "2026-11-01T00:00:00.000Z" };
    await companies.create(record);
    await expect(companies.create({ ...record, name: "Impostor" })).rejects.toBeInstanceOf(EntityExistsError);
    expect((await companies.get("tenant-contoso"))?.data.name).toBe("Contoso");
  });

  it("marks new storage with its layout, and refuses storage of the earlier name-keyed layout with a sentence saying what to do", async () => {
    const fresh = create();
    await openRepositories(fresh);
    const marker = await (await fresh.table(TABLES.circles)).get<{ version: number }>(layoutKeys.partition(), layoutKeys.row());
    expect(marker?.data.version).toBe(STORAGE_LAYOUT_VERSION);
    await openRepositories(fresh);

    const earlier = create();
    await (await earlier.table(TABLES.circles)).insert(circleKeys.partition("old-circle"), circleKeys.memberRow("contoso"), { company: { companyId: "contoso", companyName: "Contoso" } });
    const refusal = await openRepositories(earlier).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StorageLayoutError);
    expect((refusal as Error).message).toContain("delete the .data folder");
    expect((refusal as Error).message).toContain("TABLES_PREFIX");
    expect(await (await earlier.table(TABLES.circles)).get(layoutKeys.partition(), layoutKeys.row())).toBeUndefined();
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
      people.updateProfile(alice, (current) => ({ ...(current ?? { person: alice }), person: { ...alice, name: "Alice B." }, updatedAt: "2026-11-02T00:00:00.000Z" })),
    ]);
    const stored = (await people.getProfile(alice))?.data;
    expect(stored?.personalReminders).toBe(true);
    expect(stored?.person.name).toBe("Alice B.");
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
