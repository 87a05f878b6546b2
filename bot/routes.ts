import type { Request, Response } from "restify";
import type { RouteModule } from "../platform/http.js";
import { requestLogger } from "../platform/logger.js";
import type { ServerContext } from "../platform/context.js";
import { openReminderContext, type ReminderContext } from "../reminders/index.js";
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
    reminders: openOnce(() => openReminderContext(context)),
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

/** Opens on first use and shares the result; a failed open is retried on the next use. */
function openOnce(open: () => Promise<ReminderContext>): () => Promise<ReminderContext> {
  let opening: Promise<ReminderContext> | undefined;
  return () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
}
