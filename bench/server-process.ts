import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { freeLoopbackPort } from "../storage/azure/azurite.js";

/** The server as its own process (compiled or through tsx), so that its start-up and memory are its own. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** From spawn to the first 200 on /healthz. */
  startupMs: number;
  rssBytes(): number;
  stop(): Promise<void>;
}

export const COMPILED = ["dist/server/start.js"] as const;
/** What `npm start` runs after its tab build: the sources through the tsx loader. */
export const THROUGH_TSX = ["--import", "tsx", "server/start.ts"] as const;

export function buildServer(): void {
  const build = spawnSync("npm", ["run", "build:server"], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build:server failed:\n${build.stdout}\n${build.stderr}`);
}

/** Production settings on the given storage: no Playground, Teams SSO configured (no token is ever checked here), no bot credentials (the local connector takes unsigned replies). */
export async function startServerProcess(args: readonly string[], connectionString: string, tablePrefix: string): Promise<ServerProcess> {
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...args], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      // As App Service sets it (infra/azure.bicep): restify's spdy prints DEP0111 otherwise.
      NODE_OPTIONS: "--disable-warning=DEP0111",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      TABLES_CONNECTION_STRING: connectionString,
      TABLES_PREFIX: tablePrefix,
      TAB_CLIENT_ID: "00000000-0000-0000-0000-0000000007ab",
      TAB_TENANT_ID: "00000000-0000-0000-0000-00000000e17a",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  await waitForHealth(url, child, () => stderr);
  const startupMs = performance.now() - started;
  return { url, pid: child.pid ?? 0, startupMs, rssBytes: () => rssOf(child.pid ?? 0), stop: () => stop(child) };
}

async function waitForHealth(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}): ${stderr()}`);
    const status = await fetch(`${url}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill("SIGKILL");
  throw new Error(`The server was not healthy within 60 s: ${stderr()}`);
}

/** Resident memory of a process, from Linux's /proc. */
export function rssOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1024;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}
