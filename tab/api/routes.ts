import type { Reply, Route, RouteModule, RouteRequest } from "../../platform/http.js";
import type { ServerContext } from "../../platform/context.js";
import type { CircleSnapshot } from "../../storage/repositories/circles.js";
import type { MemberRecord } from "../../storage/records.js";
import type { MyCirclesResponse } from "../shared/dashboard-types.js";
import { circleNotFound, requireMembership } from "./access.js";
import { DEV_USER_HEADER, localAuthenticator, microsoftSigningKeys, ssoAuthenticator, type TabAuthenticator, type TabIdentity } from "./auth.js";
import { circlesOf } from "./circles-of.js";
import { giveAndTakeRoutes } from "./give-and-take-routes.js";
import { circleResultsCsv, csvFileName } from "./csv.js";
import { buildDashboard } from "./dashboard.js";
import { actingRoutes } from "./acting.js";
import { circleIdOf, signedIn, type IdentifiedHandler } from "./signed-in.js";
import { tabStaticRoutes } from "./static-files.js";

/**
 * The dashboard API under /api/ and the tab's files under /tab/:
 *   GET /api/me/circles                       the circles the signed-in person belongs to
 *   GET /api/circles/:circleId/dashboard      one circle's dashboard (DashboardView)
 *   GET /api/circles/:circleId/export.csv     the circle's self-assessment results as CSV
 * and the changes a member makes from the dashboard (acting.ts).
 */
export function createTabRoutes(context: ServerContext): RouteModule {
  const authenticator = authenticatorFor(context);
  const api = (path: string, handler: IdentifiedHandler): Route => ({ method: "GET", path, handle: signedIn(authenticator, handler) });
  return [
    api("/api/me/circles", (identity, _request, reply) => myCircles(context, identity, reply)),
    api("/api/circles/:circleId/dashboard", (identity, request, reply) => dashboard(context, identity, request, reply)),
    api("/api/circles/:circleId/export.csv", (identity, request, reply) => exportCsv(context, identity, request, reply)),
    ...actingRoutes(context, authenticator),
    ...tabStaticRoutes(),
    ...giveAndTakeRoutes(api, (identity, request) => readableSnapshot(context, identity, request), context.clock),
  ];
}

/** Teams SSO when configured; otherwise local mode, which is loud at start and impossible in production. */
function authenticatorFor(context: ServerContext): TabAuthenticator {
  const { config, logger } = context;
  if (config.tabSso) {
    const signingKeys = context.tabSigningKeys ?? microsoftSigningKeys();
    logger.info({ clientId: config.tabSso.clientId, tenant: config.tabSso.tenantId ?? "any", allowedTenants: config.tabSso.allowedTenants }, "tab API: Teams SSO tokens required");
    return ssoAuthenticator(config.tabSso, signingKeys, context.clock);
  }
  if (config.environment === "production") {
    throw new Error(
      "The tab API cannot run in production without Teams SSO: set TAB_CLIENT_ID (the tab's Entra app registration) and TAB_TENANT_ID or TAB_ALLOWED_TENANTS. Local mode trusts the x-dev-user header and is for development only.",
    );
  }
  logger.warn(
    { header: DEV_USER_HEADER },
    "tab API in LOCAL MODE: no sign-in, the user is taken from the x-dev-user header (tenantId/userId) or is the default local user. Set TAB_CLIENT_ID to require Teams SSO.",
  );
  return localAuthenticator();
}

async function myCircles(context: ServerContext, identity: TabIdentity, reply: Reply): Promise<void> {
  const body: MyCirclesResponse = {
    user: { tenantId: identity.tenantId, name: identity.name, signIn: identity.signIn },
    circles: await circlesOf(context.repositories, identity),
  };
  reply.json(200, body);
}

/** One partition read, then the access check, then the pure assembly. */
async function readableSnapshot(context: ServerContext, identity: TabIdentity, request: RouteRequest): Promise<{ snapshot: CircleSnapshot; membership: MemberRecord }> {
  const snapshot = await context.repositories.circles.snapshot(circleIdOf(request));
  if (!snapshot) throw circleNotFound();
  const membership = requireMembership(snapshot.members.map((row) => row.data), identity);
  return { snapshot, membership };
}

async function dashboard(context: ServerContext, identity: TabIdentity, request: RouteRequest, reply: Reply): Promise<void> {
  const { snapshot, membership } = await readableSnapshot(context, identity, request);
  const { view, unreadableRows } = buildDashboard({ snapshot, viewerCompanyId: membership.company.companyId, now: context.clock.now() });
  if (unreadableRows > 0) request.log.warn({ circleId: view.circle.circleId, unreadableRows }, "dashboard left out rows it could not read");
  reply.json(200, view);
}

async function exportCsv(context: ServerContext, identity: TabIdentity, request: RouteRequest, reply: Reply): Promise<void> {
  const { snapshot } = await readableSnapshot(context, identity, request);
  const fileName = csvFileName(snapshot.circle.data.name, context.clock.now());
  reply.raw(200, circleResultsCsv(snapshot), {
    "content-type": "text/csv; charset=utf-8; header=present",
    "content-disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "cache-control": "no-store",
  });
}
