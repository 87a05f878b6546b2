import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableStore, TableStoreFactory } from "../../storage/index.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { azuriteFactory } from "../support/stores.js";
import { BOT, cardsIn, cardText, groupChat, makeUser, personalChat, TeamsSession, TENANT_ID, textsIn, type TeamsConversation, type TeamsUser } from "./support/teams.js";

let server: TestServer;
let connector: LocalConnector;

beforeAll(async () => {
  connector = await startLocalConnector();
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
});

function session(user: TeamsUser, conversation: TeamsConversation = personalChat(user)): TeamsSession {
  return new TeamsSession(server.url, connector, user, conversation);
}

function channel(): TeamsConversation {
  return { id: `19:channel-${randomUUID()}@thread.tacv2`, conversationType: "channel" };
}

describe("installing and removing the app", () => {
  it("welcomes once in a personal chat and keeps the conversation reference for reminders", async () => {
    const ada = session(makeUser("Ada"));
    const calls = await ada.install();
    const [welcome] = cardsIn(calls);
    assertValidAdaptiveCard(welcome, "welcome card");
    const text = cardText(welcome!);
    expect(text).toContain("Welcome to Partnering Maturity");
    for (const stage of ["Basic", "Reactive", "Proactive", "Dynamic"]) expect(text).toContain(stage);
    expect(text).toContain("**assess**");
    // Teams also says the bot was added to the conversation: no second welcome.
    const again = await ada.recordingPost(ada.activity({ type: "conversationUpdate", membersAdded: [BOT, { id: ada.user.id }] }));
    expect(again).toEqual([]);
    const saved = await server.context.repositories.conversations.getPersonalChat(TENANT_ID, ada.user.aadObjectId);
    expect(saved?.data).toMatchObject({ conversationId: ada.conversation.id, conversationType: "personal", active: true, serviceUrl: connector.url });
  });

  it("marks the reference inactive on uninstall and welcomes again on reinstall", async () => {
    const ada = session(makeUser("Ada"));
    await ada.install();
    await ada.uninstall();
    const removed = await server.context.repositories.conversations.get(ada.conversation.id);
    expect(removed?.data).toMatchObject({ active: false, deactivatedReason: "app uninstalled" });
    expect(cardsIn(await ada.install())).toHaveLength(1);
    expect((await server.context.repositories.conversations.get(ada.conversation.id))?.data.active).toBe(true);
  });

  it("welcomes a group chat when the bot is added, saying answers are never posted there", async () => {
    const group = session(makeUser("Ada"), groupChat());
    const calls = await group.recordingPost(group.activity({ type: "conversationUpdate", membersAdded: [BOT] }));
    expect(cardText(cardsIn(calls)[0]!)).toContain("Assessments happen in a personal chat with me, so your answers are never posted here.");
    expect((await server.context.repositories.conversations.get(group.conversation.id))?.data.conversationType).toBe("groupChat");
  });

  it("marks a channel's reference inactive when the bot is removed from the team", async () => {
    const team = session(makeUser("Ada"), channel());
    await team.install();
    await team.recordingPost(team.activity({ type: "conversationUpdate", membersRemoved: [BOT] }));
    expect((await server.context.repositories.conversations.get(team.conversation.id))?.data.active).toBe(false);
  });
});

describe("assessments asked for in a group chat or channel continue privately", () => {
  it("sends the first card to the person's personal chat and tells the group only where to look", async () => {
    const user = makeUser("Ada");
    await session(user).install();
    const group = session(user, groupChat());
    const calls = await group.say("<at>Partnering Maturity</at> assess");
    const inGroup = calls.filter((call) => call.conversationId === group.conversation.id);
    const inPersonal = calls.filter((call) => call.conversationId === personalChat(user).id);
    expect(textsIn(inGroup)).toEqual(["I've sent you a personal message, so that it stays private. Continue there."]);
    expect(cardsIn(inGroup)).toEqual([]);
    expect(cardText(cardsIn(inPersonal)[0]!)).toContain("Assess your company");
  });

  it("continues privately for a person whose install was never seen, once they have written in their personal chat", async () => {
    const user = makeUser("Ada");
    await session(user).say("help");
    const group = session(user, groupChat());
    const calls = await group.say("<at>Partnering Maturity</at> assess");
    expect(cardText(cardsIn(calls.filter((call) => call.conversationId === personalChat(user).id))[0]!)).toContain("Assess your company");
  });

  it("tells a person without a personal chat plainly how to start one, and posts nothing private", async () => {
    const group = session(makeUser("Bob"), groupChat());
    const calls = await group.say("<at>Partnering Maturity</at> assess Contoso");
    expect(calls.map((call) => call.conversationId)).toEqual([group.conversation.id]);
    expect(textsIn(calls)[0]).toContain("Open a chat with me");
    expect(cardsIn(calls)).toEqual([]);
  });

  it("sends results privately too, never to the channel", async () => {
    const user = makeUser("Ada");
    await session(user).install();
    const team = session(user, channel());
    const calls = await team.say("<at>Partnering Maturity</at> results");
    expect(calls.filter((call) => call.conversationId === team.conversation.id).flatMap((call) => cardsIn([call]))).toEqual([]);
    expect(textsIn(calls.filter((call) => call.conversationId === personalChat(user).id))[0]).toContain("You have no results yet");
  });

  it("leaves the shared welcome card as it is when someone presses 'Assess my company' in the group", async () => {
    const user = makeUser("Ada");
    await session(user).install();
    const group = session(user, groupChat());
    const [welcome] = cardsIn(await group.recordingPost(group.activity({ type: "conversationUpdate", membersAdded: [BOT] })));
    const from = connector.calls.length;
    const result = await group.press(welcome!, "Assess my company");
    expect(result.card).toBeUndefined();
    expect(result.message).toBe("I've sent you a personal message, so that it stays private. Continue there.");
    const sent = connector.calls.slice(from).filter((call) => call.method !== "GET");
    expect(sent.map((call) => call.conversationId)).toEqual([personalChat(user).id]);
  });

  it("refuses assessment cards pressed outside the personal chat", async () => {
    const user = makeUser("Ada");
    const personal = session(user);
    const [companyCard] = cardsIn(await personal.say("assess"));
    const group = session(user, groupChat());
    const result = await group.press(companyCard!, "Start", { company: "Fabrikam", vendorProgram: "false" });
    expect(result.message).toContain("Assessment cards work only in your personal chat with me");
    expect(await server.context.repositories.people.getDraft({ tenantId: TENANT_ID, userId: user.aadObjectId }, "self", "")).toBeUndefined();
  });
});

describe("when something breaks", () => {
  it("tells the person something went wrong, without any detail of the failure", async () => {
    const broken = await startTestServer({ storage: new FailingPeopleTable(azuriteFactory()) });
    try {
      const user = makeUser("Ada");
      const ada = new TeamsSession(broken.url, connector, user, personalChat(user));
      const calls = await ada.say("assess");
      expect(textsIn(calls)).toEqual(["Sorry, something went wrong on my side and I couldn't finish that. Your saved answers are safe; please try again in a moment."]);
      const pressed = await ada.execute("command", { verb: "command", command: "results" });
      expect(pressed.message).toBe("Sorry, something went wrong on my side and I couldn't finish that. Your saved answers are safe; please try again in a moment.");
      expect(JSON.stringify(connector.calls.slice(-2))).not.toMatch(/AccountKey|storage is down/);
    } finally {
      await broken.close();
    }
  });

  it("ignores an activity with no sender instead of failing", async () => {
    const ada = session(makeUser("Ada"));
    const response = await ada.post({ ...ada.activity({ type: "message", text: "assess" }), from: undefined });
    expect(response.status).toBeLessThan(500);
  });
});

/** Storage whose people table fails every read, with a message that must never reach the person. */
class FailingPeopleTable implements TableStoreFactory {
  constructor(private readonly inner: TableStoreFactory) {}

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  async table(name: string): Promise<TableStore> {
    const table = await this.inner.table(name);
    if (name !== "people") return table;
    return new Proxy(table, {
      get(target, property, receiver) {
        if (property === "get") return () => Promise.reject(new Error("storage is down: AccountKey=not-a-real-key"));
        return Reflect.get(target, property, receiver);
      },
    });
  }
}
