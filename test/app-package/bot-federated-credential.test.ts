import { describe, expect, it } from "vitest";
import { CREDENTIAL_NAME, planCredential, settingsFrom, TOKEN_EXCHANGE_AUDIENCE, wantedCredential, type ExistingCredential } from "../../scripts/bot-federated-credential.js";

const TENANT = "22222222-2222-4222-8222-222222222222";
const SETTINGS = {
  BOT_OBJECT_ID: "55555555-5555-4555-8555-555555555555",
  BOT_TENANT_ID: TENANT,
  BOT_IDENTITY_PRINCIPAL_ID: "66666666-6666-4666-8666-666666666666",
  BOT_IDENTITY_TENANT_ID: TENANT,
};

function refusalOf(environment: Record<string, string>): string {
  try {
    settingsFrom(environment);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected the settings to be refused");
}

describe("the federated credential that lets the bot's Entra app trust the App Service's managed identity", () => {
  it("trusts tokens the identity's tenant issues for the identity, for Entra's token exchange", () => {
    expect(wantedCredential(settingsFrom(SETTINGS))).toEqual({
      name: CREDENTIAL_NAME,
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      subject: SETTINGS.BOT_IDENTITY_PRINCIPAL_ID,
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
      description: expect.any(String),
    });
  });

  it("is added when the app has none, and provisioning again changes nothing", () => {
    const wanted = wantedCredential(settingsFrom(SETTINGS));
    expect(planCredential([], wanted)).toEqual({ action: "create", credential: wanted });
    const existing: ExistingCredential[] = [{ id: "fic-1", name: "set-up-by-hand", issuer: wanted.issuer, subject: wanted.subject.toUpperCase(), audiences: [TOKEN_EXCHANGE_AUDIENCE] }];
    expect(planCredential(existing, wanted)).toEqual({ action: "keep" });
  });

  it("is brought up to date when the identity was created anew (a new principal id)", () => {
    const wanted = wantedCredential(settingsFrom(SETTINGS));
    const stale: ExistingCredential[] = [{ id: "fic-1", name: CREDENTIAL_NAME, issuer: wanted.issuer, subject: "77777777-7777-4777-8777-777777777777", audiences: [TOKEN_EXCHANGE_AUDIENCE] }];
    expect(planCredential(stale, wanted)).toEqual({ action: "update", id: "fic-1", credential: wanted });
  });

  it("refuses to run before provisioning wrote the ids, saying what is missing", () => {
    expect(refusalOf({ ...SETTINGS, BOT_OBJECT_ID: "" })).toMatch(/^BOT_OBJECT_ID must be the object id of the bot's Entra app \(a GUID\)/);
  });

  it("refuses an Entra app and an Azure subscription in different tenants", () => {
    expect(refusalOf({ ...SETTINGS, BOT_IDENTITY_TENANT_ID: "88888888-8888-4888-8888-888888888888" })).toMatch(/^The bot's Entra app and the Azure subscription are in different tenants/);
  });
});
