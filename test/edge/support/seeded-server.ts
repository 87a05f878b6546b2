import { inject } from "vitest";
import { AzureTableStoreFactory } from "../../../storage/azure/azure-table-store.js";
import { cardsIn, makeUser, personalChat, TeamsSession } from "../../bot/support/teams.js";
import type { LocalConnector } from "../../support/connector.js";
import { startTestServer, type TestServer, type TestServerOptions } from "../../support/server.js";
import { uniqueTablePrefix } from "../../support/stores.js";
import { storedData } from "./stored-data.js";

export interface SeededServer {
  server: TestServer;
  /** Every stored row of this server's tables, to compare before and after an attack. */
  stored(): Promise<Record<string, unknown>>;
}

/** The real server on Azurite tables of its own, holding something worth protecting: a person who installed the bot and started an assessment. */
export async function startSeededServer(connector: LocalConnector, options: TestServerOptions = {}): Promise<SeededServer> {
  const connectionString = inject("azuriteConnectionString");
  const prefix = uniqueTablePrefix();
  const server = await startTestServer({ ...options, storage: new AzureTableStoreFactory({ kind: "connection-string", connectionString }, prefix) });
  const user = makeUser("Ada");
  const ada = new TeamsSession(server.url, connector, user, personalChat(user));
  await ada.install();
  const [companyCard] = cardsIn(await ada.say("assess"));
  if (!companyCard) throw new Error("The bot did not answer assess with a card");
  await ada.press(companyCard, "Start", { company: "Fabrikam", vendorProgram: "true" });
  return { server, stored: () => storedData(connectionString, prefix) };
}
