import { createRemoteJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AzureTableStoreFactory } from "../../storage/azure/azure-table-store.js";
import { freeLoopbackPort, startAzurite, type RunningAzurite } from "../../storage/azure/azurite.js";
import { makeUser, personalChat, TeamsSession, textsIn } from "../bot/support/teams.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * A dependency that cannot be reached is not the caller's fault: 503 with Retry-After and a
 * sentence, never a 500 with the failure's text. In chat, the person is told the bot is having trouble.
 */
function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** Shaped like a Bot Connector token (issuer, audience, key id), so the SDK must fetch Bot Framework's keys to check it. */
function wellFormedBotToken(appId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: "RS256", typ: "JWT", kid: "bot-framework-key-1" });
  const payload = base64url({ iss: "https://api.botframework.com", aud: appId, serviceurl: "http://127.0.0.1:9/", nbf: now - 60, exp: now + 3600 });
  return `${header}.${payload}.${Buffer.from("not-checked-before-the-keys-are-fetched").toString("base64url")}`;
}

describe("Bot Framework's signing keys cannot be fetched", () => {
  const appId = "00000000-0000-0000-0000-00000000b0b1";
  let server: TestServer;
  let connector: LocalConnector;

  beforeAll(async () => {
    connector = await startLocalConnector();
    // A loopback port nobody listens on: the metadata fetch is refused at once, as when Bot Framework is unreachable.
    const closed = `http://127.0.0.1:${await freeLoopbackPort()}/v1/.well-known/openidconfiguration`;
    server = await startTestServer({
      env: { MicrosoftAppId: appId, MicrosoftAppPassword: "not-a-real-secret", MicrosoftAppType: "MultiTenant" },
      botSigningKeySources: { channelOpenIdMetadataUrl: closed, emulatorOpenIdMetadataUrl: closed },
    });
  });

  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  it("a well-formed token gets 503 with Retry-After and a sentence, not 500 with the fetch error", async () => {
    const user = makeUser("Ada");
    const ada = new TeamsSession(server.url, connector, user, personalChat(user));
    const response = await fetch(`${server.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${wellFormedBotToken(appId)}` },
      body: JSON.stringify(ada.activity({ type: "message", text: "assess" })),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "bot-keys-unavailable", message: "Bot Framework's signing keys cannot be fetched right now, so the request cannot be checked. Try again in a minute." } });
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|FetchError/);
    expect(connector.calls).toHaveLength(0);
    expect(await server.context.repositories.conversations.get(ada.conversation.id)).toBeUndefined();
  });

  it("a request without a token is still 401: the caller's mistake comes first", async () => {
    const user = makeUser("Ada");
    const ada = new TeamsSession(server.url, connector, user, personalChat(user));
    const response = await ada.post(ada.activity({ type: "message", text: "assess" }));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bot-token-invalid");
  });
});

describe("storage is down", () => {
  let azurite: RunningAzurite;
  let server: TestServer;
  let connector: LocalConnector;

  beforeAll(async () => {
    connector = await startLocalConnector();
    azurite = await startAzurite();
    server = await startTestServer({ storage: new AzureTableStoreFactory({ kind: "connection-string", connectionString: azurite.connectionString }, "down") });
    await azurite.stop();
  });

  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  it("the tab API answers 503 with Retry-After and a sentence, not 500", { timeout: 60_000 }, async () => {
    for (const path of ["/api/me/circles", "/api/circles/golden-circle/dashboard", "/api/circles/golden-circle/export.csv"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(503);
      expect(response.headers.get("retry-after"), path).toBe("30");
      expect(await response.json(), path).toEqual({ error: { code: "storage-unavailable", message: "The app cannot reach its storage right now. Try again in a minute." } });
    }
  });

  it("/healthz answers 503 with Retry-After", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.json()).toEqual({ status: "degraded", storage: "down" });
  });

  it("in chat, the bot tells the person it cannot reach its storage and that what they saved is safe", { timeout: 60_000 }, async () => {
    const user = makeUser("Ada");
    const ada = new TeamsSession(server.url, connector, user, personalChat(user));
    const texts = textsIn(await ada.say("assess"));
    expect(texts).toEqual(["Sorry, I can't reach my storage right now, so I couldn't finish that. What you saved before is safe; please try again in a few minutes."]);
  });
});

describe("Microsoft Entra ID's signing keys cannot be fetched", () => {
  const clientId = "00000000-0000-0000-0000-0000000007ac";
  const tenantId = "00000000-0000-0000-0000-00000000e17a";
  let server: TestServer;

  beforeAll(async () => {
    const closed = new URL(`http://127.0.0.1:${await freeLoopbackPort()}/${tenantId}/discovery/v2.0/keys`);
    // jose's real remote key set, as in production, pointed at a loopback port nobody listens on.
    server = await startTestServer({ env: { TAB_CLIENT_ID: clientId, TAB_TENANT_ID: tenantId }, tabSigningKeys: () => createRemoteJWKSet(closed) });
  });

  afterAll(() => server?.close());

  it("the tab API answers a Teams SSO token with 503 and Retry-After, not 401", async () => {
    const token = `${base64url({ alg: "RS256", typ: "JWT", kid: "entra-key-1" })}.${base64url({ tid: tenantId, oid: "someone", aud: clientId })}.c2ln`;
    const response = await fetch(`${server.url}/api/me/circles`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("keys-unavailable");
  });
});
