import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeDigestOf, listOpenActions, nameCompany } from "../../circles/index.js";
import { manualClock } from "../../core/clock.js";
import { DEFAULT_LOCAL_USER, SECOND_LOCAL_USER } from "../../platform/local-users.js";
import { AzureTableStoreFactory } from "../../storage/azure/azure-table-store.js";
import { startAzurite, type RunningAzurite } from "../../storage/azure/azurite.js";
import type { ActionChanged, ApiErrorBody, DashboardView, InvitationCreated, InvitationRevoked, InvitationsView, RhythmChanged, RhythmsResponse } from "../../tab/shared/dashboard-types.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { DEMO_NOW, startDemoServer, type DemoServer } from "./support/demo-server.js";
import { createTokenIssuer, type TokenIssuer } from "./support/tokens.js";

const CLIENT_ID = "3f2d7c1e-1111-4b5a-9c9d-0123456789ab";
const CONTOSO_TENANT = DEFAULT_LOCAL_USER.tenantId;
const FABRIKAM_TENANT = SECOND_LOCAL_USER.tenantId;
/** Proseware's organisation: a named company, in no circle with Contoso. */
const PROSEWARE_TENANT = "99999999-0000-0000-0000-000000000099";
const ALEX = { tid: CONTOSO_TENANT, oid: DEFAULT_LOCAL_USER.aadObjectId, name: "Alex Wilber" };
const MEGAN = { tid: FABRIKAM_TENANT, oid: SECOND_LOCAL_USER.aadObjectId, name: "Megan Bowen" };
const PAT = { tid: PROSEWARE_TENANT, oid: "proseware-pat", name: "Pat" };

interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

async function call<T>(url: string, init: { method?: string; token?: string; body?: unknown; raw?: string; contentType?: string }): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers["content-type"] = init.contentType ?? "application/json";
  const response = await fetch(url, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

describe("a member changes the circle from the dashboard, checked as the bot checks it", () => {
  let demo: DemoServer;
  let server: TestServer;
  let contoso: TokenIssuer;
  let fabrikam: TokenIssuer;
  let proseware: TokenIssuer;
  let circleUrl: string;
  const alex = (): Promise<string> => contoso.sign(ALEX);
  const megan = (): Promise<string> => fabrikam.sign(MEGAN);
  const pat = (): Promise<string> => proseware.sign(PAT);

  beforeAll(async () => {
    const clock = manualClock(DEMO_NOW);
    contoso = await createTokenIssuer(CLIENT_ID, () => clock.now());
    fabrikam = await createTokenIssuer(CLIENT_ID, () => clock.now());
    proseware = await createTokenIssuer(CLIENT_ID, () => clock.now());
    const issuers: Record<string, TokenIssuer> = { [CONTOSO_TENANT]: contoso, [FABRIKAM_TENANT]: fabrikam, [PROSEWARE_TENANT]: proseware };
    demo = await startDemoServer({
      server: {
        clock,
        env: { TAB_CLIENT_ID: CLIENT_ID, TAB_ALLOWED_TENANTS: `${CONTOSO_TENANT},${FABRIKAM_TENANT},${PROSEWARE_TENANT}` },
        tabSigningKeys: (tenantId) => (issuers[tenantId] ?? contoso).signingKeys(tenantId),
      },
    });
    server = demo.server;
    circleUrl = `${server.url}/api/circles/${demo.demo.circle.circleId}`;
    await nameCompany(server.context, { person: { tenantId: PROSEWARE_TENANT, userId: PAT.oid }, organisation: { kind: "member", tenantId: PROSEWARE_TENANT } }, "Proseware");
  });
  afterAll(() => server.close());

  async function dashboardOf(token: string): Promise<DashboardView> {
    return (await call<DashboardView>(`${circleUrl}/dashboard`, { token })).body;
  }

  async function storedActions(): Promise<number> {
    const snapshot = await server.context.repositories.circles.snapshot(demo.demo.circle.circleId);
    return snapshot?.otherRows.get("action")?.length ?? 0;
  }

  it("turns one of the circle's weak areas into an action, which the dashboard then lists as open", async () => {
    const before = await dashboardOf(await alex());
    const weak = before.weakest[0];
    expect(weak).toBeDefined();
    const created = await call<ActionChanged>(`${circleUrl}/actions`, { token: await alex(), body: { area: weak?.area, ownerCompanyId: FABRIKAM_TENANT, dueBy: "2026-09-30" } });
    expect(created.status).toBe(201);
    expect(created.body.action).toEqual({ actionId: expect.any(String), title: weak?.nextSteps[0], status: "open", owner: "Fabrikam Cloud Services", area: weak?.area, dueBy: "2026-09-30" });
    expect(created.body.message).toBe(`Action added: "${weak?.nextSteps[0]}", owned by Fabrikam Cloud Services, due 30 September 2026.`);
    const stored = await server.context.repositories.circles.getAction(demo.demo.circle.circleId, created.body.action.actionId);
    expect(stored?.data).toMatchObject({ source: "dashboard", createdBy: { companyId: CONTOSO_TENANT, companyName: "Contoso Consulting" } });
    const after = await dashboardOf(await megan());
    expect(after.actions).toContainEqual(created.body.action);
  });

  it("keeps the title a member typed, and marks the action done for everyone, as the bot's actions list then shows", async () => {
    const created = await call<ActionChanged>(`${circleUrl}/actions`, { token: await megan(), body: { area: "joint-business-planning", ownerCompanyId: CONTOSO_TENANT, dueBy: "2026-08-14", title: "  Agree the FY27 joint plan  " } });
    expect(created.status).toBe(201);
    expect(created.body.action.title).toBe("Agree the FY27 joint plan");
    const done = await call<ActionChanged>(`${circleUrl}/actions/${created.body.action.actionId}/done`, { token: await alex(), body: {} });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ action: { ...created.body.action, status: "done" }, message: 'Done: "Agree the FY27 joint plan".' });
    expect((await dashboardOf(await megan())).actions).toContainEqual(done.body.action);
    const actor = { person: { tenantId: CONTOSO_TENANT, userId: ALEX.oid }, company: { companyId: CONTOSO_TENANT, companyName: "Contoso Consulting" } };
    const open = await listOpenActions(server.context, actor, demo.demo.circle.circleId);
    expect(open.map((action) => action.actionId)).not.toContain(created.body.action.actionId);
  });

  it("invites a company: the code is shown once with the exact text to type, only its digest is stored, and it can be withdrawn", async () => {
    const created = await call<InvitationCreated>(`${circleUrl}/invitations`, { token: await alex(), body: { invitedAs: "Woodgrove Bank" } });
    expect(created.status).toBe(201);
    const { code, joinCommand, invitation, message } = created.body;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
    expect(joinCommand).toBe(`join ${code}`);
    expect(message).toBe(`Invitation for Woodgrove Bank created. Pass this on to them; it is shown only now: join ${code}`);
    expect(invitation).toMatchObject({ invitedAs: "Woodgrove Bank", invitedBy: "Contoso Consulting" });
    expect(await server.context.repositories.circles.findInvitationByCode(codeDigestOf(code))).toEqual({ circleId: demo.demo.circle.circleId, invitationId: invitation.invitationId });
    const listed = await call<InvitationsView>(`${circleUrl}/invitations`, { token: await megan() });
    expect(listed.body.invitations).toContainEqual(invitation);
    expect(JSON.stringify(listed.body)).not.toContain(code);
    expect((await dashboardOf(await megan())).invitations).toContainEqual(invitation);

    const revoked = await call<InvitationRevoked>(`${circleUrl}/invitations/${invitation.invitationId}/revoke`, { token: await megan(), body: {} });
    expect(revoked.status).toBe(200);
    expect(revoked.body.message).toBe("Withdrawn: the invitation for Woodgrove Bank can no longer be used.");
    expect((await dashboardOf(await alex())).invitations).not.toContainEqual(invitation);
    const again = await call<ApiErrorBody>(`${circleUrl}/invitations/${invitation.invitationId}/revoke`, { token: await alex(), body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: "invitation-revoked", message: "The invitation for Woodgrove Bank was already withdrawn." });
  });

  it("sets a rhythm with the bot's pattern fields, then pauses and resumes it", async () => {
    const set = await call<RhythmChanged>(`${circleUrl}/rhythms/executive`, { token: await alex(), body: { cadence: "quarterly", dayRule: "nth-weekday", nth: "2", weekday: "thursday", month: 2, time: "10:30", timeZone: "Europe/Stockholm" } });
    expect(set.status).toBe(200);
    expect(set.body.message).toBe("Saved: the VP of Sales meeting is the second Thursday of every quarter in month 2 of the quarter at 10:30 (Europe/Stockholm). First reminder: Wednesday, 11 November 2026, 10:30.");
    expect(set.body.rhythm).toMatchObject({ kind: "executive", paused: false, verdict: "Quarterly is good", nextOccurrence: "2026-11-12T09:30:00.000Z", pattern: { cadence: "quarterly", dayRule: "nth-weekday" } });
    const listed = await call<RhythmsResponse>(`${circleUrl}/rhythms`, { token: await megan() });
    expect(listed.body.rhythms.map((rhythm) => rhythm.kind)).toContain("executive");
    expect(listed.body.missing.map((rhythm) => rhythm.kind)).not.toContain("executive");
    const executive = listed.body.rhythms.find((rhythm) => rhythm.kind === "executive");
    expect(executive?.patterns.map((choice) => choice.value)).toEqual(["quarterly|nth-weekday", "quarterly|day-of-month", "monthly|nth-weekday", "monthly|day-of-month", "weekly|weekday"]);

    const paused = await call<RhythmChanged>(`${circleUrl}/rhythms/executive/pause`, { token: await megan(), body: {} });
    expect(paused.body).toMatchObject({ message: "Paused: no VP of Sales meeting reminders until you resume it.", rhythm: { paused: true, nextOccurrence: null } });
    const resumed = await call<RhythmChanged>(`${circleUrl}/rhythms/executive/resume`, { token: await alex(), body: {} });
    expect(resumed.body.message).toBe("Resumed: the VP of Sales meeting is the second Thursday of every quarter in month 2 of the quarter at 10:30 (Europe/Stockholm).");
    expect(resumed.body.rhythm.paused).toBe(false);
  });

  it("refuses a person of a company that is not a member as if the circle did not exist, and stores nothing", async () => {
    const token = await pat();
    const actionsBefore = await storedActions();
    const weak = (await dashboardOf(await alex())).weakest[0];
    const attempts = [
      call<ApiErrorBody>(`${circleUrl}/actions`, { token, body: { area: weak?.area, ownerCompanyId: CONTOSO_TENANT, dueBy: "2026-09-30" } }),
      call<ApiErrorBody>(`${circleUrl}/invitations`, { token, body: { invitedAs: "Proseware" } }),
      call<ApiErrorBody>(`${circleUrl}/invitations`, { token }),
      call<ApiErrorBody>(`${circleUrl}/rhythms/agreement-review`, { token, body: { cadence: "yearly", dayRule: "day-of-month", day: 15, month: 1, time: "10:00", timeZone: "UTC" } }),
      call<ApiErrorBody>(`${circleUrl}/rhythms`, { token }),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe("circle-not-found");
    }
    expect(await storedActions()).toBe(actionsBefore);
    expect(await server.context.repositories.circles.getRhythm(demo.demo.circle.circleId, "agreement-review")).toBeUndefined();
    const invitations = (await call<InvitationsView>(`${circleUrl}/invitations`, { token: await alex() })).body.invitations;
    expect(invitations.map((invitation) => invitation.invitedAs)).not.toContain("Proseware");
    const members = await server.context.repositories.circles.listMembers(demo.demo.circle.circleId);
    expect(members.map((row) => row.data.company.companyId)).not.toContain(PROSEWARE_TENANT);
  });

  it("refuses a malformed body with a sentence that says what to fix, and stores nothing", async () => {
    const token = await alex();
    const before = await storedActions();
    const cases: [string, Parameters<typeof call>[1], number, string][] = [
      ["actions", { token, body: { area: "joint-business-planning", ownerCompanyId: FABRIKAM_TENANT } }, 400, "Choose a due date, e.g. 2026-04-30."],
      ["actions", { token, body: { area: "joint-business-planning", ownerCompanyId: FABRIKAM_TENANT, dueBy: "2026-08-13" } }, 400, "The due date is in the past; choose today or a later day."],
      ["actions", { token, body: { area: "joint-business-planning", ownerCompanyId: PROSEWARE_TENANT, dueBy: "2026-09-30" } }, 400, "The owner must be a member company of this circle."],
      ["actions", { token, body: { area: "not-an-area", ownerCompanyId: FABRIKAM_TENANT, dueBy: "2026-09-30" } }, 400, "Choose which weak area the action closes."],
      ["actions", { token, body: { area: "joint-business-planning", ownerCompanyId: FABRIKAM_TENANT, dueBy: "2026-09-30", status: "done" } }, 400, "Send a JSON object with only area, ownerCompanyId, dueBy and title."],
      ["actions", { token, body: ["joint-business-planning"] }, 400, "Send a JSON object with only area, ownerCompanyId, dueBy and title."],
      ["actions", { token, raw: "{ area: joint" }, 400, "The request body is not valid JSON."],
      ["actions", { token, raw: "area=joint", contentType: "application/x-www-form-urlencoded" }, 415, "The request body must be sent as application/json."],
      ["actions", { token, body: { area: "joint-business-planning", ownerCompanyId: FABRIKAM_TENANT, dueBy: "2026-09-30", title: "x".repeat(5_000) } }, 413, "The request body is larger than the 4 KiB this address accepts."],
      ["invitations", { token, body: { invitedAs: "   " } }, 400, "Name the company to invite, e.g. invite Fabrikam to Golden Circle."],
      ["rhythms/agreement-review", { token, body: { cadence: "weekly", dayRule: "weekday", weekday: "monday", time: "10:00", timeZone: "UTC" } }, 400, "A yearly agreement review can be yearly, and a weekly one falls on a weekday; choose one of those."],
      ["rhythms/joint-planning", { token, body: { cadence: "monthly", dayRule: "nth-weekday", weekday: "monday", time: "10:00", timeZone: "UTC" } }, 400, "Choose first, second, third, fourth or last."],
      ["rhythms/joint-planning", { token, body: { cadence: "monthly", dayRule: "day-of-month", day: 40, time: "10:00", timeZone: "UTC" } }, 400, "The day of the month must be a whole number from 1 to 31 (31 means the last day in shorter months)."],
      ["rhythms/joint-planning", { token, body: { cadence: "monthly", dayRule: "day-of-month", day: 4, time: "10:00", timeZone: "Mars/Olympus" } }, 400, '"Mars/Olympus" is not a time zone I know; use a name like Europe/Stockholm or America/Los_Angeles.'],
      ["rhythms/joint-planning", { token, body: { cadence: "monthly", dayRule: "day-of-month", day: 4, time: "25:00", timeZone: "UTC" } }, 400, "Choose a time of day, e.g. 09:00."],
      ["rhythms/joint-planning/pause", { token, body: { paused: true } }, 400, "This request takes an empty JSON object, {}."],
      ["rhythms/fortnightly", { token, body: {} }, 404, "There is no rhythm of that kind; the kinds are joint-planning, executive, agreement-review and assessment-cycle."],
      ["actions/not%2Fan-id/done", { token, body: {} }, 400, "The action id in the address is not an action id."],
      ["actions/00000000-0000-0000-0000-000000000000/done", { token, body: {} }, 404, "I can't find that action; it may have been removed."],
    ];
    for (const [path, init, status, message] of cases) {
      const answer = await call<ApiErrorBody>(`${circleUrl}/${path}`, init);
      expect([path, answer.status], JSON.stringify(answer.body)).toEqual([path, status]);
      expect(answer.body.error.message, path).toEqual(message);
    }
    expect(await storedActions()).toBe(before);
    expect(await server.context.repositories.circles.getRhythm(demo.demo.circle.circleId, "joint-planning")).toBeUndefined();
    expect(await server.context.repositories.circles.getRhythm(demo.demo.circle.circleId, "agreement-review")).toBeUndefined();
  });

  it("asks for a sign-in before anything else", async () => {
    const answer = await call<ApiErrorBody>(`${circleUrl}/invitations`, { body: { invitedAs: "Woodgrove" } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const guest = await call<ApiErrorBody>(`${circleUrl}/invitations`, { token: await contoso.sign({ ...ALEX, oid: "guest", acct: 1 }), body: { invitedAs: "Woodgrove" } });
    expect(guest.status).toBe(403);
    expect(guest.body.error.code).toBe("guest-account");
  });
});

describe("the dashboard's changes while storage is down", () => {
  let azurite: RunningAzurite;
  let server: TestServer;

  beforeAll(async () => {
    azurite = await startAzurite();
    server = await startTestServer({ storage: new AzureTableStoreFactory({ kind: "connection-string", connectionString: azurite.connectionString }, "down") });
    await azurite.stop();
  });
  afterAll(() => server?.close());

  it("answer 503 with Retry-After and a sentence", { timeout: 90_000 }, async () => {
    const circle = `${server.url}/api/circles/golden-circle`;
    const requests: [string, unknown][] = [
      ["actions", { area: "joint-business-planning", ownerCompanyId: "x", dueBy: "2026-09-30" }],
      ["invitations", { invitedAs: "Woodgrove" }],
      ["rhythms/joint-planning", { cadence: "monthly", dayRule: "day-of-month", day: 4, time: "10:00", timeZone: "UTC" }],
      ["rhythms/joint-planning/pause", {}],
    ];
    for (const [path, body] of requests) {
      const answer = await call<ApiErrorBody>(`${circle}/${path}`, { body });
      expect([path, answer.status]).toEqual([path, 503]);
      expect(answer.headers.get("retry-after")).toBe("30");
      expect(answer.body).toEqual({ error: { code: "storage-unavailable", message: "The app cannot reach its storage right now. Try again in a minute." } });
    }
  });
});
