import type { Request, Response, Server } from "restify";
import { z } from "zod";
import type { RouteModule } from "../../platform/http.js";
import { requestLogger } from "../../platform/logger.js";
import type { ServerContext } from "../../platform/context.js";
import type { Logger } from "../../platform/logger.js";
import type { CircleSnapshot } from "../../storage/repositories/circles.js";
import type { MemberRecord } from "../../storage/records.js";
import { InvalidKeyError } from "../../storage/table-store.js";
import type { MyCirclesResponse } from "../shared/dashboard-types.js";
import { circleNotFound, requireMembership } from "./access.js";
import { DEV_USER_HEADER, localAuthenticator, microsoftSigningKeys, ssoAuthenticator, type TabAuthenticator, type TabIdentity } from "./auth.js";
import { circlesOf } from "./circles-of.js";
import { circleResultsCsv, csvFileName } from "./csv.js";
import { buildDashboard } from "./dashboard.js";
import { ApiRefusal, sendError } from "./refusals.js";
import { mountTabStaticFiles } from "./static-files.js";

const circleIdParam = z
  .string({ message: "The circle id is missing from the address." })
  .min(1, "The circle id is missing from the address.")
  .max(200, "The circle id in the address is too long to be a circle id.")
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, "The circle id in the address contains characters a circle id never has.");

/**
 * The dashboard API under /api/ and the tab's files under /tab/:
 *   GET /api/me/circles                       the circles the signed-in person belongs to
 *   GET /api/circles/:circleId/dashboard      one circle's dashboard (DashboardView)
 *   GET /api/circles/:circleId/export.csv     the circle's self-assessment results as CSV
 */
export function createTabRoutes(context: ServerContext): RouteModule {
  const authenticator = authenticatorFor(context);
  return (server: Server) => {
    server.get("/api/me/circles", guarded(context, authenticator, (identity, _req, res) => myCircles(context, identity, res)));
    server.get("/api/circles/:circleId/dashboard", guarded(context, authenticator, (identity, req, res) => dashboard(context, identity, req, res)));
    server.get("/api/circles/:circleId/export.csv", guarded(context, authenticator, (identity, req, res) => exportCsv(context, identity, req, res)));
    mountTabStaticFiles(server, context.logger);
  };
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

type IdentifiedHandler = (identity: TabIdentity, req: Request, res: Response) => Promise<void>;

/** Authenticates, runs the handler, and turns every refusal or failure into a JSON error a person can read. */
function guarded(context: ServerContext, authenticator: TabAuthenticator, handler: IdentifiedHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    const log = requestLogger(context.logger, req);
    try {
      const identity = await authenticator.identify(req.headers);
      await handler(identity, req, res);
    } catch (error) {
      answerFailure(error, res, log);
    }
  };
}

function answerFailure(error: unknown, res: Response, log: Logger): void {
  if (error instanceof ApiRefusal) {
    log.warn({ status: error.status, code: error.code }, "tab API request refused");
    sendError(res, error.status, error.code, error.message);
    return;
  }
  if (error instanceof InvalidKeyError) {
    log.warn({ code: "bad-circle-id" }, "tab API request refused");
    sendError(res, 400, "bad-circle-id", "The circle id in the address is not a valid circle id.");
    return;
  }
  log.error({ err: error }, "tab API request failed");
  sendError(res, 500, "internal-error", "Something went wrong on our side. Try again in a moment.");
}

function circleIdOf(req: Request): string {
  const parsed = circleIdParam.safeParse(req.params?.circleId);
  if (!parsed.success) throw new ApiRefusal(400, "bad-circle-id", parsed.error.issues[0]?.message ?? "The circle id in the address is not valid.");
  return parsed.data;
}

async function myCircles(context: ServerContext, identity: TabIdentity, res: Response): Promise<void> {
  const body: MyCirclesResponse = {
    user: { tenantId: identity.tenantId, name: identity.name, signIn: identity.signIn },
    circles: await circlesOf(context.repositories, identity),
  };
  res.header("cache-control", "no-store");
  res.json(200, body);
}

/** One partition read, then the access check, then the pure assembly. */
async function readableSnapshot(context: ServerContext, identity: TabIdentity, req: Request): Promise<{ snapshot: CircleSnapshot; membership: MemberRecord }> {
  const snapshot = await context.repositories.circles.snapshot(circleIdOf(req));
  if (!snapshot) throw circleNotFound();
  const membership = requireMembership(snapshot.members.map((row) => row.data), identity);
  return { snapshot, membership };
}

async function dashboard(context: ServerContext, identity: TabIdentity, req: Request, res: Response): Promise<void> {
  const { snapshot, membership } = await readableSnapshot(context, identity, req);
  const { view, unreadableRows } = buildDashboard({ snapshot, viewerCompanyId: membership.company.companyId, now: context.clock.now() });
  if (unreadableRows > 0) requestLogger(context.logger, req).warn({ circleId: view.circle.circleId, unreadableRows }, "dashboard left out rows it could not read");
  res.header("cache-control", "no-store");
  res.json(200, view);
}

async function exportCsv(context: ServerContext, identity: TabIdentity, req: Request, res: Response): Promise<void> {
  const { snapshot } = await readableSnapshot(context, identity, req);
  const fileName = csvFileName(snapshot.circle.data.name, context.clock.now());
  res.sendRaw(200, circleResultsCsv(snapshot), {
    "content-type": "text/csv; charset=utf-8; header=present",
    "content-disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "cache-control": "no-store",
  });
}
