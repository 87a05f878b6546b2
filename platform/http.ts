import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "./logger.js";

/**
 * The HTTP edge's vocabulary. Every route declares, in one place next to its handler, the method it
 * answers, the body it accepts (media types and a byte limit) and its handler; the edge
 * (platform/edge.ts) enforces the declaration before the handler runs and turns every failure
 * into a short JSON answer.
 */
export type RouteMethod = "GET" | "POST";

export interface BodyPolicy {
  /** Media types accepted, without parameters (e.g. "application/json"); anything else is answered 415. */
  mediaTypes: readonly string[];
  /** The largest body accepted, in bytes (413 beyond). Bodies are never decompressed: a Content-Encoding other than identity is answered 415. */
  maxBytes: number;
}

export interface RouteRequest {
  /** The request id (the caller's x-request-id when it is a plain token, otherwise a new one); on every log line and in the answer's x-request-id. */
  readonly id: string;
  readonly method: string;
  /** The path without the query string, as sent (not decoded). */
  readonly path: string;
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, for routes with a body policy; undefined otherwise. */
  readonly body: unknown;
  /** A logger that tags every line with the request id. */
  readonly log: Logger;
}

export interface Reply {
  json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): void;
  /** A body sent as is, with its content type among the headers. */
  raw(status: number, body: string | Buffer, headers: Readonly<Record<string, string>>): void;
  /** A status without a body (e.g. 200 for a Bot Framework activity, 302 with a location). */
  empty(status: number, headers?: Readonly<Record<string, string>>): void;
  readonly sent: boolean;
}

export interface Route {
  method: RouteMethod;
  /** A restify route path (find-my-way syntax): "/api/circles/:circleId/dashboard", "/tab/*". */
  path: string;
  /** Required for POST routes: what body the route accepts. GET routes accept none. */
  body?: BodyPolicy;
  handle(request: RouteRequest, reply: Reply): Promise<void>;
}

/** The routes one part of the app serves: the bot, the tab API, the tab's files. */
export type RouteModule = readonly Route[];

/** What every JSON error answer looks like: a code for programs and a sentence for people. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** How long a caller should wait before trying again after a 503, in seconds. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * A request the app turns down on purpose: the status, a code for programs and a sentence for
 * people. The edge answers it as JSON; 401 adds WWW-Authenticate, 503 adds Retry-After.
 */
export class Refusal extends Error {
  override name = "Refusal";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
