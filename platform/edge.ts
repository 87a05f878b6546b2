import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { performance } from "node:perf_hooks";
import restify, { type Next, type Request, type Response, type ServerOptions } from "restify";
import { StorageUnavailableError } from "../storage/table-store.js";
import { readJsonBody } from "./body.js";
import { errorBody, Refusal, RETRY_AFTER_SECONDS, type Reply, type Route, type RouteRequest } from "./http.js";
import type { Logger } from "./logger.js";

/** Longer paths are answered 414; path parameters up to this length reach the route, which says what is wrong with them. */
export const MAX_PATH_LENGTH = 2048;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const INTERNAL_ERROR_SENTENCE = "Something went wrong on our side. Try again in a moment.";

export interface Edge {
  /** restify's node:http server: it listens, and carries the time and size limits (server/app.ts). */
  readonly server: http.Server;
  /**
   * For errors that escaped every handler (thrown in a timer or an event inside a request): logs
   * them with their request's id and answers that request 500 if it is still open. Returns
   * whether the error belonged to a request.
   */
  answerEscapedError(error: unknown): boolean;
}

interface RequestScope {
  id: string;
  log: Logger;
  reply: Reply;
}

type Scopes = AsyncLocalStorage<RequestScope>;

/**
 * The one front door every route goes through, on restify: its router (find-my-way) finds the
 * route, answers 404, and 405 with Allow; HEAD is registered wherever GET is. Around it the edge adds
 * request ids, one access-log line per request, the route's declared body policy (415, 413, 400)
 * and every failure answered as short JSON without internal text — restify's own error answers
 * included. Of restify, only the server, the router and the response's sendRaw are used: no body
 * parser (it inflates gzip without a limit and crashes on a body that is not gzip, see README,
 * "The HTTP edge"), no domains, no formatters.
 */
export function createEdge(routes: readonly Route[], logger: Logger): Edge {
  const scopes: Scopes = new AsyncLocalStorage<RequestScope>();
  const server = restify.createServer({
    name: "partnering-maturity",
    log: restifyLogger(logger),
    // No domains: an error that escapes a handler is answered by the process guard through `answerEscapedError`.
    handleUncaughtExceptions: false,
    // restify hands its options to find-my-way (Router → RouterRegistryRadix), whose default is 100.
    maxParamLength: MAX_PATH_LENGTH,
    ignoreTrailingSlash: false,
  });
  server.pre((req: Request, res: Response, next: Next) => {
    const scope = openScope(req, res, logger);
    scopes.run(scope, () => next(addressRefusal(req.url ?? "/")));
  });
  for (const route of routes) mount(server, route, scopes, logger);
  // Whatever restify itself turns into an error (no route, wrong method, a refused address) is answered here; restify writes nothing once sendRaw has answered.
  server.on("restifyError", (req: Request, res: Response, error: unknown, done: () => void) => {
    const scope = scopes.getStore() ?? openScope(req, res, logger);
    answerFailure(asRefusal(error, res), scope.reply, scope.log);
    done();
  });
  const node = server.server;
  if (!(node instanceof http.Server)) throw new Error("restify was expected to create a plain HTTP server");
  // restify listens for 'upgrade' on its node server only to re-emit it, which takes every request
  // carrying `Upgrade:` (WebSocket, h2c) away from HTTP handling and leaves its socket open without
  // any timeout. Nothing here upgrades: without the listener, Node answers them as plain requests.
  node.removeAllListeners("upgrade");
  return {
    server: node,
    answerEscapedError: (error) => {
      const scope = scopes.getStore();
      if (!scope) return false;
      answerFailure(error, scope.reply, scope.log);
      return true;
    },
  };
}

/**
 * restify's own log lines go through pino, never below warn: at trace it logs whole response
 * bodies. restify calls only trace and warn, whose signature pino shares with bunyan.
 */
function restifyLogger(logger: Logger): ServerOptions["log"] {
  const level = logger.isLevelEnabled("warn") ? "warn" : logger.level;
  return logger.child({ component: "restify" }, { level }) as unknown as ServerOptions["log"];
}

/** GET routes answer HEAD too (restify does not map one to the other); POST routes must declare their body. */
function mount(server: restify.Server, route: Route, scopes: Scopes, logger: Logger): void {
  if (route.method === "POST" && !route.body) throw new Error(`POST ${route.path} must declare the body it accepts`);
  if (route.method === "GET" && route.body) throw new Error(`GET ${route.path} cannot accept a body`);
  const handler = async (req: Request, res: Response): Promise<void> => {
    const scope = scopes.getStore() ?? openScope(req, res, logger);
    await serve(route, req, scope);
  };
  if (route.method === "GET") {
    server.get(route.path, handler);
    server.head(route.path, handler);
  } else {
    server.post(route.path, handler);
  }
}

async function serve(route: Route, req: Request, { id, log, reply }: RequestScope): Promise<void> {
  try {
    if (!route.body && carriesBody(req)) throw new Refusal(400, "unexpected-body", "This address takes no request body.");
    const body = route.body ? await readJsonBody(req, route.body) : undefined;
    const target = req.url ?? "/";
    const queryAt = target.indexOf("?");
    const request: RouteRequest = {
      id,
      method: req.method ?? "GET",
      path: queryAt === -1 ? target : target.slice(0, queryAt),
      params: (req.params ?? {}) as Record<string, string | undefined>,
      query: new URLSearchParams(queryAt === -1 ? "" : target.slice(queryAt + 1)),
      headers: req.headers,
      body,
      log,
    };
    await route.handle(request, reply);
    if (!reply.sent) throw new Error(`${route.method} ${route.path} finished without answering`);
  } catch (error) {
    answerFailure(error, reply, log);
  }
}

/** Checked before routing: a target that is not a path, too long, or not decodable never reaches the router. */
function addressRefusal(target: string): Refusal | undefined {
  if (target.length > MAX_PATH_LENGTH) return new Refusal(414, "address-too-long", "The address is too long.");
  if (!target.startsWith("/")) return new Refusal(400, "bad-address", "The address is not a path on this server.");
  const queryAt = target.indexOf("?");
  try {
    decodeURIComponent(queryAt === -1 ? target : target.slice(0, queryAt));
    return undefined;
  } catch {
    return new Refusal(400, "bad-address", "The address contains an invalid percent-encoding.");
  }
}

function carriesBody(req: Request): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** restify's router errors in our words: no route 404, a route with other methods 405 with restify's Allow. */
function asRefusal(error: unknown, res: Response): unknown {
  const name = error instanceof Error ? error.name : "";
  if (name === "ResourceNotFoundError") return new Refusal(404, "not-found", "There is nothing at this address.");
  if (name === "MethodNotAllowedError") {
    const allow = String(res.getHeader("allow") ?? "");
    return new Refusal(405, "method-not-allowed", `This address answers ${allow} only.`, { allow });
  }
  return error;
}

/** Refusals and a dependency that is down are answered as they are; anything else is logged and answered with a generic 500. */
function answerFailure(error: unknown, reply: Reply, log: Logger): void {
  if (error instanceof Refusal) {
    log.warn({ status: error.status, code: error.code }, "request refused");
    reply.json(error.status, errorBody(error.code, error.message), refusalHeaders(error));
    return;
  }
  if (error instanceof StorageUnavailableError) {
    log.warn({ status: 503, code: "storage-unavailable", err: { name: error.name, message: error.message } }, "storage unavailable");
    reply.json(503, errorBody("storage-unavailable", "The app cannot reach its storage right now. Try again in a minute."), { "retry-after": String(RETRY_AFTER_SECONDS) });
    return;
  }
  log.error({ err: error }, "request failed");
  reply.json(500, errorBody("internal-error", INTERNAL_ERROR_SENTENCE));
}

function refusalHeaders(refusal: Refusal): Record<string, string> {
  return {
    ...(refusal.status === 401 ? { "www-authenticate": 'Bearer realm="partnering-maturity"' } : {}),
    ...(refusal.status === 503 ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {}),
    ...refusal.headers,
  };
}

/** The request's id, its logger and its one answer; the access-log line is written when the response closes. */
function openScope(req: Request, res: Response, logger: Logger): RequestScope {
  const id = requestIdOf(req.headers["x-request-id"]);
  const log = logger.child({ requestId: id });
  logWhenDone(req, res, log);
  return { id, log, reply: replyTo(res, id) };
}

function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Sends at most one answer, through restify's sendRaw: no formatter runs, HEAD gets the headers
 * without the body, and restify knows the response is sent. A body the route did not read is
 * discarded by Node as it arrives (within the server's requestTimeout); a body too large closes
 * the connection instead.
 */
function replyTo(res: Response, requestId: string): Reply {
  let sent = false;
  const send = (status: number, headers: Readonly<Record<string, string>>, body: string | Buffer): void => {
    if (sent || res.headersSent || res.destroyed) return;
    sent = true;
    res.sendRaw(status, body, {
      "x-request-id": requestId,
      "x-content-type-options": "nosniff",
      ...(status === 413 ? { connection: "close" } : {}),
      ...headers,
      "content-length": String(Buffer.byteLength(body)),
    });
  };
  return {
    json: (status, body, headers = {}) => send(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers }, JSON.stringify(body)),
    raw: (status, body, headers) => send(status, headers, body),
    empty: (status, headers = {}) => send(status, headers, ""),
    get sent() {
      return sent;
    },
  };
}

function logWhenDone(req: Request, res: Response, log: Logger): void {
  const started = performance.now();
  res.once("close", () => {
    const path = (req.url ?? "").split("?")[0]?.slice(0, 200);
    log.info({ method: req.method, path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10, completed: res.writableFinished }, "request");
  });
}
