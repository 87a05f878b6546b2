import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger.js";
import type { RouteModule } from "../../platform/http.js";
import { MemoryTableStoreFactory } from "../../storage/memory/memory-table-store.js";
import { StorageUnavailableError } from "../../storage/table-store.js";
import { createApp } from "../../server/app.js";
import { listen } from "../../server/compose.js";

/** A failure nobody foresaw: logged with the request id, answered 500 with a generic sentence, and the server goes on. */
function logCapture(): { lines: Record<string, unknown>[]; stream: { write(line: string): void } } {
  const lines: Record<string, unknown>[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

const failingRoutes: RouteModule = [
  { method: "GET", path: "/fails", handle: async () => Promise.reject(new Error("internal detail: table pmcircles at 10.0.0.7 said no")) },
  { method: "GET", path: "/storage-down", handle: async () => Promise.reject(new StorageUnavailableError("connect ECONNREFUSED 10.0.0.7:443")) },
  { method: "GET", path: "/answers-nothing", handle: async () => undefined },
];

describe("an unexpected error inside a request", () => {
  it("is answered 500 with a generic sentence, logged with the request id, and the next request is served", async () => {
    const log = logCapture();
    const { server } = createApp({ logger: createLogger("info", log.stream), storage: new MemoryTableStoreFactory(), routes: [failingRoutes] });
    await listen(server, 0, "127.0.0.1");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const response = await fetch(`${url}/fails`, { headers: { "x-request-id": "req-42" } });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "internal-error", message: "Something went wrong on our side. Try again in a moment." } });
      expect(text).not.toMatch(/internal detail|10\.0\.0\.7/);
      const failure = log.lines.find((line) => line.msg === "request failed");
      expect(failure?.requestId).toBe("req-42");
      expect(JSON.stringify(failure?.err)).toMatch(/internal detail/);

      const unavailable = await fetch(`${url}/storage-down`);
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get("retry-after")).toBe("30");
      expect(await unavailable.text()).not.toMatch(/ECONNREFUSED/);

      expect((await fetch(`${url}/answers-nothing`)).status).toBe(500);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

async function until(condition: () => boolean, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("an error that escapes the handler (thrown in a timer, a promise nobody awaited)", () => {
  let child: ChildProcess;
  let url: string;
  let output = "";

  beforeAll(async () => {
    const fixture = fileURLToPath(new URL("./fixtures/server-with-faulty-routes.ts", import.meta.url));
    child = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (\d+)/.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`the fixture exited (${code}): ${stderr}`)));
    });
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it("answers that request 500, logs it with its request id, and the process stays up", async () => {
    for (const path of ["/throws-later", "/rejects-unawaited"]) {
      const response = await fetch(`${url}${path}`, { headers: { "x-request-id": `escaped-${path.slice(1)}` } });
      expect(response.status, path).toBe(500);
      expect(await response.text(), path).not.toMatch(/internal detail/);
      // The log line travels through the child's stdout, the answer through its socket: either may arrive first.
      const logged = new RegExp(`"requestId":"escaped-${path.slice(1)}".*internal detail`);
      await until(() => logged.test(output), 5_000);
      expect(output, path).toMatch(logged);
    }
    expect(child.exitCode).toBeNull();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
