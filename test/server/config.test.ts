import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../platform/config.js";

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("runs locally with nothing set: port 3978, embedded Azurite under .data, no bot or tab authentication", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.storage).toEqual({ kind: "embedded-azurite", dataDirectory: ".data", tablePrefix: "pm" });
    expect(config.bot).toBeUndefined();
    expect(config.tabSso).toBeUndefined();
  });

  it("uses Table Storage from TABLES_CONNECTION_STRING when set", () => {
    const config = loadConfig({ TABLES_CONNECTION_STRING: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k;EndpointSuffix=core.windows.net" });
    expect(config.storage.kind).toBe("connection-string");
  });

  it("uses a storage account URL (managed identity) when TABLES_ACCOUNT_URL is set", () => {
    const config = loadConfig({ TABLES_ACCOUNT_URL: "https://acct.table.core.windows.net" });
    expect(config.storage).toEqual({ kind: "account-url", accountUrl: "https://acct.table.core.windows.net", tablePrefix: "pm" });
  });

  it("tells a person what to set when the port is not a number", () => {
    expect(problemsOf({ PORT: "abc" })).toEqual(["PORT must be a port number, e.g. 3978"]);
    expect(problemsOf({ PORT: "70000" })).toEqual(["PORT must be between 1 and 65535"]);
  });

  it("refuses two storage settings at once", () => {
    expect(problemsOf({ TABLES_CONNECTION_STRING: "UseDevelopmentStorage=true", TABLES_ACCOUNT_URL: "https://acct.table.core.windows.net" })).toEqual([
      "Set either TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL, not both",
    ]);
  });

  it("refuses a storage URL that is not a URL", () => {
    expect(problemsOf({ TABLES_ACCOUNT_URL: "acct.table" })[0]).toMatch(/TABLES_ACCOUNT_URL must be the storage account's table endpoint/);
  });

  it("needs the bot's secret when its app id is set, and the tenant for a single-tenant bot", () => {
    expect(problemsOf({ MicrosoftAppId: "00000000-0000-0000-0000-000000000001" })).toEqual([
      "MicrosoftAppPassword is required when MicrosoftAppId is set (the bot's client secret)",
    ]);
    expect(problemsOf({ MicrosoftAppId: "id", MicrosoftAppPassword: "secret", MicrosoftAppType: "SingleTenant" })).toEqual([
      "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant",
    ]);
    expect(problemsOf({ MicrosoftAppType: "SingleTenant" })).toContain("MicrosoftAppId is required when MicrosoftAppType is SingleTenant");
    expect(problemsOf({ MicrosoftAppType: "Sometimes" })).toEqual(["MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI"]);
  });

  it("collects every problem at once, so one restart fixes them all", () => {
    const problems = problemsOf({ PORT: "x", LOG_LEVEL: "loud", TABLES_PREFIX: "has-dash" });
    expect(problems).toHaveLength(3);
    const message = new ConfigError(problems).message;
    expect(message).toContain("fix its configuration");
    expect(message).toContain("TABLES_PREFIX must start with a letter");
  });

  it("takes bot credentials and tab SSO settings when configured", () => {
    const config = loadConfig({
      MicrosoftAppId: "bot-id",
      MicrosoftAppPassword: "bot-secret",
      MicrosoftAppTenantId: "tenant",
      MicrosoftAppType: "SingleTenant",
      TAB_CLIENT_ID: "tab-id",
      TAB_TENANT_ID: "tenant",
      TAB_ALLOWED_TENANTS: "tenant, partner-tenant ,",
    });
    expect(config.bot).toEqual({ mode: "client-secret", appId: "bot-id", appPassword: "bot-secret", appTenantId: "tenant", appType: "SingleTenant" });
    expect(config.tabSso).toEqual({ clientId: "tab-id", tenantId: "tenant", allowedTenants: ["tenant", "partner-tenant"] });
  });

  it("links cards to the tab at TAB_ENDPOINT inside the Teams app TEAMS_APP_ID, and locally to the server itself", () => {
    expect(loadConfig({}).tabLinks).toEqual({ endpoint: "http://127.0.0.1:3978", teamsAppId: undefined });
    expect(loadConfig({ HOST: "0.0.0.0", PORT: "8080" }).tabLinks.endpoint).toBe("http://127.0.0.1:8080");
    expect(loadConfig({ TAB_ENDPOINT: "https://pm-app.azurewebsites.net/", TEAMS_APP_ID: "app-1" }).tabLinks).toEqual({ endpoint: "https://pm-app.azurewebsites.net", teamsAppId: "app-1" });
    expect(problemsOf({ TAB_ENDPOINT: "pm-app.azurewebsites.net" })).toEqual(["TAB_ENDPOINT must be the tab's public address, e.g. https://pm-app.azurewebsites.net"]);
  });
});
