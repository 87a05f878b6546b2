import type { CircleContext } from "../circles/context.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../platform/logger.js";
import type { TabLinks } from "../platform/tab-links.js";
import type { Repositories } from "../storage/index.js";
import type { TableStoreFactory } from "../storage/table-store.js";
import { ReminderQueue } from "./queue.js";

/** What every reminder operation is given: the circle context plus the queue. Nothing is read from globals. */
export interface ReminderContext extends CircleContext {
  queue: ReminderQueue;
  logger: Logger;
  /** Where cards link to the tab; without it the cycle result card has no link. */
  tabLinks?: TabLinks;
}

/** Builds the context from the server's; the bot calls this once when it mounts its routes. */
export async function openReminderContext(server: { repositories: Repositories; storage: TableStoreFactory; clock: Clock; logger: Logger; config?: { tabLinks: TabLinks } }): Promise<ReminderContext> {
  const tabLinks = server.config?.tabLinks;
  return { repositories: server.repositories, queue: await ReminderQueue.open(server.storage), clock: server.clock, logger: server.logger, ...(tabLinks ? { tabLinks } : {}) };
}
