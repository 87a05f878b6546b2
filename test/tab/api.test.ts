import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.js";
import { loadConfig } from "../../platform/config.js";
import type { ServerContext } from "../../platform/context.js";
import { createLogger } from "../../platform/logger.js";
import { openRepositories, type CircleRecord, type MemberRecord } from "../../storage/index.js";
import { MemoryTableStoreFactory } from "../../storage/memory/memory-table-store.js";
import { DEFAULT_LOCAL_USER, SECOND_LOCAL_USER } from "../../platform/local-users.js";
import { createTabRoutes } from "../../tab/api/routes.js";
import type { ApiErrorBody, DashboardView, MyCirclesResponse } from "../../tab/shared/dashboard-types.js";
import { startServer } from "../../server/compose.js";
import { azuriteFactory } from "../support/stores.js";
import type { TestServer } from "../support/server.js";
import { DEMO_NOW, startDemoServer, type DemoServer } from "./support/demo-server.js";
import { createTokenIssuer, foreignPrivateKey, type TokenIssuer } from "./support/tokens.js";

const CLIENT_ID = "3f2d7c1e-1111-4b5a-9c9d-0123456789ab";
/** Contoso Consulting's organisation (the demo's first company). */
const TENANT = DEFAULT_LOCAL_USER.tenantId;
/** Fabrikam Cloud Services' organisation: another tenant, a member of the same circle. */
const FABRIKAM_TENANT = SECOND_LOCAL_USER.tenantId;
const OTHER_TENANT = "99999999-0000-0000-0000-000000000099";
const NOT_ALLOWED_TENANT = "77777777-0000-0000-0000-000000000077";
const ALEX = { tid: TENANT, oid: DEFAULT_LOCAL_USER.aadObjectId, name: "Alex Wilber" };
const MEGAN = { tid: FABRIKAM_TENANT, oid: SECOND_LOCAL_USER.aadObjectId, name: "Megan Bowen" };

interface Answer<T> {
  status: number;
  body: T;
}

function capturedLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger("info", sink) };
}

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function circle(circleId: string, tenantId: string, name: string): CircleRecord {
  return { circleId, name, createdAt: DEMO_NOW.toISOString(), createdBy: { tenantId, userId: "creator" }, createdByCompany: { companyId: tenantId, companyName: "Founder" } };
}

function member(circleId: string, tenantId: string, companyName: string, status: MemberRecord["status"] = "member"): MemberRecord {
  return { circleId, company: { companyId: tenantId, companyName }, status, people: [], joinedAt: DEMO_NOW.toISOString() };
}

describe("dashboard API with Teams SSO", () => {
  let demo: DemoServer;
  let server: TestServer;
  /** Each organisation's Entra ID signs with keys of its own; tokens are checked against the keys of the tenant they name. */
  let issuer: TokenIssuer;
  let fabrikamIssuer: TokenIssuer;
  let dashboardUrl: string;

  beforeAll(async () => {
    const clock = manualClock(DEMO_NOW);
    issuer = await createTokenIssuer(CLIENT_ID, () => clock.now());
    fabrikamIssuer = await createTokenIssuer(CLIENT_ID, () => clock.now());
    demo = await startDemoServer({
      server: {
        clock,
        env: { TAB_CLIENT_ID: CLIENT_ID, TAB_TENANT_ID: TENANT, TAB_ALLOWED_TENANTS: `${OTHER_TENANT},${FABRIKAM_TENANT}` },
        tabSigningKeys: (tenantId) => (tenantId === FABRIKAM_TENANT ? fabrikamIssuer : issuer).signingKeys(tenantId),
      },
    });
    server = demo.server;
    dashboardUrl = `${server.url}/api/circles/${demo.demo.circle.circleId}/dashboard`;
    const circles = server.context.repositories.circles;
    await circles.create(circle("southside", OTHER_TENANT, "Southside Partners"), member("southside", OTHER_TENANT, "Proseware"));
    await circles.create(circle("elsewhere", OTHER_TENANT, "Elsewhere Alliance"), member("elsewhere", OTHER_TENANT, "Woodgrove"));
    const formerCircle = circle("former", OTHER_TENANT, "Former Friends");
    await circles.create(formerCircle, member("former", OTHER_TENANT, "Woodgrove"));
    await circles.saveMember(formerCircle, { ...member("former", TENANT, "Contoso Consulting"), status: "left", leftAt: DEMO_NOW.toISOString() });
  });
  afterAll(() => server.close());

  it("lists the circles a person's organisation belongs to, and only those", async () => {
    const { status, body } = await getJson<MyCirclesResponse>(`${server.url}/api/me/circles`, bearer(await issuer.sign(ALEX)));
    expect(status).toBe(200);
    expect(body.user).toEqual({ tenantId: TENANT, name: "Alex Wilber", signIn: "teams-sso" });
    expect(body.circles).toEqual([{ circleId: demo.demo.circle.circleId, name: "Northwest Alliance", company: { companyId: TENANT, companyName: "Contoso Consulting" }, memberCount: 6 }]);
  });

  it("shows the circle's dashboard to a person of another member organisation, signed in through their own tenant", async () => {
    const megan = await getJson<DashboardView>(dashboardUrl, bearer(await fabrikamIssuer.sign(MEGAN)));
    expect(megan.status).toBe(200);
    expect(megan.body.viewer).toEqual({ companyId: FABRIKAM_TENANT, companyName: "Fabrikam Cloud Services" });
    const colleague = await getJson<DashboardView>(dashboardUrl, bearer(await fabrikamIssuer.sign({ tid: FABRIKAM_TENANT, oid: "a-colleague-of-megan", name: "Colleague" })));
    expect(colleague.status).toBe(200);
    const theirs = await getJson<MyCirclesResponse>(`${server.url}/api/me/circles`, bearer(await fabrikamIssuer.sign(MEGAN)));
    expect(theirs.body.circles.map((entry) => [entry.name, entry.company.companyName])).toEqual([["Northwest Alliance", "Fabrikam Cloud Services"]]);
  });

  it("checks each tenant's token against that tenant's keys: a token naming Fabrikam's tenant signed with Contoso's keys is refused", async () => {
    const answer = await getJson<ApiErrorBody>(dashboardUrl, bearer(await issuer.sign(MEGAN)));
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("token-bad-signature");
  });

  it("never counts a guest in a tenant as that tenant's company", async () => {
    const asGuest = await issuer.sign({ ...ALEX, oid: "guest-oid", idp: `https://sts.windows.net/${OTHER_TENANT}/` });
    const flagged = await issuer.sign({ ...ALEX, oid: "guest-oid", acct: 1 });
    for (const token of [asGuest, flagged]) {
      const dashboard = await getJson<ApiErrorBody>(dashboardUrl, bearer(token));
      expect(dashboard.status).toBe(403);
      expect(dashboard.body.error).toEqual({ code: "guest-account", message: expect.stringContaining("your own organisation's Teams") });
      expect((await getJson<ApiErrorBody>(`${server.url}/api/me/circles`, bearer(token))).status).toBe(403);
    }
  });

  it("shows a member signed in through Teams their circle's dashboard", async () => {
    const { status, body } = await getJson<DashboardView>(dashboardUrl, bearer(await issuer.sign(ALEX)));
    expect(status).toBe(200);
    expect(body.circle.name).toBe("Northwest Alliance");
    expect(body.viewer.companyName).toBe("Contoso Consulting");
    expect(body.members).toHaveLength(6);
  });

  it("accepts a token whose audience is the app's Application ID URI", async () => {
    const token = await issuer.sign(ALEX, { audience: `api://dashboard.contoso.example/${CLIENT_ID}` });
    expect((await getJson(dashboardUrl, bearer(token))).status).toBe(200);
  });

  it("accepts a v1 token issued by the tenant's sts.windows.net", async () => {
    const token = await issuer.sign(ALEX, { issuer: `https://sts.windows.net/${TENANT}/`, audience: `api://${CLIENT_ID}` });
    expect((await getJson(dashboardUrl, bearer(token))).status).toBe(200);
  });

  it.each([
    ["no token at all", async () => ({}), 401, "sign-in-required", /open this tab in Microsoft Teams/],
    ["something that is not a token", async () => bearer("not-a-jwt"), 401, "token-unreadable", /could not be read/],
    ["a token signed with someone else's key", async () => bearer(await issuer.sign(ALEX, { privateKey: await foreignPrivateKey() })), 401, "token-bad-signature", /signature is not valid/],
    ["a token issued for another app", async () => bearer(await issuer.sign(ALEX, { audience: "another-app-client-id" })), 401, "token-wrong-audience", /issued for another app/],
    ["a token from another issuer", async () => bearer(await issuer.sign(ALEX, { issuer: "https://login.example.com/v2.0" })), 401, "token-wrong-issuer", /not issued by your organisation/],
    ["a token issued by another tenant's authority", async () => bearer(await issuer.sign(ALEX, { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })), 401, "token-wrong-issuer", /not issued by your organisation/],
    ["a token from a tenant that is not allowed", async () => bearer(await issuer.sign({ ...ALEX, tid: NOT_ALLOWED_TENANT })), 403, "tenant-not-allowed", /organisation is not allowed/],
    ["an expired token", async () => bearer(await issuer.sign(ALEX, { issuedAt: DEMO_NOW.getTime() / 1000 - 7200, expiresAt: DEMO_NOW.getTime() / 1000 - 3600 })), 401, "token-expired", /expired/],
    ["a token without the access_as_user permission", async () => bearer(await issuer.sign({ ...ALEX, scp: "User.Read" })), 403, "token-missing-scope", /access_as_user/],
  ])("refuses %s, and says why", async (_case, headers, status, code, message) => {
    const answer = await getJson<ApiErrorBody>(dashboardUrl, await headers());
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message).toMatch(message);
  });

  it("refuses a token whose header claims a shared-secret algorithm", async () => {
    const payload = Buffer.from(JSON.stringify({ ...ALEX, scp: "access_as_user", aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, exp: DEMO_NOW.getTime() / 1000 + 600, iat: DEMO_NOW.getTime() / 1000 })).toString("base64url");
    const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "test-key-1" })).toString("base64url");
    const answer = await getJson<ApiErrorBody>(dashboardUrl, bearer(`${header}.${payload}.c2lnbmF0dXJl`));
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("token-bad-signature");
  });

  it("answers another circle's dashboard as if it did not exist, to a member of one circle", async () => {
    const token = await issuer.sign(ALEX);
    const dashboard = await getJson<ApiErrorBody>(`${server.url}/api/circles/southside/dashboard`, bearer(token));
    expect(dashboard.status).toBe(404);
    expect(dashboard.body.error.code).toBe("circle-not-found");
    const csv = await getJson<ApiErrorBody>(`${server.url}/api/circles/southside/export.csv`, bearer(token));
    expect(csv.status).toBe(404);
  });

  it("does not show a circle to a person of an organisation that is not a member, not even that it exists", async () => {
    const outsider = await issuer.sign({ ...ALEX, tid: OTHER_TENANT });
    const answer = await getJson<ApiErrorBody>(dashboardUrl, bearer(outsider));
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("circle-not-found");
    const theirs = await getJson<MyCirclesResponse>(`${server.url}/api/me/circles`, bearer(outsider));
    expect(theirs.body.circles.map((entry) => entry.name).sort()).toEqual(["Elsewhere Alliance", "Former Friends", "Southside Partners"]);
    const crossing = await getJson<ApiErrorBody>(`${server.url}/api/circles/elsewhere/dashboard`, bearer(await issuer.sign(ALEX)));
    expect(crossing.status).toBe(404);
  });

  it("gives no access through a company that left the circle", async () => {
    const answer = await getJson<ApiErrorBody>(`${server.url}/api/circles/former/dashboard`, bearer(await issuer.sign(ALEX)));
    expect(answer.status).toBe(404);
  });

  it("answers a circle that does not exist with 404, and an impossible circle id with 400", async () => {
    const token = await issuer.sign(ALEX);
    const missing = await getJson<ApiErrorBody>(`${server.url}/api/circles/no-such-circle/dashboard`, bearer(token));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no circle with this id/);
    const impossible = await getJson<ApiErrorBody>(`${server.url}/api/circles/bad%01id/dashboard`, bearer(token));
    expect(impossible.status).toBe(400);
    expect(impossible.body.error).toEqual({ code: "bad-circle-id", message: "The circle id in the address contains characters a circle id never has." });
  });
});

describe("dashboard API in local mode (no SSO configured)", () => {
  let demo: DemoServer;
  let dashboardUrl: string;

  beforeAll(async () => {
    demo = await startDemoServer();
    dashboardUrl = `${demo.server.url}/api/circles/${demo.demo.circle.circleId}/dashboard`;
  });
  afterAll(() => demo.server.close());

  it("takes the default local user when no development header is sent, so the demo circle shows at once", async () => {
    const { status, body } = await getJson<MyCirclesResponse>(`${demo.server.url}/api/me/circles`);
    expect(status).toBe(200);
    expect(body.user.signIn).toBe("local-development");
    expect(body.circles.map((entry) => entry.name)).toEqual(["Northwest Alliance"]);
  });

  it("takes the user from the x-dev-user header, and explains a malformed one", async () => {
    const megan = await getJson<DashboardView>(dashboardUrl, { "x-dev-user": `${FABRIKAM_TENANT}/${SECOND_LOCAL_USER.aadObjectId}` });
    expect(megan.status).toBe(200);
    expect(megan.body.viewer.companyName).toBe("Fabrikam Cloud Services");
    const stranger = await getJson<ApiErrorBody>(dashboardUrl, { "x-dev-user": `${OTHER_TENANT}/someone-else` });
    expect(stranger.status).toBe(404);
    const malformed = await getJson<ApiErrorBody>(dashboardUrl, { "x-dev-user": "just-a-name" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('The x-dev-user header must look like "tenantId/userId".');
  });

  it("keeps who rated what confidential: only aggregates, and a company's own ratings only to itself", async () => {
    const alex = await getJson<DashboardView>(dashboardUrl);
    const text = JSON.stringify(alex.body);
    expect(text).not.toMatch(/"rater"|"ratedBy"|"userId"|"aadObjectId"|00000000-0000-0000-0000-00000000002/);
    const contosoRated = demo.demo.assessments.filter((a) => a.rater.companyName === "Contoso Consulting" && a.subject.companyName !== "Contoso Consulting" && a.cycle === "2026-Q3");
    expect(alex.body.myRatings.map((rating) => rating.subject.companyName).sort()).toEqual(contosoRated.map((a) => a.subject.companyName).sort());
    // Fabrikam is rated by Contoso and Tailspin: Contoso could work the other rating out, so it sees no aggregate.
    expect(alex.body.partnerFriendliness.find((entry) => entry.companyName === "Fabrikam Cloud Services")?.status).toBe("too-few-raters");
    const megan = await getJson<DashboardView>(dashboardUrl, { "x-dev-user": `${FABRIKAM_TENANT}/${SECOND_LOCAL_USER.aadObjectId}` });
    expect(megan.body.partnerFriendliness.find((entry) => entry.companyName === "Fabrikam Cloud Services")).toMatchObject({ status: "rated", raters: 2 });
    expect(megan.body.myRatings.every((rating) => rating.subject.companyName !== "Fabrikam Cloud Services")).toBe(true);
    expect(megan.body.myRatings.map((rating) => rating.subject.companyName)).not.toEqual(alex.body.myRatings.map((rating) => rating.subject.companyName));
  });

  it("shows a company its own self-assessment in full, with who answered it, and not the other companies' people", async () => {
    const alex = await getJson<DashboardView>(dashboardUrl);
    const own = alex.body.members.find((entry) => entry.isViewer);
    expect(own?.latest?.answeredBy).toEqual(["Alex Wilber", "Lynne Robbins"]);
    expect(own?.latest?.peopleAnswered).toBe(2);
    expect(own?.latest?.cells).toHaveLength(10);
    expect(alex.body.members.filter((entry) => !entry.isViewer).every((entry) => entry.latest?.answeredBy === undefined)).toBe(true);
  });
});

describe("local mode safety", () => {
  it("refuses to start the tab API without SSO when NODE_ENV is production", async () => {
    const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent" });
    const storage = new MemoryTableStoreFactory();
    const context: ServerContext = { config, logger: createLogger("silent"), clock: manualClock(DEMO_NOW), storage, repositories: await openRepositories(storage) };
    expect(() => createTabRoutes(context)).toThrow(/cannot run in production without Teams SSO: set TAB_CLIENT_ID/);
  });

  it("says loudly at start that it runs in local mode", async () => {
    const { lines, logger } = capturedLogger();
    const storage = new MemoryTableStoreFactory();
    createTabRoutes({ config: loadConfig({ NODE_ENV: "development" }), logger, clock: manualClock(DEMO_NOW), storage, repositories: await openRepositories(storage) });
    const warning = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((line) => /LOCAL MODE/.test(line.msg));
    expect(warning?.level).toBe(40);
  });

  it("logs why it refused a sign-in, but never the token", async () => {
    const { lines, logger } = capturedLogger();
    const clock = manualClock(DEMO_NOW);
    const issuer = await createTokenIssuer(CLIENT_ID, () => clock.now());
    const storage = azuriteFactory();
    const config = loadConfig({ NODE_ENV: "test", TAB_CLIENT_ID: CLIENT_ID, TAB_TENANT_ID: TENANT });
    const running = await startServer({ config, logger, clock, storage, repositories: await openRepositories(storage), tabSigningKeys: issuer.signingKeys }, { port: 0, host: "127.0.0.1", backgroundServices: false });
    try {
      const forged = await issuer.sign(ALEX, { privateKey: await foreignPrivateKey() });
      const refused = await fetch(`${running.url}/api/me/circles`, { headers: bearer(forged) });
      expect(refused.status).toBe(401);
      expect(lines.some((line) => line.includes("token-bad-signature"))).toBe(true);
      expect(lines.join("")).not.toContain(forged.split(".")[2]);
    } finally {
      await running.close();
    }
  });
});
