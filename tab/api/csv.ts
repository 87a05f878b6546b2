import { AREAS, stageById } from "../../core/model/index.js";
import type { CircleSnapshot } from "../../storage/repositories/circles.js";
import { cellsOf, cellText, circleAssessments, compareText, scored } from "./circle-data.js";

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
 * Quotes a field when RFC 4180 needs it (comma, quote, line break). A field that a spreadsheet would
 * run as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe: company names
 * are typed by people.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A file name for the download: the circle's name in letters, digits and dashes. */
export function csvFileName(circleName: string, date: Date): string {
  const slug = circleName
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "circle"}-results-${date.toISOString().slice(0, 10)}.csv`;
}
