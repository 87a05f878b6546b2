import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CircleRuleError } from "../../core/circles/index.js";
import { createAction } from "../../reminders/actions.js";
import { handleReminderCardAction } from "../../reminders/card-actions.js";
import { acceptInvitation, actorFor, createCircle, inviteCompany, leaveCircle, linkChannel, listMyCircles, type Actor } from "../../reminders/circles.js";
import { userMessageOf } from "../../reminders/errors.js";
import { setRhythm, showRhythms } from "../../reminders/rhythms.js";
import { REMINDER_VERBS } from "../../reminders/verbs.js";
import { CHANNEL_ID, drain, goldenCircle, personOf, postsPerConversation, startWorld, TENANT, weeklyRhythm, type World } from "./support.js";

async function messageOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return userMessageOf(error) ?? `unexpected: ${String(error)}`;
  }
  return undefined;
}

describe("circles of trust", () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
  });
  afterEach(() => world.close());

  it("a circle is created with a name, and the creator's company is its first member", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const circle = await createCircle(world.context, ada, "  Golden   Circle ");
    expect(circle.name).toBe("Golden Circle");
    expect(await listMyCircles(world.context, ada)).toEqual({ memberOf: [{ circleId: circle.circleId, name: "Golden Circle", status: "member" }], invitations: [] });
    expect((await world.repositories.circles.listForPerson(ada.person)).map((entry) => entry.circleName)).toEqual(["Golden Circle"]);
  });

  it("an invited company sees the invitation, but is a member only once one of its people accepts", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const bo = await personOf(world, "Fabrikam", "bo");
    const circle = await createCircle(world.context, ada, "Golden Circle");
    await inviteCompany(world.context, ada, circle.circleId, "fabrikam");
    expect(await listMyCircles(world.context, bo)).toMatchObject({ memberOf: [], invitations: [{ circleId: circle.circleId, name: "Golden Circle", invitedBy: { companyName: "Contoso" } }] });
    expect(await messageOf(showRhythms(world.context, bo, circle.circleId))).toContain("Only member companies");
    await acceptInvitation(world.context, bo, circle.circleId);
    expect((await listMyCircles(world.context, bo)).memberOf.map((entry) => entry.name)).toEqual(["Golden Circle"]);
    expect((await world.repositories.circles.listForPerson(bo.person)).map((entry) => entry.circleId)).toEqual([circle.circleId]);
  });

  it("only a person of the invited company can accept, and a company cannot be invited twice", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const eve = await personOf(world, "Northwind", "eve");
    const circle = await createCircle(world.context, ada, "Golden Circle");
    await inviteCompany(world.context, ada, circle.circleId, "Fabrikam");
    expect(await messageOf(acceptInvitation(world.context, eve, circle.circleId))).toBe("Your company has not been invited to this circle; ask one of its members to invite it.");
    expect(await messageOf(inviteCompany(world.context, ada, circle.circleId, " FABRIKAM "))).toBe("Fabrikam has already been invited; one of its people needs to accept.");
  });

  it("two members inviting the same company at the same moment leave one invitation", async () => {
    const { circleId, contoso, fabrikam } = await goldenCircle(world);
    const results = await Promise.allSettled([inviteCompany(world.context, contoso, circleId, "Northwind"), inviteCompany(world.context, fabrikam, circleId, "Northwind")]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(CircleRuleError);
    expect((await world.repositories.circles.listMembers(circleId)).map((row) => row.data.company.companyId).sort()).toEqual(["contoso", "fabrikam", "northwind"]);
  });

  it("no one outside a circle can change it or see its reminders, and nothing changes when they try", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    const eve = await personOf(world, "Northwind", "eve");
    const before = await world.repositories.circles.snapshot(circleId);
    const attempts = {
      invite: () => inviteCompany(world.context, eve, circleId, "Tailspin"),
      link: () => linkChannel(world.context, eve, circleId, { conversationId: "19:eve@thread.tacv2", serviceUrl: world.connector.url, tenantId: TENANT, conversationType: "channel" }),
      setRhythm: () => setRhythm(world.context, eve, circleId, weeklyRhythm({ time: "23:00" })),
      showRhythms: () => showRhythms(world.context, eve, circleId),
      action: () => createAction(world.context, eve, { circleId, area: "pipeline", ownerCompanyId: "contoso", dueBy: "2026-04-01", source: "command" }),
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

  it("a company that leaves stops getting the circle's reminders in its people's chats, and loses it from their list", async () => {
    const { circleId, contoso, fabrikam } = await goldenCircle(world, { personalReminders: true });
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    await leaveCircle(world.context, fabrikam, circleId);
    expect(await listMyCircles(world.context, fabrikam)).toEqual({ memberOf: [], invitations: [] });
    expect(await world.repositories.circles.listForPerson(fabrikam.person)).toEqual([]);
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    await drain(world.dispatcher());
    expect(postsPerConversation(world.connector)).toEqual(new Map([[CHANNEL_ID, 1], ["a:chat-ada", 1]]));
  });

  it("an invited company's people get no reminders before it accepts", async () => {
    const { circleId, contoso } = await goldenCircle(world, { personalReminders: true });
    const cy: Actor = await personOf(world, "Northwind", "cy", { personalReminders: true });
    await inviteCompany(world.context, contoso, circleId, "Northwind");
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    await drain(world.dispatcher());
    expect(postsPerConversation(world.connector).has("a:chat-cy")).toBe(false);
    expect(cy.company.companyId).toBe("northwind");
  });

  it("links the circle to the channel a member asks from, and its reminders go there", async () => {
    const ada = await personOf(world, "Contoso", "ada");
    const circle = await createCircle(world.context, ada, "Northwest Alliance");
    await linkChannel(world.context, ada, circle.circleId, { conversationId: "19:alliance@thread.tacv2", serviceUrl: world.connector.url, tenantId: TENANT, teamId: "team-9", conversationType: "channel" });
    expect((await world.repositories.circles.get(circle.circleId))?.data.channel).toEqual({ conversationId: "19:alliance@thread.tacv2", serviceUrl: world.connector.url, tenantId: TENANT, teamId: "team-9" });
    expect((await world.repositories.conversations.get("19:alliance@thread.tacv2"))?.data.active).toBe(true);
    await setRhythm(world.context, ada, circle.circleId, weeklyRhythm());
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    await drain(world.dispatcher());
    expect(postsPerConversation(world.connector)).toEqual(new Map([["19:alliance@thread.tacv2", 1]]));
  });

  it("asks a person without a known company to assess first", async () => {
    await world.repositories.people.saveProfile({ person: { tenantId: TENANT, userId: "new" }, updatedAt: "2026-03-01T00:00:00Z" });
    expect(await messageOf(actorFor(world.context, { tenantId: TENANT, userId: "new" }))).toContain("Take the assessment first");
  });
});
