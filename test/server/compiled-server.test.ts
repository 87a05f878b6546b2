import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freeLoopbackPort } from "../../storage/azure/azurite.js";
import { uniqueTablePrefix } from "../support/stores.js";

/**
 * The production runtime: `npm run build:server` compiles the server to dist/, and plain `node`
 * runs it (as App Service does, infra/azure.bicep) — no TypeScript loader, nothing built at start.
 */
let child: ChildProcess;
let url: string;
let output = "";

async function healthy(deadlineMs: number): Promise<Response | undefined> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline && child.exitCode === null) {
    const response = await fetch(`${url}/healthz`).catch(() => undefined);
    if (response) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

beforeAll(async () => {
  const build = spawnSync("npm", ["run", "build:server"], { encoding: "utf8" });
  expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
  const port = await freeLoopbackPort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["dist/server/start.js"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      // As App Service sets it (infra/azure.bicep): restify's spdy prints DEP0111 otherwise.
      NODE_OPTIONS: "--disable-warning=DEP0111",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      TABLES_CONNECTION_STRING: inject("azuriteConnectionString"),
      TABLES_PREFIX: uniqueTablePrefix(),
      TAB_CLIENT_ID: "00000000-0000-0000-0000-0000000007ab",
      TAB_TENANT_ID: "00000000-0000-0000-0000-00000000e17a",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
}, 180_000);

afterAll(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
});

describe("the compiled server (node dist/server/start.js)", () => {
  it("starts with plain node on a free port and answers a healthy /healthz", async () => {
    expect(existsSync("dist/server/start.js")).toBe(true);
    const response = await healthy(30_000);
    expect(response?.status, output).toBe(200);
    expect(await response?.json()).toEqual({ status: "ok", storage: "up" });
    expect(child.spawnargs).toEqual([process.execPath, "dist/server/start.js"]);
  });

  it("logs JSON lines with the request id and refuses what the edge refuses", async () => {
    const refused = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip", "x-request-id": "compiled-1" }, body: "not gzip" });
    expect(refused.status).toBe(415);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const line = output.split("\n").find((entry) => entry.includes('"requestId":"compiled-1"'));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ app: "partnering-maturity", requestId: "compiled-1", status: 415, code: "unsupported-content-encoding" });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("stops on SIGTERM (App Service's stop signal) with exit code 0", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
