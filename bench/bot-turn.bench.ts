import { randomUUID } from "node:crypto";
import { buttonOn, type BenchCard } from "./cards.js";
import { performance } from "node:perf_hooks";
import type { AddressInfo } from "node:net";
import { ActivityHandler, type InvokeResponse, type TurnContext } from "botbuilder";
import { createBotRoutes } from "../bot/routes.js";
import { activityOf, createAdapter } from "../bot/teams/adapter.js";
import { systemClock } from "../core/clock.js";
import { createApp } from "../server/app.js";
import { listen } from "../server/compose.js";
import type { RouteModule } from "../platform/http.js";
import { loadConfig } from "../platform/config.js";
import type { ServerContext } from "../platform/context.js";
import { createLogger } from "../platform/logger.js";
import { startAzurite } from "../storage/azure/azurite.js";
import { AzureTableStoreFactory } from "../storage/azure/azure-table-store.js";
import { countingFactory } from "../storage/counting.js";
import { openRepositories, type TableStoreFactory } from "../storage/index.js";
import { MemoryTableStoreFactory } from "../storage/memory/memory-table-store.js";
import { startLocalConnector, type LocalConnector } from "../test/support/connector.js";
import { median, percentile, type BenchFigure } from "./figures.js";

/**
 * The answer turn: a person answers an area card and the next card comes back. Measured on the real
 * server (the HTTP edge + CloudAdapter + Azurite), next to an echo bot mounted on the same server in the same
 * run, so that the ratio shows what the assessment adds to a bare Bot Framework turn. The same bot on
 * in-memory storage, in the same run, separates the cost of the bot's own work from storage latency.
 */
export const title = "Bot: answer turn vs echo turn (same server, Azurite, local Bot Connector)";

const PEOPLE = 30;
const MEASURED_AREAS_PER_PERSON = 9;
const WARM_UP_PEOPLE = 3;
const ANSWERS = ["basic", "reactive", "proactive", "dynamic"] as const;

type Card = BenchCard;

interface Samples {
  answerExecute: number[];
  answerExecuteInMemory: number[];
  echoExecute: number[];
  answerSubmit: number[];
  echoMessage: number[];
  roundTrips: number[];
}

export async function run(): Promise<BenchFigure[]> {
  const azurite = await startAzurite();
  const storage = countingFactory(new AzureTableStoreFactory({ kind: "connection-string", connectionString: azurite.connectionString }, `bench${randomUUID().slice(0, 8)}`));
  const connector = await startLocalConnector();
  const onAzurite = await startBenchServer(storage, [echoRoutes()]);
  const inMemory = await startBenchServer(countingFactory(new MemoryTableStoreFactory()), []);
  try {
    const samples = emptySamples();
    for (let person = 0; person < WARM_UP_PEOPLE; person++) {
      await assessOnePerson(onAzurite.url, connector, storage, emptySamples());
      await answerInMemory(inMemory.url, connector, emptySamples());
    }
    for (let person = 0; person < PEOPLE; person++) {
      await assessOnePerson(onAzurite.url, connector, storage, samples);
      await answerInMemory(inMemory.url, connector, samples);
    }
    const oneWrite = await timeOneConditionalWrite(storage);
    return [...figuresOf(samples), { name: "bot: one ETag-conditional write to Azurite (the answer's only storage round trip) median", value: Math.round(oneWrite * 100) / 100, unit: "ms", goal: "report: answer ≈ echo + this" }];
  } finally {
    await onAzurite.close();
    await inMemory.close();
    await connector.close();
    await azurite.stop();
  }
}

/** What the answer adds to the echo: one conditional replace of a draft-sized row on the same Azurite. */
async function timeOneConditionalWrite(storage: TableStoreFactory): Promise<number> {
  const table = await storage.table("benchwrite");
  const draft = { answers: { "joint-business-planning": "proactive", pipeline: "reactive" }, runId: randomUUID(), status: "in-progress" };
  let etag = await table.upsert("bench|write", "draft|self", draft);
  const times: number[] = [];
  for (let write = 0; write < 200; write++) {
    const start = performance.now();
    etag = await table.replace("bench|write", "draft|self", { ...draft, write }, etag);
    times.push(performance.now() - start);
  }
  return median(times.slice(20));
}

/** The app's server (same middleware as production) with the bot, and any bench-only routes. */
async function startBenchServer(storage: TableStoreFactory, extraRoutes: readonly RouteModule[]): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent" });
  const context: ServerContext = { config, logger: createLogger("silent"), clock: systemClock, storage, repositories: await openRepositories(storage) };
  const { server } = createApp({ logger: context.logger, storage, routes: [createBotRoutes(context), ...extraRoutes] });
  await listen(server, 0, "127.0.0.1");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The same Action.Execute answers on in-memory storage: what the bot itself costs, without storage latency. */
async function answerInMemory(url: string, connector: LocalConnector, samples: Samples): Promise<void> {
  const person = new BenchPerson(url, connector);
  await person.message("/api/messages", { text: "assess" });
  let card = await person.execute("/api/messages", actionData(lastCardAt(connector), "Start", { company: "In memory", vendorProgram: "true" }));
  for (let area = 0; area < MEASURED_AREAS_PER_PERSON; area++) {
    const answer = actionData(card, "Next", { stage: ANSWERS[area % ANSWERS.length] });
    const started = performance.now();
    card = await person.execute("/api/messages", answer);
    samples.answerExecuteInMemory.push(performance.now() - started);
  }
}

/** One person: starts an assessment, then answers areas, alternating Action.Execute and Action.Submit, each next to an echo turn. */
async function assessOnePerson(url: string, connector: LocalConnector, storage: ReturnType<typeof countingFactory>, samples: Samples): Promise<void> {
  const person = new BenchPerson(url, connector);
  await person.message("/api/messages", { text: "assess" });
  const companyCard = lastCardAt(connector);
  let card = await person.execute("/api/messages", actionData(companyCard, "Start", { company: `Company ${randomUUID().slice(0, 6)}`, vendorProgram: "true" }));
  for (let area = 0; area < MEASURED_AREAS_PER_PERSON; area++) {
    const answer = actionData(card, "Next", { stage: ANSWERS[area % ANSWERS.length] });
    storage.reset();
    if (area % 2 === 0) {
      const started = performance.now();
      card = await person.execute("/api/messages", answer);
      samples.answerExecute.push(performance.now() - started);
    } else {
      const started = performance.now();
      card = await person.submitAndWaitForUpdate(answer);
      samples.answerSubmit.push(performance.now() - started);
    }
    samples.roundTrips.push(storage.requests);
    samples.echoExecute.push(await timed(() => person.execute("/api/echo", { verb: "echo" })));
    samples.echoMessage.push(await timed(() => person.message("/api/echo", { text: "echo" })));
  }
}

class BenchPerson {
  private readonly user = { id: `29:${randomUUID()}`, aadObjectId: randomUUID(), name: "Bench" };
  private readonly conversation = { id: `a:${randomUUID()}`, conversationType: "personal", tenantId: randomUUID() };
  private lastCardActivityId: string | undefined;

  constructor(
    private readonly url: string,
    private readonly connector: LocalConnector,
  ) {
    // Teams answers who the person is (their own organisation): the bot asks before it acts for a company.
    connector.members.set(this.user.id, { id: this.user.id, objectId: this.user.aadObjectId, name: this.user.name, tenantId: this.conversation.tenantId, userRole: "user" });
  }

  async message(route: string, fields: Record<string, unknown>): Promise<void> {
    const response = await this.post(route, { type: "message", ...fields });
    await response.arrayBuffer();
    this.lastCardActivityId = this.connector.calls.at(-1)?.assignedId;
  }

  async execute(route: string, data: Record<string, unknown>): Promise<Card> {
    const response = await this.post(route, { type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: data.verb, data }, trigger: "manual" } });
    const body = (await response.json()) as { value: Card };
    return body.value;
  }

  /** Action.Submit: the answer is a message with a value; the next card reaches the connector as an update of the pressed one. */
  async submitAndWaitForUpdate(data: Record<string, unknown>): Promise<Card> {
    const from = this.connector.calls.length;
    const response = await this.post("/api/messages", { type: "message", value: data, replyToId: this.lastCardActivityId ?? "card" });
    await response.arrayBuffer();
    const update = await this.connector.waitFor((call) => call.method === "PUT", { from });
    return cardsOf(update.body)[0] ?? {};
  }

  private post(route: string, fields: Record<string, unknown>): Promise<globalThis.Response> {
    const activity = {
      id: randomUUID(),
      channelId: "msteams",
      serviceUrl: this.connector.url,
      from: this.user,
      recipient: { id: "28:bench-bot", name: "Bench bot" },
      conversation: this.conversation,
      channelData: { tenant: { id: this.conversation.tenantId } },
      ...fields,
    };
    return fetch(`${this.url}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  }
}

/** Bench-only: the smallest bot on the same server and the same kind of adapter, echoing messages and card presses. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ""}`);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: `Echo: ${JSON.stringify(context.activity.value)}` }] };
    return { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card } };
  }
}

function echoRoutes(): RouteModule {
  const adapter = createAdapter(undefined, createLogger("silent"));
  const bot = new EchoBot();
  return [
    {
      method: "POST",
      path: "/api/echo",
      body: { mediaTypes: ["application/json"], maxBytes: 256 * 1024 },
      handle: async (request, reply) => {
        const activity = activityOf(request.body);
        const invokeResponse = await adapter.run(await adapter.authenticate(activity, ""), activity, (context) => bot.run(context));
        if (invokeResponse?.body !== undefined) reply.json(invokeResponse.status, invokeResponse.body);
        else reply.empty(invokeResponse?.status ?? 200);
      },
    },
  ];
}

function actionData(card: Card | undefined, title: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const action = buttonOn(card, title);
  if (!action) throw new Error(`No "${title}" button on the card`);
  return { ...action.data, ...inputs };
}

/** The card of the bot's latest message with a card (it may also have asked Teams who the person is since). */
function lastCardAt(connector: LocalConnector): Card | undefined {
  const call = connector.calls.findLast((candidate) => cardsOf(candidate.body).length > 0);
  return call ? cardsOf(call.body)[0] : undefined;
}

function cardsOf(activity: Record<string, unknown> | undefined): Card[] {
  const attachments = (activity?.attachments ?? []) as { content: Card }[];
  return attachments.map((attachment) => attachment.content);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function emptySamples(): Samples {
  return { answerExecute: [], answerExecuteInMemory: [], echoExecute: [], answerSubmit: [], echoMessage: [], roundTrips: [] };
}

function figuresOf(samples: Samples): BenchFigure[] {
  const ms = (value: number) => Math.round(value * 100) / 100;
  const ratio = (answer: number[], echo: number[]) => Math.round((median(answer) / median(echo)) * 100) / 100;
  const turns = samples.answerExecute.length + samples.answerSubmit.length;
  return [
    { name: "bot: answer turns measured", value: turns, unit: "turns", goal: "≥ 200 (and as many echo turns)" },
    { name: "bot: answer turn (Action.Execute → next card in the invoke response) median", value: ms(median(samples.answerExecute)), unit: "ms", goal: "≤ 1.5× echo" },
    { name: "bot: answer turn (Action.Execute) p95", value: ms(percentile(samples.answerExecute, 95)), unit: "ms", goal: "report" },
    { name: "bot: echo turn (invoke → card) median", value: ms(median(samples.echoExecute)), unit: "ms", goal: "baseline" },
    { name: "bot: echo turn (invoke → card) p95", value: ms(percentile(samples.echoExecute, 95)), unit: "ms", goal: "baseline" },
    { name: "bot: answer vs echo, Action.Execute (median ratio)", value: ratio(samples.answerExecute, samples.echoExecute), unit: "×", goal: "≤ 1.5" },
    { name: "bot: answer turn (Action.Submit → next card at the connector) median", value: ms(median(samples.answerSubmit)), unit: "ms", goal: "≤ 1.5× echo" },
    { name: "bot: answer turn (Action.Submit) p95", value: ms(percentile(samples.answerSubmit, 95)), unit: "ms", goal: "report" },
    { name: "bot: echo turn (message → reply at the connector) median", value: ms(median(samples.echoMessage)), unit: "ms", goal: "baseline" },
    { name: "bot: echo turn (message → reply at the connector) p95", value: ms(percentile(samples.echoMessage, 95)), unit: "ms", goal: "baseline" },
    { name: "bot: answer vs echo, Action.Submit (median ratio)", value: ratio(samples.answerSubmit, samples.echoMessage), unit: "×", goal: "≤ 1.5" },
    { name: "bot: answer turn on in-memory storage (Action.Execute) median", value: ms(median(samples.answerExecuteInMemory)), unit: "ms", goal: "report: the bot's own work" },
    { name: "bot: answer on in-memory storage vs echo, Action.Execute (median ratio)", value: ratio(samples.answerExecuteInMemory, samples.echoExecute), unit: "×", goal: "≤ 1.5" },
    { name: "bot: storage round trips per answer (max)", value: Math.max(...samples.roundTrips), unit: "requests", goal: "≤ 2" },
  ];
}
