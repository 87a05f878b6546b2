import type { Edge } from "../platform/edge.js";
import type { Logger } from "../platform/logger.js";

/**
 * Errors that escaped every handler. One that belongs to a request (thrown in a timer or an event
 * a handler started, or a promise it forgot) is logged with that request's id, the request is
 * answered 500 if still open, and the server goes on: no request can end the process. An
 * exception outside any request means the process itself is in an unknown state (Node's advice:
 * https://nodejs.org/docs/latest-v20.x/api/process.html#warning-using-uncaughtexception-correctly),
 * so it is logged and the server shuts down for App Service to restart it.
 */
export function guardProcess(edge: Edge, logger: Logger, shutdown: (exitCode: number) => Promise<void>): void {
  process.on("unhandledRejection", (reason: unknown) => {
    if (!edge.answerEscapedError(reason)) logger.error({ err: reason }, "a promise was rejected and nothing handled it");
  });
  process.on("uncaughtException", (error: Error) => {
    if (edge.answerEscapedError(error)) return;
    logger.fatal({ err: error }, "uncaught exception outside any request; shutting down");
    void shutdown(1);
  });
}
