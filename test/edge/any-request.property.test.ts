import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTabBuilt } from "../../tab/build.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { rawRequest, type RawRequest } from "./support/raw-http.js";
import { startSeededServer, type SeededServer } from "./support/seeded-server.js";

/**
 * Generated requests to every route, each carrying a body that is wrong for it: malformed,
 * truncated, oversized, mis-typed or compressed. Whatever the combination, the answer is a 4xx
 * (or no answer, when the request itself broke off), the server stays healthy, nothing stored
 * changes, the bot sends nothing and memory stays bounded.
 */
const ROUTES = [
  { method: "GET", path: "/healthz" },
  { method: "POST", path: "/api/messages" },
  { method: "GET", path: "/api/me/circles" },
  { method: "GET", path: "/api/circles/northwest/dashboard" },
  { method: "GET", path: "/api/circles/northwest/export.csv" },
  // The dashboard's changes: no generated body is a valid one (the routes without fields, "done",
  // "pause", "resume", would take {}, so they are left out here and tested in test/tab/acting-api.test.ts).
  { method: "POST", path: "/api/circles/northwest/actions" },
  { method: "POST", path: "/api/circles/northwest/invitations" },
  { method: "POST", path: "/api/circles/northwest/rhythms/joint-planning" },
  { method: "GET", path: "/tab" },
  { method: "GET", path: "/tab/" },
  { method: "GET", path: "/tab/config" },
  { method: "HEAD", path: "/tab/index.html" },
];
const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
const CONTENT_TYPES = [undefined, "application/json", "application/json; charset=utf-8", "application/json; charset=iso-8859-1", "text/plain", "application/xml", "text/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream", "", "json"];
const CONTENT_ENCODINGS = [undefined, "gzip", "deflate", "br", "identity, gzip", "x-gzip", "compress", "GZIP"];
const ACTIVITY = { type: "message", text: "assess", channelId: "msteams", serviceUrl: "http://127.0.0.1:9/", conversation: { id: "a:x" }, from: { id: "29:x" } };

/** Bodies that no route accepts: none of them is a complete, uncompressed, valid activity. */
const badBody: fc.Arbitrary<{ body: Buffer; kind: string }> = fc.oneof(
  fc.integer({ min: 1, max: JSON.stringify(ACTIVITY).length - 1 }).map((cut) => ({ kind: "truncated JSON", body: Buffer.from(JSON.stringify(ACTIVITY).slice(0, cut)) })),
  fc.string({ maxLength: 200 }).map((text) => ({ kind: "text", body: Buffer.from(`~${text}`) })),
  fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map((bytes) => ({ kind: "bytes", body: Buffer.from(bytes) })),
  fc.constant({ kind: "gzip of an activity", body: gzipSync(JSON.stringify(ACTIVITY)) }),
  fc.jsonValue({ maxDepth: 3 }).filter((value) => typeof value !== "object" || value === null || Array.isArray(value) || !("type" in value)).map((value) => ({ kind: "JSON that is not an activity", body: Buffer.from(JSON.stringify(value) || "null") })),
  fc.record({ type: fc.constantFrom("", 42, null, "message"), channelId: fc.constantFrom(undefined, "", 7), serviceUrl: fc.constantFrom(undefined, "not a url", "ftp://x/", "javascript:alert(1)") }).map((fields) => ({ kind: "activity with wrong fields", body: Buffer.from(JSON.stringify({ ...ACTIVITY, ...fields })) })),
  fc.constant({ kind: "oversized", body: Buffer.from(JSON.stringify({ ...ACTIVITY, text: "x".repeat(300 * 1024) })) }),
);

const badRequest: fc.Arbitrary<RawRequest & { kind: string }> = fc
  .record({
    // Mostly the method the route answers, so that the body is what gets judged; sometimes any other.
    // The bot's route is the one that reads bodies: it gets about half of the requests.
    route: fc.oneof({ arbitrary: fc.constant(ROUTES[1] as (typeof ROUTES)[number]), weight: 1 }, { arbitrary: fc.constantFrom(...ROUTES), weight: 1 }).chain((route) => fc.oneof({ arbitrary: fc.constant(route), weight: 4 }, { arbitrary: fc.constantFrom(...METHODS).map((method) => ({ ...route, method })), weight: 1 })),
    contentType: fc.constantFrom(...CONTENT_TYPES),
    contentEncoding: fc.constantFrom(...CONTENT_ENCODINGS),
    body: badBody,
    truncated: fc.boolean(),
  })
  .map(({ route: { method, path }, contentType, contentEncoding, body, truncated }) => ({
    method,
    path,
    kind: `${body.kind}${truncated ? ", cut short" : ""}`,
    headers: {
      ...(contentType === undefined ? {} : { "content-type": contentType }),
      ...(contentEncoding === undefined ? {} : { "content-encoding": contentEncoding }),
      // A Content-Length larger than what is sent, then the connection drops: a body that never ends.
      ...(truncated ? { "content-length": String(body.body.length + 100) } : {}),
    },
    body: body.body,
    ...(truncated ? { hangUpAfterMs: 30 } : {}),
  }));

let connector: LocalConnector;
let seeded: SeededServer;

beforeAll(async () => {
  ensureTabBuilt();
  connector = await startLocalConnector();
  seeded = await startSeededServer(connector);
});

afterAll(async () => {
  await seeded?.server.close();
  await connector?.close();
});

describe("any request with a wrong body, to any route", () => {
  it("is answered with a 4xx, and afterwards the server is healthy, nothing stored changed and memory is bounded", { timeout: 120_000 }, async () => {
    const before = await seeded.stored();
    const rssBefore = process.memoryUsage().rss;
    const botCallsBefore = connector.calls.length;
    await fc.assert(
      fc.asyncProperty(badRequest, async (request) => {
        const response = await rawRequest(seeded.server.url, request);
        if (request.hangUpAfterMs !== undefined && response === undefined) return;
        expect(response?.status, `${request.method} ${request.path} with ${request.kind}`).toBeGreaterThanOrEqual(400);
        expect(response?.status, `${request.method} ${request.path} with ${request.kind}`).toBeLessThan(500);
      }),
      // CI repeats one fixed run (a red CI must be reproducible); elsewhere every run explores new requests.
      { numRuns: 400, ...(process.env.CI ? { seed: 20_261_201 } : {}) },
    );
    expect((await fetch(`${seeded.server.url}/healthz`)).status).toBe(200);
    expect(await seeded.stored()).toEqual(before);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    expect(connector.calls.length, "the bot sent nothing to anyone").toBe(botCallsBefore);
  });
});
