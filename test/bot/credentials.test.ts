import { FederatedServiceClientCredentialsFactory, ManagedIdentityServiceClientCredentialsFactory, PasswordServiceClientCredentialFactory } from "botframework-connector";
import { describe, expect, it } from "vitest";
import { credentialsFactoryFor } from "../../bot/teams/credentials.js";
import { ConfigError, loadConfig, type BotCredentials } from "../../platform/config.js";

const BOT_APP = "11111111-1111-4111-8111-111111111111";
const HOME_TENANT = "22222222-2222-4222-8222-222222222222";
const MANAGED_IDENTITY = "33333333-3333-4333-8333-333333333333";

function botOf(env: Record<string, string>): BotCredentials {
  const bot = loadConfig(env).bot;
  if (!bot) throw new Error("expected bot credentials");
  return bot;
}

function refusalOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected the configuration to be refused");
}

/** The authority a factory's credentials ask for tokens: botbuilder keeps it as oAuthEndpoint. */
async function authorityOf(credentials: BotCredentials): Promise<string> {
  const created: object = await credentialsFactoryFor(credentials).createCredentials(credentials.appId, "https://api.botframework.com", "https://login.microsoftonline.com/botframework.com", true);
  return String((created as { oAuthEndpoint?: unknown }).oAuthEndpoint);
}

describe("the bot's credentials, chosen from its configuration", () => {
  it("a single-tenant bot with a client secret gets its tokens from its own tenant", async () => {
    const bot = botOf({ MicrosoftAppType: "SingleTenant", MicrosoftAppId: BOT_APP, MicrosoftAppTenantId: HOME_TENANT, MicrosoftAppPassword: "not-a-real-secret" });
    expect(bot).toEqual({ mode: "client-secret", appType: "SingleTenant", appId: BOT_APP, appTenantId: HOME_TENANT, appPassword: "not-a-real-secret" });
    expect(credentialsFactoryFor(bot)).toBeInstanceOf(PasswordServiceClientCredentialFactory);
    expect(await authorityOf(bot)).toBe(`https://login.microsoftonline.com/${HOME_TENANT}`);
  });

  it("a single-tenant bot whose Entra app trusts the App Service's managed identity needs no secret", async () => {
    const bot = botOf({ MicrosoftAppType: "SingleTenant", MicrosoftAppId: BOT_APP, MicrosoftAppTenantId: HOME_TENANT, MicrosoftAppClientId: MANAGED_IDENTITY });
    expect(bot).toEqual({ mode: "federated", appType: "SingleTenant", appId: BOT_APP, appTenantId: HOME_TENANT, managedIdentityClientId: MANAGED_IDENTITY });
    expect(credentialsFactoryFor(bot)).toBeInstanceOf(FederatedServiceClientCredentialsFactory);
    expect(await authorityOf(bot)).toBe(`https://login.microsoftonline.com/${HOME_TENANT}`);
  });

  it("a bot registered as a user-assigned managed identity uses that identity", () => {
    const bot = botOf({ MicrosoftAppType: "UserAssignedMSI", MicrosoftAppId: MANAGED_IDENTITY, MicrosoftAppTenantId: HOME_TENANT });
    expect(bot).toEqual({ mode: "managed-identity", appType: "UserAssignedMSI", appId: MANAGED_IDENTITY, appTenantId: HOME_TENANT });
    expect(credentialsFactoryFor(bot)).toBeInstanceOf(ManagedIdentityServiceClientCredentialsFactory);
  });

  it("a multi-tenant registration made before 31 July 2025 keeps working with its secret", async () => {
    const bot = botOf({ MicrosoftAppType: "MultiTenant", MicrosoftAppId: BOT_APP, MicrosoftAppPassword: "not-a-real-secret" });
    expect(bot.mode).toBe("client-secret");
    expect(await authorityOf(bot)).toBe("https://login.microsoftonline.com/botframework.com");
  });

  it("accepts tokens only for its own app id, in every mode", async () => {
    const modes: Record<string, string>[] = [
      { MicrosoftAppType: "SingleTenant", MicrosoftAppId: BOT_APP, MicrosoftAppTenantId: HOME_TENANT, MicrosoftAppPassword: "not-a-real-secret" },
      { MicrosoftAppType: "SingleTenant", MicrosoftAppId: BOT_APP, MicrosoftAppTenantId: HOME_TENANT, MicrosoftAppClientId: MANAGED_IDENTITY },
      { MicrosoftAppType: "UserAssignedMSI", MicrosoftAppId: BOT_APP, MicrosoftAppTenantId: HOME_TENANT },
    ];
    for (const env of modes) {
      const factory = credentialsFactoryFor(botOf(env));
      expect(await factory.isValidAppId(BOT_APP)).toBe(true);
      expect(await factory.isValidAppId(MANAGED_IDENTITY)).toBe(false);
      expect(await factory.isAuthenticationDisabled()).toBeFalsy();
    }
  });

  it("without an app id the bot runs without credentials (local use)", () => {
    expect(loadConfig({}).bot).toBeUndefined();
  });
});

describe("incomplete or contradictory bot settings are refused with a sentence", () => {
  it("a single-tenant bot without its tenant", () => {
    expect(refusalOf({ MicrosoftAppType: "SingleTenant", MicrosoftAppId: BOT_APP, MicrosoftAppClientId: MANAGED_IDENTITY })).toEqual([
      "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant",
    ]);
  });

  it("a single-tenant bot with neither a secret nor a federated credential", () => {
    expect(refusalOf({ MicrosoftAppType: "SingleTenant", MicrosoftAppId: BOT_APP, MicrosoftAppTenantId: HOME_TENANT })).toEqual([
      "A SingleTenant bot needs MicrosoftAppPassword (the Entra app's client secret) or MicrosoftAppClientId (the client id of a managed identity its federated credential trusts)",
    ]);
  });

  it("a single-tenant bot with both a secret and a federated credential", () => {
    expect(
      refusalOf({ MicrosoftAppType: "SingleTenant", MicrosoftAppId: BOT_APP, MicrosoftAppTenantId: HOME_TENANT, MicrosoftAppPassword: "not-a-real-secret", MicrosoftAppClientId: MANAGED_IDENTITY }),
    ).toEqual(["Set either MicrosoftAppPassword (a client secret) or MicrosoftAppClientId (a managed identity trusted by a federated credential), not both"]);
  });

  it("a managed-identity bot given a secret, or without its tenant", () => {
    expect(refusalOf({ MicrosoftAppType: "UserAssignedMSI", MicrosoftAppId: MANAGED_IDENTITY, MicrosoftAppTenantId: HOME_TENANT, MicrosoftAppPassword: "not-a-real-secret" })).toEqual([
      "MicrosoftAppPassword and MicrosoftAppClientId must not be set when MicrosoftAppType is UserAssignedMSI (MicrosoftAppId is the managed identity's client id)",
    ]);
    expect(refusalOf({ MicrosoftAppType: "UserAssignedMSI", MicrosoftAppId: MANAGED_IDENTITY })).toEqual(["MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI"]);
  });

  it("a federated credential on a multi-tenant registration, which Bot Framework supports only for single-tenant bots", () => {
    expect(refusalOf({ MicrosoftAppType: "MultiTenant", MicrosoftAppId: BOT_APP, MicrosoftAppClientId: MANAGED_IDENTITY })).toEqual([
      "MicrosoftAppClientId (a federated credential) needs MicrosoftAppType SingleTenant",
    ]);
  });

  it("an app type without the app id", () => {
    expect(refusalOf({ MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: HOME_TENANT })).toEqual(["MicrosoftAppId is required when MicrosoftAppType is SingleTenant"]);
  });
});
