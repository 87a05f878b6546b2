import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from "botbuilder";
import type { BotCredentials } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import { turnLogOf } from "./turn-log.js";

const SOMETHING_WENT_WRONG = "Sorry, something went wrong on my side and I couldn't finish that. Your saved answers are safe; please try again in a moment.";

/**
 * The Bot Framework adapter. Without credentials (local use, the Agents Playground) requests are not
 * authenticated; with MicrosoftAppId/Password/TenantId/Type every inbound request must carry a valid
 * Bot Framework token and replies are signed.
 */
export function createAdapter(credentials: BotCredentials | undefined, logger: Logger): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authenticationSettings(credentials)));
  adapter.onTurnError = async (context, error) => {
    turnLogOf(context, logger).error({ err: errorSummary(error) }, "turn failed");
    await tellSomethingWentWrong(context, logger);
  };
  return adapter;
}

function authenticationSettings(credentials: BotCredentials | undefined): Record<string, string> {
  if (!credentials) return {};
  return {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppType: credentials.appType,
    ...(credentials.appPassword ? { MicrosoftAppPassword: credentials.appPassword } : {}),
    ...(credentials.appTenantId ? { MicrosoftAppTenantId: credentials.appTenantId } : {}),
  };
}

/** The person hears that it failed, never why (no stack traces, no storage details). */
async function tellSomethingWentWrong(context: TurnContext, logger: Logger): Promise<void> {
  try {
    if (context.activity.type === ActivityTypes.Invoke && context.activity.name === "adaptiveCard/action") {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: SOMETHING_WENT_WRONG } } });
    } else if (context.activity.type === ActivityTypes.Message || context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity(SOMETHING_WENT_WRONG);
    }
  } catch (sendError) {
    turnLogOf(context, logger).error({ err: errorSummary(sendError) }, "could not tell the person about the failure");
  }
}

function errorSummary(error: unknown): { name: string; message: string; stack?: string } {
  return error instanceof Error ? { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) } : { name: "NonError", message: String(error) };
}
