import type { RouteModule } from "../platform/http.js";
import type { ServerContext } from "../platform/context.js";
import { openReminderContext, type ReminderContext } from "../reminders/index.js";
import { activityOf, createAdapter } from "./teams/adapter.js";
import { AssessmentBot } from "./teams/bot.js";
import { attachTurnLog } from "./teams/turn-log.js";

/**
 * The largest activity accepted. A Teams message is at most about 100 KB (UTF-16, "Format your bot
 * messages", learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages);
 * 256 KiB leaves room for channel data and entities around it.
 */
const ACTIVITY_MAX_BYTES = 256 * 1024;

/** Mounts POST /api/messages: the edge checks the body, the adapter the token, then the bot runs the turn. No logic lives here. */
export function createBotRoutes(context: ServerContext): RouteModule {
  const adapter = createAdapter(context.config.bot, context.logger, context.botSigningKeySources);
  const appId = context.config.bot?.appId ?? "";
  const bot = new AssessmentBot({
    repositories: context.repositories,
    clock: context.clock,
    logger: context.logger,
    reminders: openOnce(() => openReminderContext(context)),
    continueConversation: (reference, send) => adapter.continueConversationAsync(appId, reference, send),
  });
  return [
    {
      method: "POST",
      path: "/api/messages",
      body: { mediaTypes: ["application/json"], maxBytes: ACTIVITY_MAX_BYTES },
      handle: async (request, reply) => {
        const activity = activityOf(request.body);
        const authenticated = await adapter.authenticate(activity, headerValue(request.headers.authorization));
        const invokeResponse = await adapter.run(authenticated, activity, async (turn) => {
          attachTurnLog(turn, request.log);
          await bot.run(turn);
        });
        if (invokeResponse?.body !== undefined) reply.json(invokeResponse.status, invokeResponse.body);
        else reply.empty(invokeResponse?.status ?? 200);
      },
    },
  ];
}

function headerValue(header: string | string[] | undefined): string {
  return (Array.isArray(header) ? header[0] : header) ?? "";
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
