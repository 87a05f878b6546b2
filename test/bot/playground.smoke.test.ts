import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DEFAULT_LOCAL_USER, SECOND_LOCAL_USER } from "../../platform/local-users.js";
import { secondOrganisationConfig } from "../../server/playground.js";
import { freeLoopbackPort } from "../../storage/azure/azurite.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { cardText, findAction, type CardJson } from "./support/teams.js";

/**
 * Smoke test with the Microsoft 365 Agents Playground, the local Teams-like client `npm start` is
 * tried with. The Playground is driven through its own HTTP API, the one its web page uses
 * (POST /_conversation/v1/conversations/{id}/messages to type, POST /_conversation/v1/invoke to press
 * a card button), and the bot's answers are watched on the WebSocket feed that page listens to.
 * Two Playgrounds run: the default one (Alex Wilber's organisation) and a second one configured
 * as another organisation (`npm run playground:second`'s configuration).
 */
const PLAYGROUND_CLI = path.resolve("node_modules/.bin/agentsplayground");

interface PlaygroundConfig {
  config: { tenantId: string; bot: { id: string }; currentUser: { id: string; aadObjectId: string }; personalChat: { id: string } };
}

interface FeedMessage {
  action: string;
  actionConversationId: string;
  message?: { messageId: string; from: { id: string }; text?: string; attachments?: { contentType: string; content: CardJson }[] };
}

/** One running Playground: its child processes, its address and what its feed has shown. */
interface Playground {
  url: string;
  config: PlaygroundConfig["config"];
  feed: { received: FeedMessage[]; opened: boolean };
  children: ChildProcess[];
}

let server: TestServer;
const directories: string[] = [];
const playgrounds: Playground[] = [];

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  for (const playground of playgrounds) playground.children.forEach(stopGroup);
  await server?.close();
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe("the Microsoft 365 Agents Playground", () => {
  it("walks a whole assessment: help, Assess my company, the company named on the first card, every area, the summary", async () => {
    const alex = await startPlayground();
    expect(alex.config.tenantId).toBe(DEFAULT_LOCAL_USER.tenantId);
    const help = await type(alex, "help");
    assertValidAdaptiveCard(help.card, "help card shown in the Playground");
    expect(cardText(help.card)).toContain("invite ‹company› to ‹circle›");

    let card = await press(alex, help, { verb: "command", command: "assess" });
    expect(cardText(card)).toContain("Assess your company");
    card = await press(alex, { card, messageId: help.messageId }, dataOf(card, "Start"), { company: "Contoso Consulting", vendorProgram: "false" });
    for (let area = 1; area <= 9; area += 1) {
      expect(cardText(card)).toContain(`Area ${area} of 9`);
      card = await press(alex, { card, messageId: help.messageId }, dataOf(card, area === 9 ? "See results" : "Next"), { stage: area % 2 === 0 ? "proactive" : "reactive" });
    }
    assertValidAdaptiveCard(card, "summary shown in the Playground");
    expect(cardText(card)).toContain("Your partnering maturity");
    expect(cardText(card)).toContain("Contoso Consulting");
    expect((await server.context.repositories.companies.get(DEFAULT_LOCAL_USER.tenantId))?.data.name).toBe("Contoso Consulting");
  });

  it("lets a person of a second organisation, in a second Playground, join the circle with the code the first one got", async () => {
    const alex = playgrounds[0] ?? (await startPlayground());
    const megan = await startPlayground(secondOrganisationConfig());
    expect(megan.config.tenantId).toBe(SECOND_LOCAL_USER.tenantId);
    await typeText(alex, "create circle Northwest Alliance");
    const invitation = await type(alex, "invite Fabrikam to Northwest Alliance");
    const code = /join ([0-9A-Z-]{39})/.exec(cardText(invitation.card))?.[1];
    expect(code).toBeDefined();

    await typeText(megan, "company Fabrikam Cloud Services");
    const joined = await type(megan, `join ${code}`);
    expect(cardText(joined.card)).toContain("Welcome to Northwest Alliance: Fabrikam Cloud Services is now a member.");
    const circles = await server.context.repositories.companies.listCircles(SECOND_LOCAL_USER.tenantId);
    expect(circles.map((entry) => [entry.circleName, entry.status])).toEqual([["Northwest Alliance", "member"]]);
    const members = await server.context.repositories.circles.listMembers(circles[0]?.circleId ?? "");
    expect(members.map((row) => [row.data.company.companyId, row.data.company.companyName]).sort()).toEqual([
      [DEFAULT_LOCAL_USER.tenantId, "Contoso Consulting"],
      [SECOND_LOCAL_USER.tenantId, "Fabrikam Cloud Services"],
    ]);
  });
});

/** Starts a Playground pointed at the test server; with a configuration, as that organisation and user. */
async function startPlayground(config?: Record<string, unknown>): Promise<Playground> {
  const workingDirectory = await mkdtemp(path.join(os.tmpdir(), "agents-playground-"));
  directories.push(workingDirectory);
  if (config) await writeFile(path.join(workingDirectory, ".m365agentsplayground.yml"), stringify(config));
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(PLAYGROUND_CLI, ["-e", `${server.url}/api/messages`, "-c", "msteams", "--disable-telemetry"], {
    cwd: workingDirectory,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", TEAMSAPPTESTER_PORT: String(port), M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workingDirectory, "playground.log") },
    stdio: "ignore",
    detached: true,
  });
  const playground: Playground = { url, config: (await waitForPlayground(url)).config, feed: { received: [], opened: false }, children: [child] };
  playgrounds.push(playground);
  playground.children.push(listenToFeed(playground));
  await until(() => playground.feed.opened, "the Playground's WebSocket feed to open");
  return playground;
}

async function waitForPlayground(url: string): Promise<PlaygroundConfig> {
  // The Playground answers its config once it can reach the bot's endpoint (it waits up to 15 s itself).
  return until(async () => {
    const response = await fetch(`${url}/_internal/v1/config`).catch(() => undefined);
    return response?.ok ? ((await response.json()) as PlaygroundConfig) : undefined;
  }, "the Playground to start");
}

async function post(playground: Playground, text: string): Promise<number> {
  const from = playground.feed.received.length;
  const typed = await fetch(`${playground.url}/_conversation/v1/conversations/${encodeURIComponent(playground.config.personalChat.id)}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ from: { id: playground.config.currentUser.id }, text, textFormat: "plain" }),
  });
  expect(typed.status).toBe(200);
  return from;
}

function fromBot(playground: Playground, since: number): FeedMessage[] {
  return playground.feed.received.slice(since).filter((entry) => entry.action === "createMessage" && entry.message?.from.id === playground.config.bot.id);
}

/** Types a message and waits for the bot's card. */
async function type(playground: Playground, text: string): Promise<{ card: CardJson; messageId: string | undefined }> {
  const from = await post(playground, text);
  const answer = await until(() => fromBot(playground, from).find((entry) => cardOf(entry) !== undefined), `the bot's card after "${text}"`);
  return { card: cardOf(answer) as CardJson, messageId: answer.message?.messageId };
}

/** Types a message and waits for the bot's answer, card or sentence. */
async function typeText(playground: Playground, text: string): Promise<void> {
  const from = await post(playground, text);
  await until(() => fromBot(playground, from)[0], `the bot's answer to "${text}"`);
}

/** Presses a button as the Playground's page does (Action.Execute with the inputs merged into its data) and returns the card that replaces it. */
async function press(playground: Playground, pressedOn: { card: CardJson; messageId: string | undefined }, data: Record<string, unknown>, inputs: Record<string, unknown> = {}): Promise<CardJson> {
  const verb = String(data.verb);
  const pressed = await fetch(`${playground.url}/_conversation/v1/invoke`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb, data: { ...data, ...inputs } }, trigger: "manual" },
      from: { id: playground.config.currentUser.id },
      conversation: { id: playground.config.personalChat.id },
      replyToId: pressedOn.messageId,
    }),
  });
  const response = (await pressed.json()) as { type: string; value: unknown };
  if (response.type !== "application/vnd.microsoft.card.adaptive") throw new Error(`The bot answered with a message, not a card: ${String(response.value)}`);
  return response.value as CardJson;
}

function dataOf(card: CardJson, title: string): Record<string, unknown> {
  return findAction(card, title).data as Record<string, unknown>;
}

/**
 * Node 20 has a WebSocket client only behind a flag, so a small child process listens to the feed
 * and prints each message as a line of JSON.
 */
function listenToFeed(playground: Playground): ChildProcess {
  const script = `
    const socket = new WebSocket(process.argv[1]);
    socket.addEventListener("open", () => console.log(JSON.stringify({ action: "__open" })));
    socket.addEventListener("message", (event) => console.log(String(event.data).replace(/\\n/g, " ")));
    socket.addEventListener("close", () => process.exit(0));`;
  const feed = spawn(process.execPath, ["--experimental-websocket", "--no-warnings", "-e", script, `${playground.url.replace("http", "ws")}/_ws_conversation/v1/conversations/stream`], { stdio: ["ignore", "pipe", "ignore"], detached: true });
  let pending = "";
  feed.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines.filter(Boolean)) {
      const message = JSON.parse(line) as FeedMessage;
      if (message.action === "__open") playground.feed.opened = true;
      else playground.feed.received.push(message);
    }
  });
  return feed;
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
