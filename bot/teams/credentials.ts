import {
  AuthenticationConstants,
  FederatedServiceClientCredentialsFactory,
  JwtTokenProviderFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  PasswordServiceClientCredentialFactory,
  type ServiceClientCredentialsFactory,
} from "botframework-connector";
import type { BotCredentials } from "../../platform/config.js";

/**
 * The bot's credentials as botbuilder's credential factory: the one place that decides how the bot
 * gets its Bot Framework tokens. Every mode asks its own (home) tenant for them — also to answer
 * conversations in other organisations' tenants (docs/identity.md, "How a single-tenant bot serves
 * other organisations").
 *
 * botbuilder's ConfigurationServiceClientCredentialFactory knows client secrets and managed identities
 * but not federated credentials, so the factory is built here for every mode.
 */
export function credentialsFactoryFor(credentials: BotCredentials): ServiceClientCredentialsFactory {
  switch (credentials.mode) {
    case "client-secret":
      // An empty tenant makes botbuilder ask the legacy multi-tenant authority (botframework.com).
      return new PasswordServiceClientCredentialFactory(credentials.appId, credentials.appPassword, credentials.appTenantId ?? "");
    case "managed-identity":
      return new ManagedIdentityServiceClientCredentialsFactory(credentials.appId, new JwtTokenProviderFactory());
    case "federated":
      return new FederatedServiceClientCredentialsFactory(credentials.appId, credentials.managedIdentityClientId, credentials.appTenantId);
  }
}

/** A source of Bot Connector tokens for calls made outside a turn (reminders). */
export function botConnectorTokenSource(credentials: BotCredentials): () => Promise<string> {
  const factory = credentialsFactoryFor(credentials);
  // Created on first use and kept: botbuilder's credentials cache and refresh their token themselves.
  let pending: Promise<object> | undefined;
  return async () => {
    pending ??= factory.createCredentials(credentials.appId, AuthenticationConstants.ToChannelFromBotOAuthScope, AuthenticationConstants.ToChannelFromBotLoginUrl, true);
    const serviceCredentials = await pending;
    if (!hasGetToken(serviceCredentials)) throw new Error("botbuilder's credentials cannot give a token");
    return serviceCredentials.getToken();
  };
}

function hasGetToken(value: object): value is { getToken(forceRefresh?: boolean): Promise<string> } {
  return typeof (value as { getToken?: unknown }).getToken === "function";
}
