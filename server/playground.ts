import { spawn, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { SECOND_LOCAL_USER } from "../platform/local-users.js";

/**
 * The Microsoft 365 Agents Playground: a local Teams-like chat client pointed at the bot, so that
 * `npm start` lets a person try the assessment without Teams or any account. Development only.
 */
export interface RunningPlayground {
  url: string;
  stop(): Promise<void>;
}

export async function startPlayground(options: { botEndpoint: string; port: number; workingDirectory?: string; beforeStart?: () => Promise<void> }): Promise<RunningPlayground | undefined> {
  const cli = playgroundCli();
  if (!cli) return undefined;
  const workingDirectory = options.workingDirectory ?? process.cwd();
  await mkdir(workingDirectory, { recursive: true });
  await options.beforeStart?.();
  // Telemetry off: the app promises a local experience that sends nothing anywhere.
  const child = spawn(process.execPath, [cli, "-e", options.botEndpoint, "-c", "msteams", "-p", String(options.port), "--disable-telemetry"], {
    cwd: workingDirectory,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", TEAMSAPPTESTER_PORT: String(options.port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  await waitForPort(options.port, child, () => stderr);
  return { url: `http://localhost:${options.port}`, stop: () => stopChild(child) };
}

function playgroundCli(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
  } catch {
    return undefined;
  }
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The Agents Playground exited (${child.exitCode}): ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`The Agents Playground did not open port ${port} within 30 s: ${stderr()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
  });
}

/**
 * The Playground's own format (version 0.1.1): a tenant, the bot, the current user and exactly five more users.
 * The Playground adds the team's General channel itself; ours is a second one, named so the two can be told apart.
 */
export function secondOrganisationConfig(): Record<string, unknown> {
  const person = (id: string, name: string, aadObjectId: string) => {
    const [givenName = name, surname = ""] = name.split(" ");
    const email = `${givenName.toLowerCase()}@fabrikam.example`;
    return { id, name, userPrincipleName: email, aadObjectId, givenName, surname, email };
  };
  return {
    version: "0.1.1",
    tenantId: SECOND_LOCAL_USER.tenantId,
    bot: { id: "00000000-0000-0000-0000-00000000000011", name: "Partnering Maturity" },
    currentUser: person("fabrikam-user-megan", SECOND_LOCAL_USER.name, SECOND_LOCAL_USER.aadObjectId),
    users: ["Nestor Wilke", "Grady Archie", "Joni Sherman", "Lee Gu", "Miriam Graham"].map((name, index) => person(`fabrikam-user-${index + 1}`, name, `00000000-0000-0000-0000-00000000013${index + 1}`)),
    personalChat: { id: "fabrikam-personal-chat" },
    groupChat: { id: "fabrikam-group-chat", name: "Fabrikam group chat" },
    team: { id: "fabrikam-team", name: "Fabrikam partners", aadGroupId: "00000000-0000-0000-0000-000000000231", channels: [{ id: "fabrikam-partner-sales", name: "Partner sales" }] },
  };
}
