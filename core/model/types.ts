/**
 * The Partnering Maturity Model's vocabulary. Ids are stable across releases:
 * stored answers refer to them, so never rename or renumber an id — add new ones instead.
 */

export const STAGE_IDS = ["basic", "reactive", "proactive", "dynamic"] as const;
export type StageId = (typeof STAGE_IDS)[number];

export const AREA_IDS = [
  "joint-business-planning",
  "pipeline",
  "agreement",
  "leads",
  "sales-compensation",
  "market-messaging",
  "geography",
  "resource-utilization",
  "customer-relationship",
  "readiness-certifications",
] as const;
export type AreaId = (typeof AREA_IDS)[number];

/** The answer for an area that does not apply to this company (only where the area allows it). */
export const NOT_APPLICABLE = "not-applicable" as const;
export type NotApplicable = typeof NOT_APPLICABLE;
export type AreaAnswer = StageId | NotApplicable;

/** One company's answers, one per area. A missing key means "not answered yet". */
export type Answers = Partial<Record<AreaId, AreaAnswer>>;

export interface Stage {
  id: StageId;
  /** 1 (Basic) … 4 (Dynamic). */
  level: 1 | 2 | 3 | 4;
  name: string;
  /** What the stage means across all areas, in one line. */
  summary: string;
}

/** Who an area applies to: everyone, or only companies that run a formal vendor program. */
export type AreaApplicability = "all" | "formal-vendor-program";

export interface Area {
  id: AreaId;
  /** 1-based position in the seed's order. */
  number: number;
  name: string;
  /** One line on why the area matters, shown on the area's card. */
  why: string;
  applicability: AreaApplicability;
  /** "Which sentence fits you best?" — one recognisable sentence per stage. */
  stages: Record<StageId, string>;
  /** Concrete next steps to reach the next stage, for every stage below Dynamic. */
  nextSteps: Record<Exclude<StageId, "dynamic">, readonly string[]>;
}

/** A rhythm on the seed's ladder: quarterly is good, monthly is great, weekly is nirvana. */
export type MeetingCadence = "quarterly" | "monthly" | "weekly";

/** The seed's own word for each rung of the meeting ladder. */
export type MeetingVerdict = "good" | "great" | "nirvana";

/** One rung of the meeting ladder, and the stage whose next steps ask for it. */
export interface MeetingRung {
  cadence: MeetingCadence;
  verdict: MeetingVerdict;
  /** The Joint business planning stage whose next steps move the company to this rhythm. */
  nextStepFrom: Exclude<StageId, "dynamic">;
}
