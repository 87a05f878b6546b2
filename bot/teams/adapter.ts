import { ActivityTypes, CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from "botframework-connector";
import { z } from "zod";
import type { BotCredentials } from "../../platform/config.js";
import type { BotSigningKeySources } from "../../platform/context.js";
import { Refusal } from "../../platform/http.js";
import type { Logger } from "../../platform/logger.js";
import { StorageUnavailableError, TransactionError } from "../../storage/table-store.js";
import { credentialsFactoryFor } from "./credentials.js";
import { turnLogOf } from "./turn-log.js";

const SOMETHING_WENT_WRONG = "Sorry, something went wrong on my side and I couldn't finish that. Your saved answers are safe; please try again in a moment.";
const STORAGE_UNAVAILABLE = "Sorry, I can't reach my storage right now, so I couldn't finish that. What you saved before is safe; please try again in a few minutes.";

/**
 * The Bot Framework adapter. Without credentials (local use, the Agents Playground) requests are not
 * authenticated; with credentials (a client secret, a managed identity or a federated credential:
 * credentials.ts) every inbound request must carry a valid Bot Framework token for the bot's app id
 * and replies carry the bot's own token.
 *
 * The route calls `authenticate` and `run` instead of CloudAdapter.process, which answers every
 * failure itself with the error's text and writes it to console.error: here a bad token is a 401,
 * unreachable signing keys a 503, and every failure is logged through pino with the request id.
 */
export class TeamsAdapter extends CloudAdapter {
  /** Checks the request's Bot Framework token (nothing to check in local mode); rejects with a Refusal (401, or 503 when the signing keys cannot be fetched). */
  async authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (error) {
      throw authenticationRefusal(error);
    }
  }

  /** Runs one turn for an authenticated activity; resolves with the invoke response, if the turn produced one. */
  run(authenticated: AuthenticateRequestResult, activity: Activity, logic: (turn: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

export function createAdapter(credentials: BotCredentials | undefined, logger: Logger, keySources?: BotSigningKeySources): TeamsAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication(keySources ? publicCloudWithKeysFrom(keySources) : {}, credentials ? credentialsFactoryFor(credentials) : undefined);
  const adapter = new TeamsAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    turnLogOf(context, logger).error({ err: errorSummary(error) }, "turn failed");
    await tellSomethingWentWrong(context, logger, isStorageUnavailable(error) ? STORAGE_UNAVAILABLE : SOMETHING_WENT_WRONG);
  };
  return adapter;
}

/** botbuilder takes every public-cloud endpoint as given as soon as one is set: all of them, with only the key sources moved. */
function publicCloudWithKeysFrom(keySources: BotSigningKeySources): Record<string, string> {
  return {
    ValidateAuthority: "true",
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ToBotFromChannelOpenIdMetadataUrl: keySources.channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: keySources.emulatorOpenIdMetadataUrl,
  };
}

/** Node's and node-fetch's codes for "could not reach the other side". */
const NETWORK_FAILURES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * botbuilder signals a bad or missing token with AuthenticationError 401, and keys it could not
 * load with AuthenticationError 500 or the fetch's own network error: the latter are Bot
 * Framework being unreachable (503), never the caller's fault and never a reason to show its text.
 */
function authenticationRefusal(error: unknown): Refusal {
  const status = AuthenticationError.isStatusCodeError(error) ? error.statusCode : undefined;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const name = error instanceof Error ? error.name : "";
  if ((status !== undefined && status >= 500) || NETWORK_FAILURES.has(code) || name === "FetchError" || name === "AbortError") {
    return new Refusal(503, "bot-keys-unavailable", "Bot Framework's signing keys cannot be fetched right now, so the request cannot be checked. Try again in a minute.");
  }
  return new Refusal(401, "bot-token-invalid", "The request does not carry a valid Bot Framework token.");
}

/** The smallest activity the SDK can answer: Teams sends all of these on every activity. */
const activitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1).max(1024) }),
});

/** The request body as an Activity, with its timestamps as Dates (as CloudAdapter.process does); a Refusal (400) when it is not one. */
export function activityOf(body: unknown): Activity {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal(400, "bad-activity", `The request body is not a Bot Framework activity${issue ? ` (${issue.path.join(".") || "body"}: ${issue.message})` : ""}.`);
  }
  const activity = parsed.data as Record<string, unknown>;
  for (const field of ["timestamp", "localTimestamp", "expiration"] as const) {
    const value = activity[field];
    if (typeof value === "string") activity[field] = new Date(value);
  }
  return activity as unknown as Activity;
}

function isStorageUnavailable(error: unknown): boolean {
  return error instanceof StorageUnavailableError || (error instanceof TransactionError && error.cause instanceof StorageUnavailableError);
}

/** The person hears that it failed, never why (no stack traces, no storage details). */
async function tellSomethingWentWrong(context: TurnContext, logger: Logger, sentence: string): Promise<void> {
  try {
    if (context.activity.type === ActivityTypes.Invoke && context.activity.name === "adaptiveCard/action") {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: sentence } } });
    } else if (context.activity.type === ActivityTypes.Message || context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity(sentence);
    }
  } catch (sendError) {
    turnLogOf(context, logger).error({ err: errorSummary(sendError) }, "could not tell the person about the failure");
  }
}

function errorSummary(error: unknown): { name: string; message: string; stack?: string } {
  return error instanceof Error ? { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) } : { name: "NonError", message: String(error) };
}
