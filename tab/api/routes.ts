import type { RouteModule } from "../../server/app.js";
import type { ServerContext } from "../../server/context.js";

/** Mounts the dashboard API under /api/ and the tab's static files (filled in by the dashboard). */
export function createTabRoutes(_context: ServerContext): RouteModule {
  return () => undefined;
}
