import type { Reply, Route, RouteRequest } from "../../platform/http.js";
import type { Clock } from "../../core/clock.js";
import type { CircleSnapshot } from "../../storage/repositories/circles.js";
import type { TabIdentity } from "./auth.js";
import { csvFileName, giveAndTakeCsv, isPeriodId } from "./csv.js";
import { ApiRefusal } from "./refusals.js";

type SignedInRoute = (path: string, handler: (identity: TabIdentity, request: RouteRequest, reply: Reply) => Promise<void>) => Route;
/** The circle's partition, once the signed-in person's company is found to be a member (404 otherwise). */
type ReadableSnapshot = (identity: TabIdentity, request: RouteRequest) => Promise<{ snapshot: CircleSnapshot }>;

/**
 *   GET /api/circles/:circleId/give-and-take.csv?period=two-quarters
 * The give-and-take view of one period (this-quarter, two-quarters, year, all) as CSV: leads given
 * and received, values and timings, never a customer.
 */
export function giveAndTakeRoutes(api: SignedInRoute, readable: ReadableSnapshot, clock: Clock): Route[] {
  return [api("/api/circles/:circleId/give-and-take.csv", (identity, request, reply) => exportGiveAndTake(readable, clock, identity, request, reply))];
}

async function exportGiveAndTake(readable: ReadableSnapshot, clock: Clock, identity: TabIdentity, request: RouteRequest, reply: Reply): Promise<void> {
  const period = request.query.get("period") ?? "two-quarters";
  if (!isPeriodId(period)) throw new ApiRefusal(400, "bad-period", "The period must be one of this-quarter, two-quarters, year or all.");
  const { snapshot } = await readable(identity, request);
  const now = clock.now();
  const fileName = csvFileName(snapshot.circle.data.name, now, `give-and-take-${period}`);
  reply.raw(200, giveAndTakeCsv(snapshot, period, now), {
    "content-type": "text/csv; charset=utf-8; header=present",
    "content-disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "cache-control": "no-store",
  });
}
