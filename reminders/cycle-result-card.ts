import { areaById, stageById } from "../core/model/index.js";
import { overallStageFor, type AreaTrend, type CircleResult, type Trend } from "../core/scoring/index.js";
import { cycleOf } from "../core/cycles.js";
import { agendaAreasOf } from "../circles/agenda.js";
import type { CircleRef } from "../circles/cards.js";
import { cycleResultOf, type CycleResult } from "../circles/results.js";
import { adaptiveCard, bulletList, facts, heading, paragraph, subheading, type AdaptiveCardJson, type CardAction, type CardElement } from "../platform/card-elements.js";
import { circleDashboardLink, type TabLinks } from "../platform/tab-links.js";
import { weakAreaLines } from "./cards.js";
import type { CircleSnapshot } from "../storage/repositories/circles.js";
import type { CompanyRef } from "../storage/records.js";

/**
 * The card that closes an assessment cycle, in the circle's linked channel: the circle's result,
 * what moved since the previous cycle, the weakest areas with the seed's advice, and a link to the
 * dashboard, which shows the same figures (both read circles/results.ts).
 */
export interface CycleResultCardInput {
  circle: CircleRef;
  result: CycleResult;
  /** Where "Open the dashboard" goes; without it the card says where to find the tab. */
  dashboardLink: string | undefined;
}

function score(level: number): string {
  return level.toFixed(2);
}

function signed(change: number): string {
  return `${change > 0 ? "+" : change < 0 ? "−" : "±"}${score(Math.abs(change))}`;
}

function stageAt(level: number): string {
  return stageById(overallStageFor(level)).name;
}

function answeredText({ standing, members }: CycleResult): string {
  const people = standing.assessedThisCycle.reduce((total, assessment) => total + assessment.people.length, 0);
  return `${standing.assessedThisCycle.length} of ${members.length} member companies (${people} ${people === 1 ? "person" : "people"})`;
}

function companyNames(companies: readonly CompanyRef[]): string {
  return companies.map((company) => company.companyName).join(", ");
}

/** Who the result leaves out or counts with older answers: the figures are only as current as they are. */
function coverageElements({ standing, members }: CycleResult): CardElement[] {
  const assessed = new Set(standing.assessedThisCycle.map((assessment) => assessment.subject.companyId));
  const carried = standing.counted.filter((assessment) => !assessed.has(assessment.subject.companyId));
  const counted = new Set(standing.counted.map((assessment) => assessment.subject.companyId));
  const never = members.filter((company) => !counted.has(company.companyId));
  return [
    carried.length > 0 ? paragraph(`Counted with their answers from an earlier cycle: ${carried.map((assessment) => `${assessment.subject.companyName} (${assessment.cycle})`).join(", ")}.`, { subtle: true }) : undefined,
    never.length > 0 ? paragraph(`Not assessed yet, so not in the result: ${companyNames(never)}.`, { subtle: true }) : undefined,
  ].filter((element): element is CardElement => element !== undefined);
}

function overallText(circle: CircleResult): string {
  if (!circle.overall) return "No area has an answer that counts yet.";
  return `Overall stage: **${stageById(circle.overall.stage).name}**. The circle's areas average ${score(circle.overall.score)} on a scale from 1 (Basic) to 4 (Dynamic); each area is the median of its member companies.`;
}

function resultElements(result: CycleResult): CardElement[] {
  const { standing } = result;
  return [
    subheading("The circle's result"),
    paragraph(overallText(standing.result)),
    facts(standing.result.areas.map((aggregate) => ({ title: areaById(aggregate.area).name, value: `${stageById(aggregate.medianStage).name} (${score(aggregate.median)})` }))),
    ...coverageElements(result),
  ];
}

function movedLine(trend: AreaTrend): string | undefined {
  const name = `**${areaById(trend.area).name}**`;
  if (trend.direction === "new") return `${name}: answered for the first time, ${stageAt(trend.to ?? 0)} (${score(trend.to ?? 0)})`;
  if (trend.direction === "dropped") return `${name}: no answer counts this time (was ${stageAt(trend.from ?? 0)})`;
  if (trend.direction === "same" || trend.from === undefined || trend.to === undefined || trend.change === undefined) return undefined;
  return `${name} ${trend.direction === "up" ? "up" : "down"} ${signed(trend.change)}: ${stageAt(trend.from)} (${score(trend.from)}) → ${stageAt(trend.to)} (${score(trend.to)})`;
}

function movedElements(result: CycleResult): CardElement[] {
  const { previous, change } = result;
  if (!previous || !change) return [subheading("What moved"), paragraph("This is the circle's first assessed cycle: the next one shows what moved.", { subtle: true })];
  return [subheading(`What moved since ${previous.cycle}`), ...changeElements(change)];
}

function changeElements(change: Trend): CardElement[] {
  const lines = change.areas.flatMap((trend) => movedLine(trend) ?? []);
  const unchanged = change.areas.filter((trend) => trend.direction === "same").length;
  return [
    change.overallChange !== undefined ? paragraph(`Overall ${signed(change.overallChange)} (mean change of the areas answered in both cycles).`) : undefined,
    lines.length > 0 ? bulletList(lines) : paragraph("No area moved."),
    unchanged > 0 && lines.length > 0 ? paragraph(`${unchanged} ${unchanged === 1 ? "area" : "areas"} unchanged.`, { subtle: true }) : undefined,
  ].filter((element): element is CardElement => element !== undefined);
}

function weakestElements(circle: CircleResult): CardElement[] {
  if (circle.weakest.length === 0) return [subheading("Weakest areas"), paragraph("Every area is at Dynamic: keep reviewing how you partner.")];
  return [
    subheading("Weakest areas: the seed's advice"),
    ...weakAreaLines(agendaAreasOf(circle.weakest)),
  ];
}

/** The cycle's result card; one per cycle, to the channel only. */
export function cycleResultCard(input: CycleResultCardInput): AdaptiveCardJson {
  const { circle, result, dashboardLink } = input;
  const open: CardAction | undefined = dashboardLink ? { type: "Action.OpenUrl", title: "Open the dashboard", url: dashboardLink } : undefined;
  return adaptiveCard(
    [
      heading(`Assessment cycle ${result.standing.cycle}: the circle's result`),
      paragraph(circle.name, { subtle: true }),
      facts([{ title: "Assessed this cycle", value: answeredText(result) }]),
      ...resultElements(result),
      ...movedElements(result),
      ...weakestElements(result.standing.result),
      dashboardLink ? undefined : paragraph("Open the circle's tab in this channel for the whole dashboard.", { subtle: true }),
    ],
    [open],
  );
}

/** The result of the cycle that started at `cycleStart`; undefined when no member assessed itself in it. */
export function cycleResultCardFor(snapshot: CircleSnapshot, cycleStart: Date, links: TabLinks | undefined): AdaptiveCardJson | undefined {
  const result = cycleResultOf(snapshot, cycleOf(cycleStart));
  if (!result) return undefined;
  const circle = { circleId: snapshot.circle.data.circleId, name: snapshot.circle.data.name };
  return cycleResultCard({ circle, result, dashboardLink: links ? circleDashboardLink(links, circle, snapshot.circle.data.channel?.channelId) : undefined });
}
