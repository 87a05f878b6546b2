import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import { describe, expect, it } from "vitest";
import { openStorage } from "../../storage/connect.js";
import { loadConfig } from "../../platform/config.js";

class RecordingCredential implements TokenCredential {
  readonly scopes: string[][] = [];
  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.scopes.push(Array.isArray(scopes) ? scopes : [scopes]);
    return { token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

describe("storage connection from configuration", () => {
  it("with TABLES_ACCOUNT_URL, reaches Table Storage with an Entra ID credential (managed identity in Azure), never a key", async () => {
    const config = loadConfig({ TABLES_ACCOUNT_URL: "https://127.0.0.1:9/devaccount" });
    const credential = new RecordingCredential();
    const storage = await openStorage(config.storage, { credential });
    expect(storage.description).toBe("Azure Table Storage at https://127.0.0.1:9/devaccount (Entra ID credential)");
    await expect(storage.factory.table("circles")).rejects.toThrow();
    expect(credential.scopes).toContainEqual(["https://storage.azure.com/.default"]);
    await storage.close();
  });

  it("with TABLES_CONNECTION_STRING, uses the connection string and no credential", async () => {
    const config = loadConfig({ TABLES_CONNECTION_STRING: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;" });
    const credential = new RecordingCredential();
    const storage = await openStorage(config.storage, { credential });
    expect(storage.description).toBe("Azure Table Storage (connection string)");
    expect(await storage.factory.ping()).toBe(false);
    expect(credential.scopes).toEqual([]);
  });
});
