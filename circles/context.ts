import type { Clock } from "../core/clock.js";
import type { LogSink } from "../platform/logger.js";
import type { Repositories } from "../storage/index.js";

/** What every circle operation is given: nothing is read from globals. */
export interface CircleContext {
  repositories: Repositories;
  clock: Clock;
  logger: LogSink;
}
