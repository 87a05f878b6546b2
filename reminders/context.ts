import type { CircleContext } from "../circles/context.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../platform/logger.js";
import type { Repositories } from "../storage/index.js";
import type { TableStoreFactory } from "../storage/table-store.js";
import { ReminderQueue } from "./queue.js";

/** What every reminder operation is given: the circle context plus the queue. Nothing is read from globals. */
export interface ReminderContext extends CircleContext {
  queue: ReminderQueue;
  logger: Logger;
}

/** Builds the context from the server's; the bot calls this once when it mounts its routes. */
export async function openReminderContext(server: { repositories: Repositories; storage: TableStoreFactory; clock: Clock; logger: Logger }): Promise<ReminderContext> {
  return { repositories: server.repositories, queue: await ReminderQueue.open(server.storage), clock: server.clock, logger: server.logger };
}
