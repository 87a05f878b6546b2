import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freeLoopbackPort } from "../../storage/azure/azurite.js";

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("npm start", () => {
  it("brings up embedded Azurite, the server and the Agents Playground, prints where to go, and stops everything on Ctrl-C", { timeout: 90_000 }, async () => {
    const [port, playgroundPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
    const dataDirectory = await mkdtemp(path.join(os.tmpdir(), "pm-start-"));
    const child = spawn("npm", ["start"], {
      env: { ...process.env, NODE_ENV: "development", PORT: String(port), PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDirectory, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes("Partnering Maturity is running") && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(output).toContain("Partnering Maturity is running");
      expect(output).toContain(`Chat with the bot:  http://localhost:${playgroundPort}`);
      expect(output).toContain(`Dashboard tab:      http://127.0.0.1:${port}/tab/`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: "ok", storage: "up" });
      expect(await portOpen(playgroundPort)).toBe(true);

      // Ctrl-C in a terminal sends SIGINT to the whole foreground process group.
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      process.kill(-(child.pid as number), "SIGINT");
      await exited;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await portOpen(playgroundPort)).toBe(false);
      expect(await portOpen(port)).toBe(false);
    } finally {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});
