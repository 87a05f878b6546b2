import type { ServerContext } from "../server/context.js";

export interface BackgroundService {
  stop(): Promise<void>;
}

/** Starts the reminder dispatcher's timer (filled in by the reminders). */
export function startReminderService(_context: ServerContext): BackgroundService {
  return { stop: async () => undefined };
}
