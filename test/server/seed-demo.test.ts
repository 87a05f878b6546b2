import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordLocalRun } from "../../platform/local-run.js";

/** `npm run seed-demo` as a newcomer runs it: against the embedded Azurite's data folder of `npm start`. */
function seedDemo(dataDirectory: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const { PORT: _port, ...inherited } = process.env;
    const child = spawn(process.execPath, ["--disable-warning=DEP0111", "--import", "tsx", "scripts/seed-demo.ts"], { env: { ...inherited, DATA_DIR: dataDirectory, LOG_LEVEL: "silent", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run seed-demo", () => {
  let dataDirectory: string;
  beforeAll(async () => {
    dataDirectory = await mkdtemp(path.join(os.tmpdir(), "seed-demo-"));
  });
  afterAll(() => rm(dataDirectory, { recursive: true, force: true }));

  it("prints the address the app last ran on, not the default port, and names both organisations' people", async () => {
    await recordLocalRun(dataDirectory, { port: 4321, pid: null, url: "http://127.0.0.1:4321" });
    const { code, stdout, stderr } = await seedDemo(dataDirectory);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("open http://127.0.0.1:4321/tab/");
    expect(stdout).not.toContain("3978");
    expect(stdout).toContain("Alex Wilber, is of Contoso Consulting");
    expect(stdout).toContain("Megan Bowen (npm run playground:second) is of Fabrikam Cloud Services");
    expect(stdout, "the rhythm its meetings follow is set, so the dashboard's rhythms and meetings agree").toMatch(/Joint planning meeting: .*10th.* 09:00 .*Etc\/UTC.*, with its reminders queued\./);
  }, 60_000);

  it("takes the PORT given now over the one recorded", async () => {
    const { stdout } = await seedDemo(dataDirectory, { PORT: "4555" });
    expect(stdout).toContain("open http://127.0.0.1:4555/tab/");
  }, 60_000);

  it("refuses to write while the app runs on the same data folder, naming the port it runs on", async () => {
    await recordLocalRun(dataDirectory, { port: 4321, pid: process.pid, url: "http://127.0.0.1:4321" });
    const { code, stderr } = await seedDemo(dataDirectory);
    expect(code).toBe(1);
    expect(stderr).toContain("The app is running on port 4321 with the same local data folder");
  }, 60_000);
});
