import { randomUUID } from "node:crypto";
import { AREA_IDS, STAGE_IDS, type Answers } from "../core/model/types.js";
import { scoreCircle, selfVsPartners, trendBetween, levelsOf, type MemberAssessment } from "../core/scoring/index.js";
import { startAzurite } from "../storage/azure/azurite.js";
import { AzureTableStoreFactory } from "../storage/azure/azure-table-store.js";
import { countingFactory } from "../storage/counting.js";
import { openRepositories, type AssessmentRecord, type MemberRecord } from "../storage/index.js";
import { circleKeys, TABLES } from "../storage/partitions.js";
import { median, type BenchFigure } from "./figures.js";

export const title = "Storage: a 50-company circle with 8 cycles of self- and peer assessments";

const COMPANIES = 50;
const CYCLES = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
const PEERS_PER_COMPANY = 3;
const ROUNDS = 15;

export async function run(): Promise<BenchFigure[]> {
  const azurite = await startAzurite();
  try {
    const storage = countingFactory(new AzureTableStoreFactory({ kind: "connection-string", connectionString: azurite.connectionString }, "bench"));
    const repositories = await openRepositories(storage);
    const circleId = randomUUID();
    const rows = await seedCircle(repositories, circleId);
    const circlesTable = await storage.table(TABLES.circles);

    const rawTimes: number[] = [];
    const dashboardTimes: number[] = [];
    let dashboardRequests = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      rawTimes.push(await timed(() => circlesTable.list(circleKeys.partition(circleId))));
      storage.reset();
      dashboardTimes.push(await timed(() => dashboardData(repositories, circleId)));
      dashboardRequests = storage.requests;
    }
    const raw = median(rawTimes);
    const dashboard = median(dashboardTimes);
    return [
      { name: "storage.circle-rows", value: rows, unit: "rows", goal: "50 companies × 8 cycles × (1 self + 3 peer) + members" },
      { name: "storage.dashboard-read.median", value: round2(dashboard), unit: "ms", goal: "≤ 1.3× raw read" },
      { name: "storage.raw-partition-read.median", value: round2(raw), unit: "ms", goal: "baseline" },
      { name: "storage.dashboard-vs-raw", value: round2(dashboard / raw), unit: "×", goal: "≤ 1.3" },
      { name: "storage.dashboard-requests", value: dashboardRequests, unit: "requests", goal: "one partition query: ⌈rows ÷ 1,000⌉ pages, same as the raw read" },
    ];
  } finally {
    await azurite.stop();
  }
}

/** What the circle's dashboard needs, computed from storage: one snapshot, then pure scoring. */
async function dashboardData(repositories: Awaited<ReturnType<typeof openRepositories>>, circleId: string): Promise<unknown> {
  const snapshot = await repositories.circles.snapshot(circleId);
  if (!snapshot) throw new Error("circle missing");
  const byCycle = new Map<string, AssessmentRecord[]>();
  for (const row of snapshot.assessments) {
    const records = byCycle.get(row.data.cycle);
    if (records) records.push(row.data);
    else byCycle.set(row.data.cycle, [row.data]);
  }
  const cycleResults = [...byCycle].map(([cycle, records]) => ({ cycle, result: scoreCircle(records.filter(isSelf).map(toMember)) }));
  const latest = byCycle.get(CYCLES[CYCLES.length - 1] as string) ?? [];
  const gaps = snapshot.members.map((member) =>
    selfVsPartners(
      latest.filter((record) => isSelf(record) && record.subject.companyId === member.data.company.companyId).map(toMember)[0],
      latest.filter((record) => !isSelf(record) && record.subject.companyId === member.data.company.companyId).map(toMember),
    ),
  );
  const trend = cycleResults.length >= 2 ? trendBetween(levelsOf(cycleResults[cycleResults.length - 2]!.result), levelsOf(cycleResults[cycleResults.length - 1]!.result)) : undefined;
  return { cycleResults, gaps, trend };
}

function isSelf(record: AssessmentRecord): boolean {
  return record.rater.companyId === record.subject.companyId;
}

function toMember(record: AssessmentRecord): MemberAssessment {
  return { companyId: record.subject.companyId, answers: record.answers, formalVendorProgram: record.formalVendorProgram };
}

async function seedCircle(repositories: Awaited<ReturnType<typeof openRepositories>>, circleId: string): Promise<number> {
  const companies = Array.from({ length: COMPANIES }, (_, i) => ({ companyId: `bench-tenant-${i + 1}`, companyName: `Partner ${String(i + 1).padStart(2, "0")} Ltd` }));
  const members: MemberRecord[] = companies.map((company, i) => ({
    circleId,
    company,
    status: "member",
    people: [{ tenantId: company.companyId, userId: `user-${i}` }],
    joinedAt: "2025-01-01T00:00:00.000Z",
  }));
  const creator = members[0]!.people[0]!;
  const circle = { circleId, name: "Benchmark Circle", createdAt: "2025-01-01T00:00:00.000Z", createdBy: creator, createdByCompany: companies[0]! };
  await repositories.circles.create(circle, members[0]!);
  for (const member of members.slice(1)) await repositories.circles.saveMember(circle, member);
  let rows = 1 + members.length;
  for (const [cycleIndex, cycle] of CYCLES.entries()) {
    const records: AssessmentRecord[] = [];
    companies.forEach((subject, i) => {
      for (let peer = 0; peer <= PEERS_PER_COMPANY; peer += 1) {
        const rater = companies[(i + peer) % COMPANIES]!;
        records.push({
          assessmentId: randomUUID(),
          cycle,
          rater,
          subject,
          ratedBy: { tenantId: rater.companyId, userId: `user-${(i + peer) % COMPANIES}` },
          formalVendorProgram: i % 3 === 0,
          answers: answersFor(i, peer, cycleIndex),
          completedAt: "2026-01-01T00:00:00.000Z",
        });
      }
    });
    await Promise.all(records.map((record) => repositories.circles.recordAssessment([circleId], record)));
    rows += records.length;
  }
  return rows;
}

function answersFor(company: number, peer: number, cycle: number): Answers {
  const answers: Answers = {};
  AREA_IDS.forEach((area, a) => {
    answers[area] = STAGE_IDS[Math.min(3, (company + a + peer + Math.floor(cycle / 2)) % 4)];
  });
  return answers;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
