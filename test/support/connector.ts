import http from "node:http";
import { randomUUID } from "node:crypto";

/** A request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** Decoded conversation id, when the path has one. */
  conversationId: string | undefined;
  /** The activity id in the path (reply-to for POST, the updated activity for PUT). */
  activityId: string | undefined;
  /** The id this connector gave the posted activity. */
  assignedId: string | undefined;
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** The tenant the call is for (the activity's conversation.tenantId, channelData.tenant or a new conversation's tenantId). */
  tenantId: string | undefined;
  at: number;
}

export interface InjectedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What Teams answers for GET /v3/conversations/{id}/members/{userId} (TeamsChannelAccount). */
export interface TeamsMemberProfile {
  id: string;
  objectId?: string;
  name?: string;
  /** The member's own organisation: for an external member of a shared channel, not the host's. */
  tenantId: string;
  userRole: "user" | "guest" | "anonymous";
}

export interface LocalConnector {
  /** Use as the activity's serviceUrl. */
  url: string;
  /** The people Teams knows, by their Teams user id ("29:…"); others answer 404 MemberNotFoundInConversation. */
  members: Map<string, TeamsMemberProfile>;
  calls: ConnectorCall[];
  /** Calls answered 429 because they went over `rateLimits` (not in `calls`). */
  throttled: ConnectorCall[];
  /** Return a response to fail or delay a call; undefined lets it succeed. */
  intercept: ((call: ConnectorCall) => InjectedResponse | undefined | Promise<InjectedResponse | undefined>) | undefined;
  /** Resolves with the first recorded call (from index `from` on) that matches. */
  waitFor(predicate: (call: ConnectorCall) => boolean, options?: { timeoutMs?: number; from?: number }): Promise<ConnectorCall>;
  close(): Promise<void>;
}

const ROUTES: readonly { method: string; pattern: RegExp }[] = [
  { method: "POST", pattern: /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/ },
  { method: "PUT", pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/ },
  { method: "DELETE", pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/ },
  { method: "POST", pattern: /^\/v3\/conversations$/ },
  { method: "GET", pattern: /^\/v3\/conversations\/([^/]+)\/members(?:\/([^/]+))?$/ },
];

export interface LocalConnectorOptions {
  /**
   * Enforce Teams' rate limits like the real service: over a limit, answer 429 with Retry-After: 1.
   * Counted over sliding one-second windows of accepted calls, across every caller (all instances):
   * per app, per tenant (calls without a tenant count as one tenant) and per conversation.
   */
  rateLimits?: { perAppPerSecond?: number; perTenantPerSecond?: number; perConversationPerSecond?: number };
}

/**
 * A local HTTP server standing in for the Bot Connector: records what the bot sends
 * (replies, updates, proactive posts, new 1:1 conversations) and answers like the real one.
 */
export async function startLocalConnector(options: LocalConnectorOptions = {}): Promise<LocalConnector> {
  const calls: ConnectorCall[] = [];
  const waiters = new Set<() => void>();
  const admit = rateGate(options.rateLimits);
  const connector: LocalConnector = {
    url: "",
    members: new Map(),
    calls,
    throttled: [],
    intercept: undefined,
    waitFor: (predicate, options = {}) => waitForCall(calls, waiters, predicate, options.timeoutMs ?? 5_000, options.from ?? 0),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => void handle(req, res, connector, waiters, admit));
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  connector.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
  const close = connector.close;
  connector.close = () => {
    server.closeAllConnections();
    return close();
  };
  return connector;
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, connector: LocalConnector, waiters: Set<() => void>, admit: RateGate = () => true): Promise<void> {
  const body = await readJson(req);
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const route = ROUTES.find((candidate) => candidate.method === req.method && candidate.pattern.test(path));
  const match = route?.pattern.exec(path);
  const call: ConnectorCall = {
    method: req.method ?? "GET",
    path,
    conversationId: match?.[1] === undefined ? undefined : decodeURIComponent(match[1]),
    activityId: match?.[2] === undefined ? undefined : decodeURIComponent(match[2]),
    assignedId: undefined,
    body,
    authorization: req.headers.authorization,
    tenantId: tenantOf(body),
    at: Date.now(),
  };
  const injected = await connector.intercept?.(call);
  if (injected) {
    res.writeHead(injected.status, { "content-type": "application/json", ...injected.headers });
    res.end(JSON.stringify(injected.body ?? { error: { code: "Injected", message: `Injected ${injected.status}` } }));
    return;
  }
  if (route && !admit(call)) {
    connector.throttled.push(call);
    res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
    res.end(JSON.stringify({ error: { code: "TooManyRequests", message: "Too many requests; retry after 1 second." } }));
    return;
  }
  if (!route) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "NotFound", message: `No route for ${req.method} ${path}` } }));
    return;
  }
  const member = memberLookup(call, connector.members);
  connector.calls.push(call);
  for (const wake of waiters) wake();
  if (member === "not-found") {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "MemberNotFoundInConversation", message: "The member is not in this conversation." } }));
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(member ?? answer(call)));
}

/** GET …/members/{userId}: the registered profile, "not-found", or undefined for any other call. */
function memberLookup(call: ConnectorCall, members: ReadonlyMap<string, TeamsMemberProfile>): TeamsMemberProfile | "not-found" | undefined {
  if (call.method !== "GET" || !/\/members\/[^/]+$/.test(call.path) || call.activityId === undefined) return undefined;
  return members.get(call.activityId) ?? "not-found";
}

function answer(call: ConnectorCall): unknown {
  if (call.method === "POST" && call.path === "/v3/conversations") {
    const id = `a:created-${randomUUID()}`;
    call.assignedId = id;
    return { id, activityId: randomUUID(), serviceUrl: undefined };
  }
  if (call.method === "GET") return [];
  if (call.method === "PUT") {
    call.assignedId = call.activityId;
    return { id: call.activityId };
  }
  const id = `activity-${randomUUID()}`;
  call.assignedId = id;
  return { id };
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch {
        resolve({ unparsable: text });
      }
    });
  });
}

function waitForCall(calls: ConnectorCall[], waiters: Set<() => void>, predicate: (call: ConnectorCall) => boolean, timeoutMs: number, from: number): Promise<ConnectorCall> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = calls.slice(from).find(predicate);
      if (!found) return false;
      cleanup();
      resolve(found);
      return true;
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`No matching connector call within ${timeoutMs} ms; saw ${calls.length - from}: ${calls.slice(from).map((c) => `${c.method} ${c.path}`).join(", ")}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      waiters.delete(wake);
    };
    const wake = (): void => void check();
    if (check()) return;
    waiters.add(wake);
  });
}

type RateGate = (call: ConnectorCall) => boolean;

function tenantOf(body: Record<string, unknown>): string | undefined {
  const field = (value: unknown, name: string): unknown => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined);
  const candidates = [field(body["conversation"], "tenantId"), field(field(body["channelData"], "tenant"), "id"), body["tenantId"]];
  return candidates.find((candidate): candidate is string => typeof candidate === "string" && candidate !== "");
}

/** Admits a call when neither the app's, its tenant's nor its conversation's last second is full, and counts it. */
function rateGate(limits: LocalConnectorOptions["rateLimits"]): RateGate {
  if (!limits) return () => true;
  const appCalls: number[] = [];
  const tenantCalls = new Map<string, number[]>();
  const conversationCalls = new Map<string, number[]>();
  const recent = (times: number[], now: number): number[] => {
    while (times.length > 0 && (times[0] as number) <= now - 1000) times.shift();
    return times;
  };
  const windowOf = (windows: Map<string, number[]>, key: string, now: number): number[] => {
    const times = recent(windows.get(key) ?? [], now);
    windows.set(key, times);
    return times;
  };
  return (call) => {
    const now = call.at;
    const app = recent(appCalls, now);
    const tenant = windowOf(tenantCalls, call.tenantId ?? "", now);
    const conversation = call.conversationId === undefined ? undefined : windowOf(conversationCalls, call.conversationId, now);
    if (limits.perAppPerSecond !== undefined && app.length >= limits.perAppPerSecond) return false;
    if (limits.perTenantPerSecond !== undefined && tenant.length >= limits.perTenantPerSecond) return false;
    if (conversation && limits.perConversationPerSecond !== undefined && conversation.length >= limits.perConversationPerSecond) return false;
    app.push(now);
    tenant.push(now);
    conversation?.push(now);
    return true;
  };
}
