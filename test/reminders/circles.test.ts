import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  actorFor,
  createAction,
  createCircle,
  inviteCompany,
  leaveCircle,
  linkChannel,
  listMyCircles,
  nameCompany,
  redeemInvitation,
  removeCompany,
  revokeInvitation,
  type Actor,
} from "../../circles/index.js";
import { handleReminderCardAction } from "../../reminders/card-actions.js";
import { userMessageOf } from "../../reminders/errors.js";
import { setRhythm, showRhythms } from "../../reminders/rhythms.js";
import { REMINDER_VERBS } from "../../reminders/verbs.js";
import { CHANNEL_ID, drain, goldenCircle, personOf, postsPerConversation, startWorld, tenantOf, weeklyRhythm, type World } from "./support.js";

async function messageOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return userMessageOf(error) ?? `unexpected: ${String(error)}`;
  }
  return undefined;
}

describe("circles of trust between organisations", () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
  });
  afterEach(() => world.close());

  it("a circle is created with a name, and the creator's organisation is its first member company", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const circle = await createCircle(world.context, ada, "  Golden   Circle ");
    expect(circle.name).toBe("Golden Circle");
    expect(await listMyCircles(world.context, ada.company.companyId)).toEqual([{ circleId: circle.circleId, name: "Golden Circle" }]);
    expect((await world.repositories.circles.getMember(circle.circleId, tenantOf("Contoso")))?.data.company).toEqual({ companyId: tenantOf("Contoso"), companyName: "Contoso" });
  });

  it("refuses a second circle of the same name among the company's circles", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    await createCircle(world.context, ada, "Golden Circle");
    expect(await messageOf(createCircle(world.context, ada, "golden circle"))).toBe('Your company is already in a circle called "golden circle". Give the new circle another name.');
    expect(await listMyCircles(world.context, ada.company.companyId)).toHaveLength(1);
    const eve = await personOf(world, "Northwind", "eve");
    expect((await createCircle(world.context, eve, "Golden Circle")).name).toBe("Golden Circle");
  });

  it("the invited organisation joins with the code, under its own name; the typed name is only a hint", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const bo = await personOf(world, "Fabrikam Ltd", "bo");
    const circle = await createCircle(world.context, ada, "Golden Circle");
    const { code, invitation } = await inviteCompany(world.context, ada, circle.circleId, "Fabrikam");
    expect(await listMyCircles(world.context, bo.company.companyId)).toEqual([]);
    expect(await messageOf(showRhythms(world.context, bo, circle.circleId))).toContain("Only member companies");
    const joined = await redeemInvitation(world.context, bo, code.toLowerCase());
    expect(joined.member).toMatchObject({ company: { companyId: tenantOf("Fabrikam Ltd"), companyName: "Fabrikam Ltd" }, status: "member", invitedAs: "Fabrikam", invitedBy: ada.company });
    expect((await listMyCircles(world.context, bo.company.companyId)).map((entry) => entry.name)).toEqual(["Golden Circle"]);
    expect((await world.repositories.circles.getInvitation(circle.circleId, invitation.invitationId))?.data).toMatchObject({ status: "used", usedBy: { companyId: tenantOf("Fabrikam Ltd") } });
    expect(JSON.stringify(await world.repositories.circles.snapshot(circle.circleId))).not.toContain(code);
  });

  it("a code is used up by the first organisation; the inviting company, members and later tries are refused and change nothing", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const bo = await personOf(world, "Fabrikam", "bo");
    const eve = await personOf(world, "Northwind", "eve");
    const circle = await createCircle(world.context, ada, "Golden Circle");
    const { code } = await inviteCompany(world.context, ada, circle.circleId, "Fabrikam");
    expect(await messageOf(redeemInvitation(world.context, ada, code))).toContain("A company cannot join with its own invitation");
    await redeemInvitation(world.context, bo, code);
    const before = await world.repositories.circles.snapshot(circle.circleId);
    expect(await messageOf(redeemInvitation(world.context, eve, code))).toContain("already been used");
    expect(await messageOf(redeemInvitation(world.context, bo, code))).toContain("already been used");
    expect(await messageOf(redeemInvitation(world.context, eve, "0000-0000-0000-0000-0000-0000-0000-0000"))).toContain("not an invitation code I know");
    expect(await messageOf(redeemInvitation(world.context, eve, "Fabrikam"))).toContain("not an invitation code I know");
    const after = await world.repositories.circles.snapshot(circle.circleId);
    expect(after?.members.map((row) => row.etag)).toEqual(before?.members.map((row) => row.etag));
    expect(after?.invitations.map((row) => row.etag)).toEqual(before?.invitations.map((row) => row.etag));
  });

  it("of two organisations redeeming one code at the same moment, exactly one joins", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const bo = await personOf(world, "Fabrikam", "bo");
    const eve = await personOf(world, "Northwind", "eve");
    const circle = await createCircle(world.context, ada, "Golden Circle");
    const { code } = await inviteCompany(world.context, ada, circle.circleId, "Fabrikam");
    const results = await Promise.allSettled([redeemInvitation(world.context, bo, code), redeemInvitation(world.context, eve, code)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const members = (await world.repositories.circles.listMembers(circle.circleId)).filter((row) => row.data.status === "member");
    expect(members).toHaveLength(2);
  });

  it("an expired or revoked code is refused", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const bo = await personOf(world, "Fabrikam", "bo");
    const circle = await createCircle(world.context, ada, "Golden Circle");
    const expiring = await inviteCompany(world.context, ada, circle.circleId, "Fabrikam");
    const revoked = await inviteCompany(world.context, ada, circle.circleId, "Fabrikam Ltd");
    await revokeInvitation(world.context, ada, circle.circleId, revoked.invitation.invitationId);
    expect(await messageOf(redeemInvitation(world.context, bo, revoked.code))).toContain("withdrawn");
    world.clock.set(new Date("2026-03-15T00:00:01Z"));
    expect(await messageOf(redeemInvitation(world.context, bo, expiring.code))).toContain("expired on 15 March 2026");
    expect(await listMyCircles(world.context, bo.company.companyId)).toEqual([]);
  });

  it("only a member company can invite or revoke", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const eve = await personOf(world, "Northwind", "eve");
    const circle = await createCircle(world.context, ada, "Golden Circle");
    const { invitation } = await inviteCompany(world.context, ada, circle.circleId, "Fabrikam");
    expect(await messageOf(inviteCompany(world.context, eve, circle.circleId, "Tailspin"))).toContain("Only member companies");
    expect(await messageOf(revokeInvitation(world.context, eve, circle.circleId, invitation.invitationId))).toContain("Only member companies");
    expect(await world.repositories.circles.listInvitations(circle.circleId)).toHaveLength(1);
  });

  it("no one outside a circle can change it or see its reminders, and nothing changes when they try", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    const eve = await personOf(world, "Northwind", "eve");
    const before = await world.repositories.circles.snapshot(circleId);
    const attempts = {
      invite: () => inviteCompany(world.context, eve, circleId, "Tailspin"),
      link: () => linkChannel(world.context, eve, circleId, { conversationId: "19:eve@thread.tacv2", serviceUrl: world.connector.url, tenantId: tenantOf("Northwind"), conversationType: "channel" }),
      setRhythm: () => setRhythm(world.context, eve, circleId, weeklyRhythm({ time: "23:00" })),
      showRhythms: () => showRhythms(world.context, eve, circleId),
      action: () => createAction(world.context, eve, { circleId, area: "pipeline", ownerCompanyId: contoso.company.companyId, dueBy: "2026-04-01", source: "command" }),
      remove: () => removeCompany(world.context, eve, circleId, contoso.company.companyId),
      skip: () => handleReminderCardAction(world.context, eve, { verb: REMINDER_VERBS.skip, circleId, rhythmKind: "joint-planning", step: "meeting-reminder", occurrence: "2026-03-03T08:00:00.000Z" }, { conversationId: CHANNEL_ID }),
      snooze: () => handleReminderCardAction(world.context, eve, { verb: REMINDER_VERBS.snooze, circleId, rhythmKind: "joint-planning", step: "meeting-reminder", occurrence: "2026-03-03T08:00:00.000Z" }, { conversationId: CHANNEL_ID }),
      leave: () => leaveCircle(world.context, eve, circleId),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect(await messageOf(attempt()), name).toMatch(/^(Only member companies of this circle can|Your company is not a member of this circle)/);
    }
    const after = await world.repositories.circles.snapshot(circleId);
    expect(after?.circle.etag).toBe(before?.circle.etag);
    expect(after?.members.map((row) => row.etag)).toEqual(before?.members.map((row) => row.etag));
    expect([...(after?.otherRows.keys() ?? [])]).toEqual([...(before?.otherRows.keys() ?? [])]);
    expect((await world.queue.listAll()).length).toBe(1);
  });

  it("a member company removes another; the removed company loses the circle and its reminders", async () => {
    const { circleId, contoso, fabrikam } = await goldenCircle(world, { personalReminders: true });
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    expect(await messageOf(removeCompany(world.context, contoso, circleId, contoso.company.companyId))).toBe('To take your own company out of the circle, use "leave".');
    await removeCompany(world.context, contoso, circleId, fabrikam.company.companyId);
    expect(await listMyCircles(world.context, fabrikam.company.companyId)).toEqual([]);
    expect(await messageOf(showRhythms(world.context, fabrikam, circleId))).toContain("Only member companies");
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    await drain(world.dispatcher());
    expect(postsPerConversation(world.connector)).toEqual(new Map([[CHANNEL_ID, 1], ["a:chat-ada", 1]]));
  });

  it("a company that leaves stops getting the circle's reminders in its people's chats, and loses it from its list", async () => {
    const { circleId, contoso, fabrikam } = await goldenCircle(world, { personalReminders: true });
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    await leaveCircle(world.context, fabrikam, circleId);
    expect(await listMyCircles(world.context, fabrikam.company.companyId)).toEqual([]);
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    await drain(world.dispatcher());
    expect(postsPerConversation(world.connector)).toEqual(new Map([[CHANNEL_ID, 1], ["a:chat-ada", 1]]));
  });

  it("an invited company's people get no reminders before it joins", async () => {
    const { circleId, contoso } = await goldenCircle(world, { personalReminders: true });
    const cy: Actor = await personOf(world, "Northwind", "cy", { personalReminders: true });
    await inviteCompany(world.context, contoso, circleId, "Northwind");
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    await drain(world.dispatcher());
    expect(postsPerConversation(world.connector).has("a:chat-cy")).toBe(false);
    expect(cy.company.companyId).toBe(tenantOf("Northwind"));
  });

  it("links the circle to the channel a member asks from, and its reminders go there", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const circle = await createCircle(world.context, ada, "Northwest Alliance");
    await linkChannel(world.context, ada, circle.circleId, { conversationId: "19:alliance@thread.tacv2", serviceUrl: world.connector.url, tenantId: tenantOf("Contoso"), teamId: "team-9", conversationType: "channel" });
    expect((await world.repositories.circles.get(circle.circleId))?.data.channel).toEqual({ conversationId: "19:alliance@thread.tacv2", serviceUrl: world.connector.url, tenantId: tenantOf("Contoso"), teamId: "team-9" });
    expect((await world.repositories.conversations.get("19:alliance@thread.tacv2"))?.data.active).toBe(true);
    await setRhythm(world.context, ada, circle.circleId, weeklyRhythm());
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    await drain(world.dispatcher());
    expect(postsPerConversation(world.connector)).toEqual(new Map([["19:alliance@thread.tacv2", 1]]));
  });

  it("renaming a company reaches every circle it is in", async () => {
    const { circleId, fabrikam } = await goldenCircle(world);
    const renamed = await nameCompany(world.context, { person: fabrikam.person, organisation: { kind: "member", tenantId: fabrikam.person.tenantId } }, "Fabrikam Cloud Services");
    expect(renamed.previousName).toBe("Fabrikam");
    expect((await world.repositories.circles.getMember(circleId, fabrikam.company.companyId))?.data.company.companyName).toBe("Fabrikam Cloud Services");
  });

  it("asks a person whose organisation has no company yet to name it, and refuses guests", async () => {
    const person = { tenantId: "tenant-new", userId: "new" };
    expect(await messageOf(actorFor(world.context, { person, organisation: { kind: "member", tenantId: "tenant-new" } }))).toContain("Name it first");
    expect(await messageOf(actorFor(world.context, { person, organisation: { kind: "guest", hostTenantId: tenantOf("Contoso") } }))).toContain("as a guest");
    expect(await messageOf(nameCompany(world.context, { person, organisation: { kind: "guest", hostTenantId: tenantOf("Contoso") } }, "Contoso"))).toContain("as a guest");
    expect(await world.repositories.companies.get(tenantOf("Contoso"))).toBeUndefined();
  });
});
