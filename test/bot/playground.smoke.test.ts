import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freeLoopbackPort } from "../../storage/azure/azurite.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { cardText, type CardJson } from "./support/teams.js";

/**
 * Smoke test with the Microsoft 365 Agents Playground, the local Teams-like client `npm start` is
 * tried with. The Playground is driven through its own HTTP API, the one its web page uses
 * (POST /_conversation/v1/conversations/{id}/messages to type, POST /_conversation/v1/invoke to press
 * a card button), and the bot's answer is watched on the WebSocket feed that page listens to.
 */
const PLAYGROUND_CLI = path.resolve("node_modules/.bin/agentsplayground");

interface PlaygroundConfig {
  config: { bot: { id: string }; currentUser: { id: string }; personalChat: { id: string } };
}

interface FeedMessage {
  action: string;
  actionConversationId: string;
  message?: { messageId: string; from: { id: string }; text?: string; attachments?: { contentType: string; content: CardJson }[] };
}

let server: TestServer;
let playground: ChildProcess | undefined;
let feed: ChildProcess | undefined;
let workingDirectory: string;
let playgroundUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  workingDirectory = await mkdtemp(path.join(os.tmpdir(), "agents-playground-"));
  const port = await freeLoopbackPort();
  playgroundUrl = `http://127.0.0.1:${port}`;
  playground = spawn(PLAYGROUND_CLI, ["-e", `${server.url}/api/messages`, "-c", "msteams", "--disable-telemetry"], {
    cwd: workingDirectory,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", TEAMSAPPTESTER_PORT: String(port), M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workingDirectory, "playground.log") },
    stdio: "ignore",
    detached: true,
  });
}, 60_000);

afterAll(async () => {
  stopGroup(feed);
  stopGroup(playground);
  await server?.close();
  if (workingDirectory) await rm(workingDirectory, { recursive: true, force: true });
});

describe("the Microsoft 365 Agents Playground", () => {
  it("shows the bot's help card when the user types help, and updates it in place when a button is pressed", async () => {
    const { config } = await waitForPlayground();
    const messages = listenToFeed();
    await until(() => messages.opened, "the Playground's WebSocket feed to open");

    const typed = await fetch(`${playgroundUrl}/_conversation/v1/conversations/${encodeURIComponent(config.personalChat.id)}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: { id: config.currentUser.id }, text: "help", textFormat: "plain" }),
    });
    expect(typed.status).toBe(200);

    const answer = await until(() => messages.received.find((entry) => entry.action === "createMessage" && entry.message?.from.id === config.bot.id && cardOf(entry) !== undefined), "the bot's answer in the Playground");
    const help = cardOf(answer) as CardJson;
    assertValidAdaptiveCard(help, "help card shown in the Playground");
    expect(cardText(help)).toContain("What I can do");

    const pressed = await fetch(`${playgroundUrl}/_conversation/v1/invoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb: "command", data: { verb: "command", command: "assess" } }, trigger: "manual" },
        from: { id: config.currentUser.id },
        conversation: { id: config.personalChat.id },
        replyToId: answer.message?.messageId,
      }),
    });
    const response = (await pressed.json()) as { type: string; value: CardJson };
    expect(response.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(response.value)).toContain("Assess your company");
  });
});

async function waitForPlayground(): Promise<PlaygroundConfig> {
  // The Playground answers its config once it can reach the bot's endpoint (it waits up to 15 s itself).
  return until(async () => {
    const response = await fetch(`${playgroundUrl}/_internal/v1/config`).catch(() => undefined);
    return response?.ok ? ((await response.json()) as PlaygroundConfig) : undefined;
  }, "the Playground to start");
}

/**
 * Node 20 has a WebSocket client only behind a flag, so a small child process listens to the feed
 * and prints each message as a line of JSON.
 */
function listenToFeed(): { received: FeedMessage[]; opened: boolean } {
  const state = { received: [] as FeedMessage[], opened: false };
  const script = `
    const socket = new WebSocket(process.argv[1]);
    socket.addEventListener("open", () => console.log(JSON.stringify({ action: "__open" })));
    socket.addEventListener("message", (event) => console.log(String(event.data).replace(/\\n/g, " ")));
    socket.addEventListener("close", () => process.exit(0));`;
  feed = spawn(process.execPath, ["--experimental-websocket", "--no-warnings", "-e", script, `${playgroundUrl.replace("http", "ws")}/_ws_conversation/v1/conversations/stream`], { stdio: ["ignore", "pipe", "ignore"], detached: true });
  let pending = "";
  feed.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines.filter(Boolean)) {
      const message = JSON.parse(line) as FeedMessage;
      if (message.action === "__open") state.opened = true;
      else state.received.push(message);
    }
  });
  return state;
}

function cardOf(entry: FeedMessage): CardJson | undefined {
  return entry.message?.attachments?.find((attachment) => attachment.contentType === "application/vnd.microsoft.card.adaptive")?.content;
}

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Stops a process this test started, with everything it started (it runs in its own process group). */
function stopGroup(child: ChildProcess | undefined): void {
  if (child?.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}
