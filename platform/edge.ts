import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import FindMyWay from "find-my-way";
import { StorageUnavailableError } from "../storage/table-store.js";
import { readJsonBody } from "./body.js";
import { errorBody, Refusal, RETRY_AFTER_SECONDS, type Reply, type Route, type RouteRequest } from "./http.js";
import type { Logger } from "./logger.js";

/** Longer paths are answered 414; path parameters up to this length reach the route, which says what is wrong with them. */
export const MAX_PATH_LENGTH = 2048;
const METHODS_SERVED = ["GET", "HEAD", "POST"] as const;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const INTERNAL_ERROR_SENTENCE = "Something went wrong on our side. Try again in a moment.";

export interface Edge {
  /** The request listener for node:http. */
  listener(req: IncomingMessage, res: ServerResponse): void;
  /**
   * For errors that escaped every handler (thrown in a timer or an event inside a request): logs
   * them with their request's id and answers that request 500 if it is still open. Returns
   * whether the error belonged to a request.
   */
  answerEscapedError(error: unknown): boolean;
}

interface RequestScope {
  log: Logger;
  reply: Reply;
}

/**
 * The one front door every route goes through: routing (404, 405 with Allow, HEAD wherever GET),
 * the route's declared body policy (415, 413, 400), request ids, one access-log line per request,
 * and every failure answered as short JSON without internal text.
 */
export function createEdge(routes: readonly Route[], logger: Logger): Edge {
  const router = buildRouter(routes);
  const scopes = new AsyncLocalStorage<RequestScope>();
  return {
    listener: (req, res) => {
      const id = requestIdOf(req.headers["x-request-id"]);
      const log = logger.child({ requestId: id });
      const reply = replyTo(res, id);
      logWhenDone(req, res, log);
      void scopes.run({ log, reply }, () => serve(router, req, reply, id, log));
    },
    answerEscapedError: (error) => {
      const scope = scopes.getStore();
      if (!scope) return false;
      answerFailure(error, scope.reply, scope.log);
      return true;
    },
  };
}

type Router = FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;

function buildRouter(routes: readonly Route[]): Router {
  const router = FindMyWay({ maxParamLength: MAX_PATH_LENGTH, caseSensitive: true, ignoreTrailingSlash: false });
  for (const route of routes) {
    if (route.method === "POST" && !route.body) throw new Error(`POST ${route.path} must declare the body it accepts`);
    if (route.method === "GET" && route.body) throw new Error(`GET ${route.path} cannot accept a body`);
    const methods = route.method === "GET" ? ["GET", "HEAD"] : [route.method];
    for (const method of methods) router.on(method as FindMyWay.HTTPMethod, route.path, () => undefined, route);
  }
  return router;
}

async function serve(router: Router, req: IncomingMessage, reply: Reply, id: string, log: Logger): Promise<void> {
  try {
    const { path, query } = splitTarget(req.url ?? "/");
    const found = router.find((req.method ?? "GET") as FindMyWay.HTTPMethod, path);
    const route = found?.store as Route | undefined;
    if (!found || !route) throw notFoundOrNotAllowed(router, path);
    if (!route.body && carriesBody(req)) throw new Refusal(400, "unexpected-body", "This address takes no request body.");
    const body = route.body ? await readJsonBody(req, route.body) : undefined;
    const request: RouteRequest = { id, method: req.method ?? "GET", path, params: found.params, query, headers: req.headers, body, log };
    await route.handle(request, reply);
    if (!reply.sent) throw new Error(`${route.method} ${route.path} finished without answering`);
  } catch (error) {
    answerFailure(error, reply, log);
  }
}

function splitTarget(target: string): { path: string; query: URLSearchParams } {
  if (target.length > MAX_PATH_LENGTH) throw new Refusal(414, "address-too-long", "The address is too long.");
  if (!target.startsWith("/")) throw new Refusal(400, "bad-address", "The address is not a path on this server.");
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  try {
    decodeURIComponent(path);
  } catch {
    throw new Refusal(400, "bad-address", "The address contains an invalid percent-encoding.");
  }
  return { path, query: new URLSearchParams(queryAt === -1 ? "" : target.slice(queryAt + 1)) };
}

function carriesBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

function notFoundOrNotAllowed(router: Router, path: string): Refusal {
  const allowed = METHODS_SERVED.filter((method) => router.find(method, path) !== null);
  if (allowed.length === 0) return new Refusal(404, "not-found", "There is nothing at this address.");
  return new Refusal(405, "method-not-allowed", `This address answers ${allowed.join(", ")} only.`, { allow: allowed.join(", ") });
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

function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Sends at most one answer. A body the route did not read is discarded by Node as it arrives
 * (within the server's requestTimeout); a body too large closes the connection instead.
 */
function replyTo(res: ServerResponse, requestId: string): Reply {
  let sent = false;
  const send = (status: number, headers: Readonly<Record<string, string>>, body: string | Buffer | undefined): void => {
    if (sent || res.headersSent || res.destroyed) return;
    sent = true;
    res.writeHead(status, {
      "x-request-id": requestId,
      "x-content-type-options": "nosniff",
      ...(status === 413 ? { connection: "close" } : {}),
      ...headers,
      "content-length": String(body === undefined ? 0 : Buffer.byteLength(body)),
    });
    res.end(body);
  };
  return {
    json: (status, body, headers = {}) => send(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers }, JSON.stringify(body)),
    raw: (status, body, headers) => send(status, headers, body),
    empty: (status, headers = {}) => send(status, headers, undefined),
    get sent() {
      return sent;
    },
  };
}

function logWhenDone(req: IncomingMessage, res: ServerResponse, log: Logger): void {
  const started = performance.now();
  res.once("close", () => {
    const path = (req.url ?? "").split("?")[0]?.slice(0, 200);
    log.info({ method: req.method, path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10, completed: res.writableFinished }, "request");
  });
}
