import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

/** Azurite's well-known development account (public, documented; not a secret). */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface RunningAzurite {
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Keep data in this folder; in memory when absent. */
  location?: string;
  port?: number;
}

export function azuriteConnectionString(port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`
  );
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the Azurite Table service on loopback and resolves once it accepts connections. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const port = options.port ?? (await freeLoopbackPort());
  const require = createRequire(import.meta.url);
  const azuriteMain = path.join(path.dirname(require.resolve("azurite/package.json")), "dist/src/table/main.js");
  const storageArgs = options.location ? ["--location", options.location] : ["--inMemoryPersistence"];
  const child = spawn(
    process.execPath,
    [azuriteMain, "--tableHost", "127.0.0.1", "--tablePort", String(port), "--silent", "--disableTelemetry", "--skipApiVersionCheck", ...storageArgs],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // Azurite must not outlive the process that started it (a test run or a server that exits early).
  const killOnExit = (): void => void child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  await waitUntilListening(port, child, () => stderr);
  return {
    port,
    connectionString: azuriteConnectionString(port),
    stop: () => stopChild(child),
  };
}

async function waitUntilListening(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode}: ${stderr()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new Error(`Azurite did not start on 127.0.0.1:${port} within 20 s: ${stderr()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** SIGINT is the signal Azurite handles by saving its data and closing; SIGKILL only if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}
