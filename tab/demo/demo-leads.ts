import { addWorkingDays, dayOf, type LeadStatus, type Money } from "../../core/leads/index.js";
import { DEFAULT_CONNECT_WORKING_DAYS } from "../../core/scoring/thresholds.js";
import type { CompanyRef, LeadRecord, PersonRef } from "../../storage/records.js";

/**
 * A believable year of leads between the demo's companies, deterministic like the rest of the demo.
 * Most companies give and take; the fourth and fifth give seldom and connect late; the last company
 * (which joined halfway) only takes — in the give-and-take view it is the one the seed warns about:
 * "bad partnering is when someone takes and never gives".
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_DAYS = 330;

const CUSTOMERS = [
  "Tailwind Traders",
  "Wingtip Toys",
  "Woodgrove Bank",
  "Proseware",
  "Lamna Healthcare",
  "Relecloud",
  "Trey Research",
  "Coho Winery",
  "Alpine Ski House",
  "Bellows College",
  "Munson's Pickles",
  "VanArsdel",
  "Margie's Travel",
  "Fourth Coffee",
  "Graphic Design Institute",
  "Humongous Insurance",
];
const NEEDS = [
  "Move their ERP to Azure before the financial year ends",
  "A security review of their Microsoft 365 tenant",
  "Power BI reporting for the board, in three months",
  "Copilot adoption training for 200 people",
  "A data platform for their customer analytics",
  "Help desk cover for their new branch office",
];

/** How often a company gives (relative), and how many days it takes to connect with a customer. */
function profileOf(index: number, count: number): { gives: number; connectDays: number; keepsTime: number } {
  if (count > 2 && index === count - 1) return { gives: 0, connectDays: 9, keepsTime: 0.3 };
  const profiles = [
    { gives: 3, connectDays: 2, keepsTime: 0.95 },
    { gives: 3, connectDays: 3, keepsTime: 0.9 },
    { gives: 2, connectDays: 4, keepsTime: 0.8 },
    { gives: 1, connectDays: 6, keepsTime: 0.6 },
    { gives: 1, connectDays: 5, keepsTime: 0.7 },
  ];
  return profiles[index % profiles.length] as { gives: number; connectDays: number; keepsTime: number };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length) % items.length] as T;
}

function weighted(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let roll = random() * total;
  for (const [index, weight] of weights.entries()) {
    roll -= weight;
    if (roll < 0) return index;
  }
  return weights.length - 1;
}

interface DemoLeadInput {
  circleId: string;
  refs: readonly CompanyRef[];
  people: readonly (readonly PersonRef[])[];
  /** When each company joined (ISO). */
  joinedAt: readonly string[];
  now: Date;
  random: () => number;
}

/** About one lead a week per six companies over the last eleven months. */
export function demoLeads(input: DemoLeadInput): LeadRecord[] {
  const { refs, now, random } = input;
  const count = refs.length;
  if (count < 2) return [];
  const profiles = refs.map((_, index) => profileOf(index, count));
  const leads: LeadRecord[] = [];
  const perDay = count / 6 / 7;
  for (let daysAgo = HISTORY_DAYS; daysAgo >= 0; daysAgo -= 1) {
    if (random() >= perDay) continue;
    const sharedAt = new Date(now.getTime() - daysAgo * DAY_MS - Math.floor(random() * 8) * 60 * 60 * 1000);
    const present = refs.map((_, index) => (input.joinedAt[index] ?? "") <= sharedAt.toISOString());
    const giver = weighted(profiles.map((profile, index) => (present[index] ? profile.gives : 0)), random);
    const receiver = weighted(refs.map((_, index) => (present[index] && index !== giver ? (index === count - 1 ? 3 : 2) : 0)), random);
    if (!present[giver] || !present[receiver] || giver === receiver || profiles[giver]?.gives === 0) continue;
    leads.push(demoLead(input, leads.length + 1, giver, receiver, sharedAt, profiles[receiver] as ReturnType<typeof profileOf>));
  }
  // One waiting for the first company (the local user's) to accept: the lead card's first step.
  leads.push(demoLead(input, leads.length + 1, 1, 0, new Date(now.getTime() - 3 * 60 * 60 * 1000), profiles[0] as ReturnType<typeof profileOf>));
  return leads;
}

function demoLead(input: DemoLeadInput, n: number, giver: number, receiver: number, sharedAt: Date, profile: ReturnType<typeof profileOf>): LeadRecord {
  const { random, now } = input;
  const connectBy = addWorkingDays(dayOf(sharedAt), DEFAULT_CONNECT_WORKING_DAYS);
  const estimate: Money | undefined = random() < 0.8 ? { amount: Math.round(10 + random() * 140) * 1_000, currency: random() < 0.85 ? "EUR" : "USD" } : undefined;
  const inTime = random() < profile.keepsTime;
  const connectDays = inTime ? Math.max(0.5, profile.connectDays * (0.3 + random() * 0.5)) : profile.connectDays + 4 + random() * 6;
  const connectedAt = new Date(sharedAt.getTime() + connectDays * DAY_MS);
  const closedAt = new Date(connectedAt.getTime() + (20 + random() * 40) * DAY_MS);
  const roll = random();
  const declined = roll < 0.08;
  const outcome: LeadStatus = roll < 0.5 ? "won" : roll < 0.72 ? "lost" : "no-deal";
  const status: LeadStatus = declined ? "declined" : now.getTime() - sharedAt.getTime() < DAY_MS ? "shared" : connectedAt > now ? "accepted" : closedAt > now ? "connected" : outcome;
  const person = (index: number): PersonRef => input.people[index]?.[0] ?? { tenantId: input.refs[index]?.companyId ?? "", userId: "unknown" };
  const acceptedAt = new Date(sharedAt.getTime() + Math.min(connectDays, 1) * 0.5 * DAY_MS).toISOString();
  const wonValue = status === "won" ? { amount: Math.round(((estimate?.amount ?? 40_000) * (0.6 + random() * 0.6)) / 1_000) * 1_000, currency: estimate?.currency ?? "EUR" } : undefined;
  return {
    leadId: `demo-lead-${String(n).padStart(3, "0")}`,
    circleId: input.circleId,
    giver: input.refs[giver] as CompanyRef,
    receiver: input.refs[receiver] as CompanyRef,
    sharedBy: person(giver),
    customer: { organisation: pick(CUSTOMERS, random), ...(random() < 0.6 ? { contact: pick(["Kim Akers", "Pat Kelly", "Robin Counts", "Sam Jones"], random) } : {}) },
    need: pick(NEEDS, random),
    customerInterested: true,
    ...(estimate ? { estimate } : {}),
    connectBy,
    status,
    sharedAt: sharedAt.toISOString(),
    ...(status !== "shared" && !declined ? { acceptedAt, acceptedBy: person(receiver) } : {}),
    ...(declined ? { declinedAt: acceptedAt, declineReason: "Not our market right now." } : {}),
    ...(["connected", "won", "lost", "no-deal"].includes(status) ? { connectedAt: connectedAt.toISOString() } : {}),
    ...(["won", "lost", "no-deal"].includes(status) ? { closedAt: closedAt.toISOString() } : {}),
    ...(wonValue ? { wonValue } : {}),
    updatedAt: sharedAt.toISOString(),
    updatedBy: person(receiver),
  };
}
