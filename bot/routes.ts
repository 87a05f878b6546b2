import type { Request, Response } from "restify";
import { requestLogger, type RouteModule } from "../server/app.js";
import type { ServerContext } from "../server/context.js";
import { createAdapter } from "./teams/adapter.js";
import { AssessmentBot } from "./teams/bot.js";
import { attachTurnLog } from "./teams/turn-log.js";

/** Mounts POST /api/messages: credentials → adapter (with its one error handler) → the bot. No logic lives here. */
export function createBotRoutes(context: ServerContext): RouteModule {
  const adapter = createAdapter(context.config.bot, context.logger);
  const appId = context.config.bot?.appId ?? "";
  const bot = new AssessmentBot({
    repositories: context.repositories,
    clock: context.clock,
    logger: context.logger,
    continueConversation: (reference, send) => adapter.continueConversationAsync(appId, reference, send),
  });
  return (server) => {
    server.post("/api/messages", async (req: Request, res: Response) => {
      const log = requestLogger(context.logger, req);
      await adapter.process(req, res, async (turn) => {
        attachTurnLog(turn, log);
        await bot.run(turn);
      });
    });
  };
}
