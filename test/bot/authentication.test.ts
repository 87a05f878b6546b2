import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { makeUser, personalChat, TeamsSession } from "./support/teams.js";

/**
 * With bot credentials configured, the Bot Framework SDK authenticates every inbound request.
 * Only refusals can be tested here: a well-formed token makes the SDK fetch Bot Framework's OpenID
 * metadata from the internet, which this machine cannot reach (it would answer 500, not 200).
 */
let server: TestServer;
let connector: LocalConnector;

beforeAll(async () => {
  connector = await startLocalConnector();
  server = await startTestServer({
    env: {
      MicrosoftAppType: "SingleTenant",
      MicrosoftAppId: "00000000-0000-0000-0000-00000000b0b0",
      MicrosoftAppTenantId: "00000000-0000-0000-0000-0000000000a1",
      MicrosoftAppPassword: "not-a-real-secret",
    },
  });
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
});

describe("a single-tenant bot with a client secret", () => {
  it("refuses a request without a token with 401 and answers nothing", async () => {
    const ada = new TeamsSession(server.url, connector, makeUser("Ada"), personalChat(makeUser("Ada")));
    const before = connector.calls.length;
    const response = await ada.post(ada.activity({ type: "message", text: "assess" }));
    expect(response.status).toBe(401);
    expect(connector.calls.length).toBe(before);
  });

  it("refuses a token that is not a Bot Framework token with 401", async () => {
    const ada = new TeamsSession(server.url, connector, makeUser("Ada"), personalChat(makeUser("Ada")));
    const response = await fetch(`${server.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer not.a.token" },
      body: JSON.stringify(ada.activity({ type: "message", text: "assess" })),
    });
    expect(response.status).toBe(401);
  });

  it("stores nothing for a refused request", async () => {
    const user = makeUser("Ada");
    const ada = new TeamsSession(server.url, connector, user, personalChat(user));
    await ada.post(ada.activity({ type: "installationUpdate", action: "add" }));
    expect(await server.context.repositories.conversations.get(ada.conversation.id)).toBeUndefined();
  });
});

describe("a bot that signs in with a federated credential (as deployed by infra/azure.bicep)", () => {
  it("refuses a request without a token with 401 and answers nothing", async () => {
    const federated = await startTestServer({
      env: {
        MicrosoftAppType: "SingleTenant",
        MicrosoftAppId: "00000000-0000-0000-0000-00000000b0b0",
        MicrosoftAppTenantId: "00000000-0000-0000-0000-0000000000a1",
        MicrosoftAppClientId: "00000000-0000-0000-0000-0000000000c1",
      },
    });
    try {
      const ada = new TeamsSession(federated.url, connector, makeUser("Ada"), personalChat(makeUser("Ada")));
      const before = connector.calls.length;
      const response = await ada.post(ada.activity({ type: "message", text: "assess" }));
      expect(response.status).toBe(401);
      expect(connector.calls.length).toBe(before);
    } finally {
      await federated.close();
    }
  });
});

describe("a bot without credentials (local use)", () => {
  it("accepts requests without a token, as the Agents Playground sends them", async () => {
    const local = await startTestServer();
    try {
      const user = makeUser("Ada");
      const ada = new TeamsSession(local.url, connector, user, personalChat(user));
      const calls = await ada.say("help");
      expect(calls).toHaveLength(1);
      expect(calls[0]?.authorization).toBeUndefined();
    } finally {
      await local.close();
    }
  });
});
