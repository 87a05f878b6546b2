import http from "node:http";
import type { Socket } from "node:net";
import type { TableStoreFactory } from "../storage/table-store.js";
import { createEdge, type Edge } from "../platform/edge.js";
import { errorBody, RETRY_AFTER_SECONDS, type Route, type RouteModule } from "../platform/http.js";
import type { Logger } from "../platform/logger.js";

export interface AppDependencies {
  logger: Logger;
  storage: TableStoreFactory;
  routes?: readonly RouteModule[];
}

export interface App {
  /** The node:http server under restify: listen on it, close it. */
  server: http.Server;
  edge: Edge;
}

/**
 * How long a client may take, and how much it may send before a route sees the request. Node checks
 * the two timeouts every CHECK_INTERVAL, so a stalled request is cut after at most timeout + interval.
 * https://nodejs.org/docs/latest-v20.x/api/http.html#httpcreateserveroptions-requestlistener
 */
export const HTTP_LIMITS = {
  /** All request headers must arrive within this. */
  headersTimeoutMs: 10_000,
  /** The whole request, headers and body, must arrive within this. */
  requestTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
  /** Request line and headers together (Node's default; larger is answered 431). */
  maxHeaderBytes: 16 * 1024,
} as const;

/** The one place where the HTTP server is wired: restify's server with the edge, health, then each module's routes, and its node server's limits. */
export function createApp({ logger, storage, routes = [] }: AppDependencies): App {
  const edge = createEdge([healthRoute(storage), ...routes.flat()], logger);
  applyLimits(edge.server);
  edge.server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket, logger));
  return { server: edge.server, edge };
}

/**
 * restify creates its node server without options, so the limits are set on it before it listens:
 * the timeouts are public properties; the check interval (read when the server starts listening)
 * and the header size (read for each new connection) are where http.createServer stores those
 * options (Node 20, lib/_http_server.js, storeHTTPOptions).
 */
function applyLimits(server: http.Server): void {
  server.headersTimeout = HTTP_LIMITS.headersTimeoutMs;
  server.requestTimeout = HTTP_LIMITS.requestTimeoutMs;
  const stored: Pick<http.ServerOptions, "connectionsCheckingInterval" | "maxHeaderSize"> = {
    connectionsCheckingInterval: HTTP_LIMITS.checkIntervalMs,
    maxHeaderSize: HTTP_LIMITS.maxHeaderBytes,
  };
  Object.assign(server, stored);
}

function healthRoute(storage: TableStoreFactory): Route {
  return {
    method: "GET",
    path: "/healthz",
    handle: async (_request, reply) => {
      const storageUp = await storage.ping();
      if (storageUp) reply.json(200, { status: "ok", storage: "up" });
      else reply.json(503, { status: "degraded", storage: "down" }, { "retry-after": String(RETRY_AFTER_SECONDS) });
    },
  };
}

/** Requests Node's parser refused before any route saw them: malformed HTTP, headers too large, too slow. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, logger: Logger): void {
  const [status, reason, code, sentence] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? ([431, "Request Header Fields Too Large", "headers-too-large", "The request headers are too large."] as const)
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? ([408, "Request Timeout", "request-timeout", "The request took too long to arrive."] as const)
        : ([400, "Bad Request", "bad-request", "The request is not valid HTTP."] as const);
  logger.warn({ status, code: error.code ?? code }, "request refused by the HTTP parser");
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(code, sentence));
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
