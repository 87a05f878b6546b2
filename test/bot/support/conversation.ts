import { manualClock } from "../../../core/clock.js";
import { parseCardSubmission } from "../../../bot/cards/actions.js";
import { DraftCache } from "../../../bot/conversation/draft-cache.js";
import { handleTurn } from "../../../bot/conversation/turn.js";
import type { ConversationDeps, Place, Speaker, TurnOutcome } from "../../../bot/conversation/types.js";
import type { Organisation } from "../../../circles/index.js";
import { MemoryTableStoreFactory } from "../../../storage/memory/memory-table-store.js";
import { openRepositories, type CompanyRef, type PersonRef, type Repositories, type TableStoreFactory } from "../../../storage/index.js";
import { adaptiveCardProblems } from "../../support/adaptive-cards.js";
import { buttonsOn, findAction, type CardJson } from "./teams.js";

export interface LogLine {
  level: "info" | "warn";
  details: Record<string, unknown>;
  message: string;
}

/** The conversation logic on in-memory storage, driven with plain inputs: no HTTP, no Bot Framework. */
export class ConversationHarness {
  readonly logs: LogLine[] = [];
  readonly clock = manualClock(new Date("2026-11-02T09:00:00Z"));
  private runCounter = 0;

  private constructor(
    readonly factory: TableStoreFactory,
    readonly repositories: Repositories,
    readonly drafts: DraftCache | undefined,
    private readonly runPrefix = "run",
  ) {}

  /** With `draftCache`, behaves like one server instance that remembers the drafts it saved. */
  static async open(factory: TableStoreFactory = new MemoryTableStoreFactory(), options: { draftCache?: boolean } = {}): Promise<ConversationHarness> {
    return new ConversationHarness(factory, await openRepositories(factory), options.draftCache ? new DraftCache() : undefined);
  }

  /** Another server instance on the same storage, with a cache of its own. */
  anotherInstance(): ConversationHarness {
    return new ConversationHarness(this.factory, this.repositories, new DraftCache(), `${this.runPrefix}-other`);
  }

  /** How Teams would answer "who is this person" for each user id; absent: a member of their own tenant. */
  readonly organisations = new Map<string, Organisation>();

  get deps(): ConversationDeps {
    return this.depsFor(undefined);
  }

  depsFor(speaker: Speaker | undefined): ConversationDeps {
    return {
      verify: async () => {
        const person = speaker?.person ?? { tenantId: "tenant-1", userId: "nobody" };
        return { person, organisation: this.organisations.get(person.userId) ?? { kind: "member", tenantId: person.tenantId } };
      },
      repositories: this.repositories,
      clock: this.clock,
      newRunId: () => `${this.runPrefix}-${++this.runCounter}`,
      ...(this.drafts ? { drafts: this.drafts } : {}),
      log: {
        info: (details, message) => this.logs.push({ level: "info", details: details as Record<string, unknown>, message }),
        warn: (details, message) => this.logs.push({ level: "warn", details: details as Record<string, unknown>, message }),
      },
    };
  }

  /** A person of the organisation `tenantId` (all of them "tenant-1" unless told). */
  person(name: string, place: Place = "personal", tenantId = "tenant-1"): Speaker {
    const person: PersonRef = { tenantId, userId: `aad-${name.toLowerCase()}`, aadObjectId: `aad-${name.toLowerCase()}`, name };
    return { person, place, conversationId: `conversation-${name}-${place}` };
  }

  async say(speaker: Speaker, text: string): Promise<TurnOutcome> {
    return checked(await handleTurn(this.depsFor(speaker), { kind: "text", speaker, text }));
  }

  /** Presses a button with the inputs filled in; the data goes through the same schema as at the edge. */
  async press(speaker: Speaker, card: CardJson | undefined, title: string, inputs: Record<string, unknown> = {}): Promise<TurnOutcome> {
    if (!card) throw new Error(`No card to press "${title}" on`);
    return this.send(speaker, { ...(findAction(card, title).data as Record<string, unknown>), ...inputs });
  }

  async send(speaker: Speaker, value: unknown): Promise<TurnOutcome> {
    const parsed = parseCardSubmission(value);
    const input = parsed.ok ? { kind: "card" as const, speaker, action: parsed.action } : { kind: "refused-card" as const, speaker, problem: parsed.problem, message: parsed.message };
    return checked(await handleTurn(this.depsFor(speaker), input));
  }

  /** Answers area after area (stage chosen per step) until a card without "Next" comes back: the summary. */
  async answerAll(speaker: Speaker, card: CardJson | undefined, stageFor: (step: number) => string): Promise<CardJson> {
    let current = card;
    for (let step = 0; current; step++) {
      const title = findActionTitle(current, ["Next", "See results"]);
      if (!title) return current;
      const outcome = await this.press(speaker, current, title, { stage: stageFor(step) });
      if (!cardOf(outcome)) throw new Error(`Answering step ${step} gave no card: ${textOf(outcome)}`);
      current = cardOf(outcome);
    }
    throw new Error("No card to answer");
  }

  /** A verified company: the organisation (tenant) and its name. */
  async addCompany(tenantId: string, name: string): Promise<CompanyRef> {
    const now = this.clock.now().toISOString();
    await this.repositories.companies.create({ companyId: tenantId, tenantId, name, namedBy: { tenantId, userId: "founder" }, createdAt: now, updatedAt: now });
    return { companyId: tenantId, companyName: name };
  }

  /** A circle with these member companies (the first founds it); their company records are made too. */
  async addCircle(circleId: string, members: readonly { company: CompanyRef; people: PersonRef[]; status?: "member" | "left" }[]): Promise<void> {
    const now = this.clock.now().toISOString();
    const records = members.map((member) => ({ circleId, company: member.company, status: member.status ?? ("member" as const), people: member.people, joinedAt: now }));
    const circle = { circleId, name: `Circle ${circleId}`, createdAt: now, createdBy: members[0]?.people[0] ?? { tenantId: "tenant-1", userId: "someone" }, createdByCompany: members[0]?.company ?? { companyId: "tenant-1", companyName: "Someone" } };
    for (const member of members) {
      if (!(await this.repositories.companies.get(member.company.companyId))) await this.addCompany(member.company.companyId, member.company.companyName);
    }
    const [founder, ...others] = records;
    if (!founder) return;
    await this.repositories.circles.create(circle, founder);
    for (const member of others) await this.repositories.circles.saveMember(circle, member);
  }
}

function findActionTitle(card: CardJson, titles: readonly string[]): string | undefined {
  return buttonsOn(card).map((action) => String(action.title)).find((title) => titles.includes(title));
}

/** Every card the logic produces is checked like a client would check it. */
function checked(outcome: TurnOutcome): TurnOutcome {
  const cards = [outcome.update, ...(outcome.messages ?? []).map((reply) => (reply.kind === "card" ? reply.card : undefined)), ...(outcome.elsewhere ?? []).flatMap((delivery) => delivery.messages.map((reply) => (reply.kind === "card" ? reply.card : undefined)))];
  for (const card of cards) {
    if (!card) continue;
    const problems = adaptiveCardProblems(card);
    if (problems.length > 0) throw new Error(`The bot produced an invalid card:\n${problems.join("\n")}`);
  }
  return outcome;
}

export function cardOf(outcome: TurnOutcome): CardJson | undefined {
  if (outcome.update) return outcome.update as unknown as CardJson;
  const reply = outcome.messages?.find((message) => message.kind === "card");
  return reply?.kind === "card" ? (reply.card as unknown as CardJson) : undefined;
}

export function textOf(outcome: TurnOutcome): string {
  return [outcome.notice, ...(outcome.messages ?? []).map((reply) => (reply.kind === "text" ? reply.text : ""))].filter(Boolean).join("\n");
}
