import { AREAS, stageById } from "../../core/model/index.js";
import type { CircleSnapshot } from "../../storage/repositories/circles.js";
import { moneyText, PERIOD_IDS, type PeriodId } from "../../core/leads/index.js";
import { circleAssessments, memberCompanies } from "../../circles/index.js";
import { cellsOf, cellText, compareText, scored } from "./circle-data.js";
import { giveAndTakeView, readLeads } from "./give-and-take.js";

/**
 * The circle's results as CSV (RFC 4180): a header, then one row per member company and cycle with
 * the stage of each area from the company's self-assessment. Partner ratings are not exported.
 */
export function circleResultsCsv(snapshot: CircleSnapshot): string {
  const { members, selfAssessments } = circleAssessments(snapshot);
  const order = new Map(members.map((member, index) => [member.company.companyId, index]));
  const rows = [...selfAssessments]
    .sort((a, b) => (order.get(a.subject.companyId) ?? 0) - (order.get(b.subject.companyId) ?? 0) || compareText(a.cycle, b.cycle))
    .map((assessment) => {
      const result = scored(assessment);
      return [
        assessment.subject.companyName,
        assessment.cycle,
        assessment.completedAt.slice(0, 10),
        result.overall ? result.overall.score.toFixed(2) : "",
        result.overall ? stageById(result.overall.stage).name : "",
        ...cellsOf(result).map(cellText),
      ];
    });
  const header = ["Company", "Cycle", "Completed on", "Overall score", "Overall stage", ...AREAS.map((area) => area.name)];
  return [header, ...rows].map((fields) => fields.map(csvField).join(",") + "\r\n").join("");
}

/**
 * The give-and-take view of a period as CSV: one row per member company with what it gave each
 * other company, its balance, won value both ways, median days to connect and commitments kept.
 * Counts and values only: no customer is ever exported.
 */
export function giveAndTakeCsv(snapshot: CircleSnapshot, period: PeriodId, now: Date): string {
  const members = memberCompanies(snapshot);
  const view = giveAndTakeView({ members, leads: readLeads(snapshot.otherRows.get("lead")).items, selfStages: new Map(), viewerCompanyId: "", now });
  const shown = view.periods.find((candidate) => candidate.id === period) ?? (view.periods[0] as (typeof view.periods)[number]);
  const header = ["Company", "Period", ...shown.companies.map((company) => `Gave to ${company.companyName}`), "Given", "Received", "Declined", "Won from its leads", "Won from partners' leads", "Median days to connect", "Commitments kept", "Commitments due"];
  const rows = shown.practice.map((company, index) => [
    company.companyName,
    shown.name,
    ...(shown.matrix[index] ?? []).map(String),
    String(company.given),
    String(company.received),
    String(company.declined),
    company.wonGiven.length === 0 ? "" : moneyText(company.wonGiven),
    company.wonReceived.length === 0 ? "" : moneyText(company.wonReceived),
    company.medianDaysToConnect === null ? "" : company.medianDaysToConnect.toFixed(1),
    String(company.commitmentsKept),
    String(company.commitmentsDue),
  ]);
  return [header, ...rows].map((fields) => fields.map(csvField).join(",") + "\r\n").join("");
}

export function isPeriodId(text: string | null): text is PeriodId {
  return text !== null && (PERIOD_IDS as readonly string[]).includes(text);
}

/**
 * Quotes a field when RFC 4180 needs it (comma, quote, line break). A field that a spreadsheet would
 * run as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe: company names
 * are typed by people.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A file name for the download: the circle's name in letters, digits and dashes. */
export function csvFileName(circleName: string, date: Date, kind = "results"): string {
  const slug = circleName
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "circle"}-${kind}-${date.toISOString().slice(0, 10)}.csv`;
}
