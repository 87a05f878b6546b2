import { randomUUID } from "node:crypto";
import { buttonOn, type BenchCard } from "./cards.js";
import { performance } from "node:perf_hooks";
import { startAzurite } from "../storage/azure/azurite.js";
import { startLocalConnector, type LocalConnector } from "../test/support/connector.js";
import { percentile, type BenchFigure } from "./figures.js";
import { buildServer, COMPILED, startServerProcess, type ServerProcess } from "./server-process.js";

/**
 * Soak: many people at once take whole assessments (assess → company → every area → summary)
 * against the compiled server, over loopback only, for SOAK_SECONDS (default 120). Reports the
 * answer latency, the errors and the server's RSS after a warm-up and at the end.
 */
export const title = "Soak: concurrent whole assessments against the compiled server (loopback, local Bot Connector, Azurite)";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const CONVERSATIONS = Number(process.env.SOAK_CONVERSATIONS ?? 20);
/**
 * RSS "at start" is read after this much load: V8 grows its heap to its working size during the
 * first minute or so (seen here: 180 → 260 MB in 90 s, then 220–267 MB up to 240 s), so a sample
 * before that measures heap sizing, not a leak.
 */
const WARM_UP_SECONDS = Math.min(60, SECONDS / 2);
/** SOAK_TRACE=1 prints the server's RSS every 15 s. */
const TRACE = process.env.SOAK_TRACE === "1";
const STAGES = ["basic", "reactive", "proactive", "dynamic"] as const;
const MAX_CARDS_PER_ASSESSMENT = 15;

type Card = BenchCard;

interface Tally {
  answerMs: number[];
  errors: number;
  firstError: string | undefined;
  assessments: number;
}

export async function run(): Promise<BenchFigure[]> {
  buildServer();
  const azurite = await startAzurite();
  const connector = await startLocalConnector();
  const server = await startServerProcess(COMPILED, azurite.connectionString, `soak${randomUUID().replace(/-/g, "").slice(0, 8)}`);
  const tally: Tally = { answerMs: [], errors: 0, firstError: undefined, assessments: 0 };
  const rss = { beforeLoad: server.rssBytes(), afterWarmUp: 0, end: 0, max: 0 };
  try {
    const deadline = Date.now() + SECONDS * 1000;
    const started = Date.now();
    const sampler = setInterval(() => {
      const now = server.rssBytes();
      rss.max = Math.max(rss.max, now);
      if (TRACE && (Date.now() - started) % 15_000 < 1_000) process.stderr.write(`soak ${Math.round((Date.now() - started) / 1000)} s: server RSS ${Math.round(now / 1024 / 1024)} MB, ${tally.answerMs.length} answers\n`);
    }, 1_000);
    const warmUp = setTimeout(() => (rss.afterWarmUp = server.rssBytes()), WARM_UP_SECONDS * 1000);
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_, index) => keepAssessing(server, connector, index, deadline, tally)));
    clearInterval(sampler);
    clearTimeout(warmUp);
    rss.end = server.rssBytes();
  } finally {
    await server.stop();
    await connector.close();
    await azurite.stop();
  }
  if (tally.firstError) process.stderr.write(`first soak error: ${tally.firstError}\n`);
  const ms = (value: number) => Math.round(value * 10) / 10;
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return [
    { name: "soak: duration × concurrent conversations", value: SECONDS, unit: `s × ${CONVERSATIONS}`, goal: "a few minutes (SOAK_SECONDS)" },
    { name: "soak: whole assessments finished", value: tally.assessments, unit: "assessments", goal: "report" },
    { name: "soak: answers (card presses) measured", value: tally.answerMs.length, unit: "answers", goal: "report" },
    { name: "soak: answer latency p50", value: ms(percentile(tally.answerMs, 50)), unit: "ms", goal: "report" },
    { name: "soak: answer latency p95", value: ms(percentile(tally.answerMs, 95)), unit: "ms", goal: "report" },
    { name: "soak: errors", value: tally.errors, unit: "errors", goal: "0" },
    { name: "soak: server RSS before the load", value: mb(rss.beforeLoad), unit: "MB", goal: "report" },
    { name: "soak: server RSS after warm-up (half the run, at most 60 s)", value: mb(rss.afterWarmUp), unit: "MB", goal: "report" },
    { name: "soak: server RSS at the end", value: mb(rss.end), unit: "MB", goal: "within 20% of after warm-up" },
    { name: "soak: server RSS end vs after warm-up", value: Math.round((rss.end / rss.afterWarmUp) * 100) / 100, unit: "×", goal: "0.8–1.2" },
    { name: "soak: server RSS max", value: mb(rss.max), unit: "MB", goal: "report" },
  ];
}

/** One seat: a new person each time, a whole assessment each time, until the deadline. */
async function keepAssessing(server: ServerProcess, connector: LocalConnector, seat: number, deadline: number, tally: Tally): Promise<void> {
  for (let round = 0; Date.now() < deadline; round++) {
    try {
      await assessOnce(server.url, connector, `Soak ${seat}-${round}`, tally);
      tally.assessments += 1;
    } catch (error) {
      tally.errors += 1;
      tally.firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
}

async function assessOnce(url: string, connector: LocalConnector, company: string, tally: Tally): Promise<void> {
  const person = new SoakPerson(url, connector);
  let card = await person.say("assess");
  card = await person.press(card, "Start", { company, vendorProgram: "true" }, tally);
  for (let area = 0; area < MAX_CARDS_PER_ASSESSMENT; area++) {
    const title = buttonOn(card, "See results") ? "See results" : buttonOn(card, "Next") ? "Next" : undefined;
    if (!title) return;
    card = await person.press(card, title, { stage: STAGES[area % STAGES.length] }, tally);
  }
  throw new Error(`no summary after ${MAX_CARDS_PER_ASSESSMENT} cards`);
}

class SoakPerson {
  private readonly user = { id: `29:${randomUUID()}`, aadObjectId: randomUUID(), name: "Soak" };
  private readonly conversation = { id: `a:${randomUUID()}`, conversationType: "personal", tenantId: randomUUID() };

  constructor(
    private readonly url: string,
    private readonly connector: LocalConnector,
  ) {
    // Teams answers who the person is (their own organisation): the bot asks before it acts for a company.
    connector.members.set(this.user.id, { id: this.user.id, objectId: this.user.aadObjectId, name: this.user.name, tenantId: this.conversation.tenantId, userRole: "user" });
  }

  /** A message; resolves with the card the bot sent to this conversation. */
  async say(text: string): Promise<Card> {
    const from = this.connector.calls.length;
    const response = await this.post({ type: "message", text });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`"${text}" answered HTTP ${response.status}`);
    const reply = await this.connector.waitFor((call) => call.conversationId === this.conversation.id && cardOf(call.body) !== undefined, { from, timeoutMs: 15_000 });
    return cardOf(reply.body) ?? {};
  }

  /** An Action.Execute press, timed; resolves with the card that replaced the pressed one. */
  async press(card: Card, title: string, inputs: Record<string, unknown>, tally: Tally): Promise<Card> {
    const action = buttonOn(card, title);
    if (!action) throw new Error(`no "${title}" button`);
    const data = { ...action.data, ...inputs };
    const started = performance.now();
    const response = await this.post({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: data.verb, data }, trigger: "manual" } });
    const body = (await response.json().catch(() => undefined)) as { type?: string; value?: Card } | undefined;
    tally.answerMs.push(performance.now() - started);
    if (response.status !== 200 || body?.type !== "application/vnd.microsoft.card.adaptive" || !body.value) throw new Error(`"${title}" answered HTTP ${response.status} ${body?.type ?? ""}`);
    return body.value;
  }

  private post(fields: Record<string, unknown>): Promise<Response> {
    const activity = {
      id: randomUUID(),
      channelId: "msteams",
      serviceUrl: this.connector.url,
      from: this.user,
      recipient: { id: "28:soak-bot", name: "Soak bot" },
      conversation: this.conversation,
      channelData: { tenant: { id: this.conversation.tenantId } },
      ...fields,
    };
    return fetch(`${this.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  }
}

function cardOf(activity: Record<string, unknown>): Card | undefined {
  const attachments = (activity.attachments ?? []) as { contentType?: string; content: Card }[];
  return attachments.find((attachment) => attachment.contentType === "application/vnd.microsoft.card.adaptive")?.content;
}
