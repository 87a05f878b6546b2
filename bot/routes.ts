import type { RouteModule } from "../server/app.js";
import type { ServerContext } from "../server/context.js";

/** Mounts POST /api/messages (filled in by the bot). */
export function createBotRoutes(_context: ServerContext): RouteModule {
  return () => undefined;
}
