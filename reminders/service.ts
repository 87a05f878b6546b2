import type { ServerContext } from "../platform/context.js";
import { openReminderContext } from "./context.js";
import { createDispatcher, type DispatcherOptions, type PassSummary } from "./dispatcher.js";
import { DEFAULT_DISPATCH } from "./limits.js";
import type { ReminderSender } from "./sender.js";
import { createTeamsSender } from "./teams-sender.js";

export interface BackgroundService {
  stop(): Promise<void>;
}

export interface ReminderServiceOptions extends DispatcherOptions {
  /** Defaults to the Bot Connector over HTTP with the app's bot credentials (none in local mode). */
  sender?: ReminderSender;
  /** Pause between passes while there is work (items deferred by a conversation's limit, or new ones). */
  busyPauseMs?: number;
  /** Told after every pass (benchmarks, diagnostics). */
  onPass?: (summary: PassSummary) => void;
}

const DEFAULT_BUSY_PAUSE_MS = 100;

/**
 * The reminder dispatcher inside the server: one pass at once, on a timer; right away again while
 * there is work. stop() lets the items in flight finish and starts no new ones.
 */
export function startReminderService(context: ServerContext, options: ReminderServiceOptions = {}): BackgroundService {
  const controller = new AbortController();
  const sleeper = cancellableSleep(controller.signal);
  const running = runLoop(context, options, controller.signal, sleeper).catch((error: unknown) => context.logger.error({ err: error }, "reminder service stopped on an error"));
  return {
    stop: async () => {
      controller.abort();
      await running;
    },
  };
}

async function runLoop(context: ServerContext, options: ReminderServiceOptions, signal: AbortSignal, sleep: (milliseconds: number) => Promise<void>): Promise<void> {
  const { sender: givenSender, busyPauseMs = DEFAULT_BUSY_PAUSE_MS, onPass, ...dispatcherOptions } = options;
  const reminderContext = await openReminderContext(context);
  const sender = givenSender ?? createTeamsSender(context.config.bot, { timeoutMs: dispatcherOptions.sendTimeoutMs ?? DEFAULT_DISPATCH.sendTimeoutMs });
  const dispatcher = createDispatcher({ context: reminderContext, sender }, dispatcherOptions);
  const pollIntervalMs = dispatcherOptions.pollIntervalMs ?? DEFAULT_DISPATCH.pollIntervalMs;
  context.logger.info({ owner: dispatcher.owner, pollIntervalMs }, "reminder dispatcher started");
  while (!signal.aborted) {
    const summary = await passOrUndefined(context, () => dispatcher.runOnce(signal));
    if (summary) onPass?.(summary);
    await sleep(summary && summary.due > 0 ? busyPauseMs : pollIntervalMs);
  }
  context.logger.info({ owner: dispatcher.owner }, "reminder dispatcher stopped");
}

async function passOrUndefined(context: ServerContext, pass: () => Promise<PassSummary>): Promise<PassSummary | undefined> {
  try {
    return await pass();
  } catch (error) {
    context.logger.error({ err: error }, "reminder pass failed; trying again after the poll interval");
    return undefined;
  }
}

function cancellableSleep(signal: AbortSignal): (milliseconds: number) => Promise<void> {
  return (milliseconds) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, milliseconds);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done);
    });
}
