import { createGzip } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTabBuilt } from "../../tab/build.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { rawRequest, type RawResponse } from "./support/raw-http.js";
import { startSeededServer, type SeededServer } from "./support/seeded-server.js";

/**
 * The requests that took the server down or leaked its insides before the guarded edge, each one
 * sent as an attacker sends it, before any authentication. After each: the answer is a 4xx with a
 * sentence, the server is healthy, and nothing stored changed.
 */
const BOT_CREDENTIALS = { MicrosoftAppId: "00000000-0000-0000-0000-00000000b0b0", MicrosoftAppPassword: "not-a-real-secret", TAB_CLIENT_ID: "00000000-0000-0000-0000-0000000007ab" };
const activity = JSON.stringify({ type: "message", text: "help", channelId: "msteams", serviceUrl: "http://127.0.0.1:9/", conversation: { id: "a:x" }, from: { id: "29:x" } });

let connector: LocalConnector;
let seeded: SeededServer;
let local: TestServer;
let secured: TestServer;
let before: Record<string, unknown>;

beforeAll(async () => {
  connector = await startLocalConnector();
  seeded = await startSeededServer(connector);
  local = seeded.server;
  secured = await startTestServer({ env: BOT_CREDENTIALS });
  before = await seeded.stored();
  expect(Object.keys(before).length).toBeGreaterThan(0);
});

afterAll(async () => {
  await local?.close();
  await secured?.close();
  await connector?.close();
});

async function expectHealthyAndUnchanged(): Promise<void> {
  for (const server of [local, secured]) {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  }
  expect(await seeded.stored()).toEqual(before);
}

function expectRefusal(response: RawResponse | undefined, status: number, code: string): void {
  expect(response?.status).toBe(status);
  expect(response?.headers["content-type"]).toBe("application/json; charset=utf-8");
  const body = JSON.parse(response?.body ?? "{}") as { error?: { code?: string; message?: string } };
  expect(body.error?.code).toBe(code);
  expect(body.error?.message).toMatch(/^[A-Z].*\.$/);
  expect(response?.body).not.toMatch(/Error:|at \w+ \(|node_modules|stack/);
}

/** `megabytes` of zeros, gzipped in a stream so that the test itself never holds them. */
function gzipBomb(megabytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const chunks: Buffer[] = [];
    gzip.on("data", (chunk: Buffer) => chunks.push(chunk));
    gzip.on("end", () => resolve(Buffer.concat(chunks)));
    gzip.on("error", reject);
    const zeros = Buffer.alloc(1024 * 1024);
    const write = (left: number): void => {
      if (left === 0) return void gzip.end();
      if (gzip.write(zeros)) write(left - 1);
      else gzip.once("drain", () => write(left - 1));
    };
    write(megabytes);
  });
}

describe("the attacks that used to crash or leak", () => {
  it("a body labelled gzip that is not gzip gets 415, with and without credentials, and the server stays up", async () => {
    for (const server of [local, secured]) {
      const response = await rawRequest(server.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: "this is not gzip" });
      expectRefusal(response, 415, "unsupported-content-encoding");
      expect(response?.headers["accept-encoding"]).toBe("identity");
    }
    await expectHealthyAndUnchanged();
  });

  it("a gzip bomb (200 KB that inflates to 200 MB) is refused without being inflated, six at once, and memory stays bounded", async () => {
    const bomb = await gzipBomb(200);
    expect(bomb.length).toBeLessThan(300 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: bomb })),
    );
    for (const response of responses) expectRefusal(response, 415, "unsupported-content-encoding");
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    await expectHealthyAndUnchanged();
  });

  it("an XML body to /api/messages gets 415 with a sentence, never internal error text", async () => {
    const response = await rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/xml" }, body: "<activity><type>message</type></activity>" });
    expectRefusal(response, 415, "unsupported-media-type");
    expect(JSON.parse(response?.body ?? "{}").error.message).toBe("The request body must be sent as application/json.");
    await expectHealthyAndUnchanged();
  });

  it("a multipart body to /api/messages gets 415", async () => {
    const boundary = "----attack";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="activity"\r\n\r\n${activity}\r\n--${boundary}--\r\n`;
    const response = await rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body });
    expectRefusal(response, 415, "unsupported-media-type");
    await expectHealthyAndUnchanged();
  });
});

describe("bodies the edge refuses", () => {
  it("a body larger than the limit gets 413, decided from its Content-Length before it is read", async () => {
    const response = await rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) }, body: "{" });
    expectRefusal(response, 413, "body-too-large");
    expect(response?.headers.connection).toBe("close");
    await expectHealthyAndUnchanged();
  });

  it("a chunked body that grows past the limit gets 413 once the limit is reached", async () => {
    const piece = "x".repeat(64 * 1024);
    const chunked = Array.from({ length: 8 }, () => `${piece.length.toString(16)}\r\n${piece}\r\n`).join("") + "0\r\n\r\n";
    const response = await rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/json", "transfer-encoding": "chunked" }, body: chunked });
    expectRefusal(response, 413, "body-too-large");
    await expectHealthyAndUnchanged();
  });

  it("a body that stops before its Content-Length ends costs nothing and changes nothing", async () => {
    await rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/json", "content-length": "5000" }, body: activity.slice(0, 40), hangUpAfterMs: 50 });
    await expectHealthyAndUnchanged();
  });

  it("malformed JSON gets 400 with a sentence", async () => {
    const response = await rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/json" }, body: activity.slice(0, -5) });
    expectRefusal(response, 400, "malformed-json");
    await expectHealthyAndUnchanged();
  });

  it("JSON that is not a Bot Framework activity gets 400, saying what is missing", async () => {
    for (const body of ["[]", "42", '"text"', "null", '{"type":"message"}', '{"type":"","channelId":"msteams"}', JSON.stringify({ ...JSON.parse(activity), serviceUrl: "file:///etc/passwd" })]) {
      const response = await rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/json" }, body });
      expectRefusal(response, 400, "bad-activity");
    }
    await expectHealthyAndUnchanged();
  });

  it("a charset other than UTF-8 gets 415", async () => {
    const response = await rawRequest(local.url, { method: "POST", path: "/api/messages", headers: { "content-type": "application/json; charset=utf-16le" }, body: Buffer.from(activity, "utf16le") });
    expectRefusal(response, 415, "unsupported-charset");
    await expectHealthyAndUnchanged();
  });

  it("a body sent to an address that takes none gets 400", async () => {
    const response = await rawRequest(local.url, { method: "GET", path: "/api/me/circles", headers: { "content-type": "application/json" }, body: "{}" });
    expectRefusal(response, 400, "unexpected-body");
  });
});

describe("addresses and methods", () => {
  it("a wrong method gets 405 and says which methods the address answers", async () => {
    const post = await rawRequest(local.url, { method: "DELETE", path: "/api/messages" });
    expectRefusal(post, 405, "method-not-allowed");
    expect(post?.headers.allow).toBe("POST");
    const health = await rawRequest(local.url, { method: "POST", path: "/healthz", headers: { "content-type": "application/json" }, body: "{}" });
    expectRefusal(health, 405, "method-not-allowed");
    expect(health?.headers.allow).toBe("GET, HEAD");
  });

  it("HEAD works wherever GET does, without a body", async () => {
    ensureTabBuilt();
    for (const path of ["/healthz", "/tab/", "/tab/config", "/api/me/circles"]) {
      const response = await rawRequest(local.url, { method: "HEAD", path });
      expect(response?.status, path).toBe(200);
      expect(response?.body, path).toBe("");
    }
    expect((await rawRequest(local.url, { method: "HEAD", path: "/tab" }))?.status).toBe(302);
  });

  it("an unknown address gets a JSON 404", async () => {
    expectRefusal(await rawRequest(local.url, { method: "GET", path: "/wp-admin/setup.php" }), 404, "not-found");
  });

  it("a very long circle id gets the API's own 400 with a sentence, not a bare 404", async () => {
    const response = await rawRequest(local.url, { method: "GET", path: `/api/circles/${"c".repeat(1_500)}/dashboard` });
    expectRefusal(response, 400, "bad-circle-id");
    expect(JSON.parse(response?.body ?? "{}").error.message).toBe("The circle id in the address is too long to be a circle id.");
  });

  it("an address longer than 2,048 characters gets 414, and broken percent-encoding 400", async () => {
    expectRefusal(await rawRequest(local.url, { method: "GET", path: `/api/circles/${"c".repeat(3_000)}/dashboard` }), 414, "address-too-long");
    expectRefusal(await rawRequest(local.url, { method: "GET", path: "/api/circles/%E0%A4%A/dashboard" }), 400, "bad-address");
  });

  it("headers larger than 16 KiB get 431 and malformed HTTP 400, both as JSON", async () => {
    expectRefusal(await rawRequest(local.url, { method: "GET", path: "/healthz", headers: { "x-padding": "p".repeat(20 * 1024) } }), 431, "headers-too-large");
    expectRefusal(await rawRequest(local.url, { method: "GET", path: "/healthz", headers: { "bad header": "x" } }), 400, "bad-request");
    await expectHealthyAndUnchanged();
  });

  it("headers that never finish arriving are cut off after the headers timeout with 408", { timeout: 30_000 }, async () => {
    const { hostname, port } = new URL(local.url);
    const started = Date.now();
    const answer = await new Promise<string>(async (resolve) => {
      const net = await import("node:net");
      const socket = net.connect({ host: hostname, port: Number(port) }, () => socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "));
      let text = "";
      socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
      socket.on("close", () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(20_000);
    await expectHealthyAndUnchanged();
  });

  it("a request asking to upgrade the connection (WebSocket) is answered as plain HTTP, not held open without a timeout", { timeout: 10_000 }, async () => {
    const upgrade = { connection: "Upgrade, close", upgrade: "websocket" };
    const health = await rawRequest(local.url, { method: "GET", path: "/healthz", headers: upgrade });
    expect(health?.status).toBe(200);
    expectRefusal(await rawRequest(local.url, { method: "GET", path: "/socket", headers: upgrade }), 404, "not-found");
  });

  it("answers carry the caller's request id when it is a plain token, and a fresh one otherwise", async () => {
    const echoed = await rawRequest(local.url, { method: "GET", path: "/healthz", headers: { "x-request-id": "trace-123.abc" } });
    expect(echoed?.headers["x-request-id"]).toBe("trace-123.abc");
    const replaced = await rawRequest(local.url, { method: "GET", path: "/healthz", headers: { "x-request-id": "<script>alert(1)</script>" } });
    expect(replaced?.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
