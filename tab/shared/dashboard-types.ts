/**
 * The dashboard API's JSON, shared by the server (tab/api) and the browser (tab/app). Types only.
 * Area and stage ids are the model's stable ids; names and next-step texts come from core/model.
 */
import type { Commitment, LeadStatus, Money } from "../../core/leads/lifecycle.js";
import type { PeriodId, PracticeSignal } from "../../core/leads/practice.js";
import type { AreaId, StageId } from "../../core/model/types.js";
import type { WeakArea } from "../../core/scoring/assessment.js";
import type { CircleAreaAggregate } from "../../core/scoring/circle.js";
import type { AreaTrend } from "../../core/scoring/trend.js";
import type { PartnerFriendliness } from "../../core/scoring/partner.js";
import type { RhythmFormValues, RhythmPattern } from "../../core/schedule/patterns.js";
import type { Cadence, DayRule, RhythmKind, Weekday } from "../../core/schedule/types.js";

/** Every refusal and failure: a code for programs and a sentence for people. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface CompanyView {
  companyId: string;
  companyName: string;
}

export interface ScoreView {
  /** Mean level, 1–4, two decimals. */
  score: number;
  stage: StageId;
}

export interface CircleSummary {
  circleId: string;
  name: string;
  /** The company through which the signed-in person belongs to the circle. */
  company: CompanyView;
  memberCount: number;
}

export interface MyCirclesResponse {
  user: { tenantId: string; name: string | undefined; signIn: "teams-sso" | "local-development" };
  circles: CircleSummary[];
}

/** One heatmap cell: a company's own answer for one area. */
export interface AreaCell {
  area: AreaId;
  answer: StageId | "not-applicable" | "unanswered";
  /** 1–4 when answered with a stage. */
  level: number | null;
}

export interface SelfAssessmentView {
  cycle: string;
  completedAt: string;
  formalVendorProgram: boolean;
  /** All 10 areas, model order. */
  cells: AreaCell[];
  overall: ScoreView | null;
  complete: boolean;
  proactiveInMostAreas: boolean;
  /** How many of the company's people answered in this cycle; their answers are combined per area. */
  peopleAnswered: number;
  /** Areas where those people chose different stages. */
  disagreements: AreaId[];
  /** Only in the viewer's own company's assessment: which colleagues answered. */
  answeredBy?: string[];
}

export interface MemberView extends CompanyView {
  isViewer: boolean;
  /** The name the inviting member typed, when the company joined under another name ("invited as Fabrikam"). */
  invitedAs: string | null;
  /** The company's most recent self-assessment; null when it has not assessed yet. */
  latest: SelfAssessmentView | null;
}

/** Per-area figures of the circle, exactly as the shared scoring computes them. */
export type AreaAggregateView = CircleAreaAggregate;

/** A weakest area with the model's next steps, exactly as the shared scoring gives it. */
export type WeakAreaView = WeakArea;

export interface CircleScoreView {
  memberCount: number;
  assessedCount: number;
  overall: ScoreView | null;
  /** Model order; only areas someone has answered. */
  areas: AreaAggregateView[];
}

export interface TargetAreaView {
  area: AreaId;
  median: number;
  medianStage: StageId;
  targetLevel: number;
  atTarget: boolean;
}

export interface TargetView {
  targetStage: StageId;
  /** "Most areas" means more than this share of the counted areas. */
  share: number;
  areas: TargetAreaView[];
  areasAtTarget: number;
  circleReachesTarget: boolean;
  membersAtTarget: number;
  membersAssessed: number;
}

export interface TrendPoint {
  cycle: string;
  /** Members whose latest self-assessment as of this cycle counts (assessed in it or before). */
  assessedCount: number;
  /** Members who assessed in this very cycle. */
  assessedThisCycle: number;
  overall: ScoreView | null;
  areas: { area: AreaId; median: number }[];
}

export interface TrendView {
  points: TrendPoint[];
  /** From the second-to-last cycle to the last; null with fewer than two cycles. */
  change: {
    from: string;
    to: string;
    overallChange: number | null;
    improved: AreaId[];
    declined: AreaId[];
    areas: AreaTrend[];
  } | null;
}

/** What partners say about one member, only ever as an aggregate. */
export type PartnerFriendlinessView =
  | (CompanyView & { status: "rated"; raters: number; verdict: PartnerFriendliness; reasons: string[]; overall: ScoreView | null })
  | (CompanyView & { status: "too-few-raters"; minimumRaters: number });

export interface SelfVsPartnersAreaView {
  area: AreaId;
  self: number | null;
  /** Median of the partners' levels; null when fewer than the minimum rating companies rated this area. */
  partners: number | null;
  gap: number | null;
}

export type SelfVsPartnersView =
  | (CompanyView & { status: "rated"; raters: number; areas: SelfVsPartnersAreaView[] })
  | (CompanyView & { status: "too-few-raters"; minimumRaters: number });

/** A rating the viewer's own company gave: only ever shown to the rater. */
export interface MyRatingView {
  subject: CompanyView;
  cycle: string;
  cells: AreaCell[];
}

export type MeetingStatus = "held" | "planned" | "missed" | "cancelled";

export interface MeetingView {
  title: string;
  status: MeetingStatus;
  /** ISO date-time the meeting was planned for. */
  plannedFor: string;
  heldAt: string | null;
}

export interface MeetingsView {
  /** Meetings whose planned time has come and that were not skipped (held, missed or not confirmed). */
  plannedSoFar: number;
  held: number;
  /** Meetings whose time has come and that the circle skipped ("cancelled"). */
  skipped: number;
  /** The meetings counted in `skipped`, newest first, so a list can name each one. */
  skippedMeetings: MeetingView[];
  byCycle: { cycle: string; planned: number; held: number }[];
  upcoming: MeetingView[];
  recent: MeetingView[];
}

export interface ActionView {
  actionId: string;
  title: string;
  status: "open" | "done";
  owner: string | null;
  area: AreaId | null;
  dueBy: string | null;
}

export interface InvitationView {
  invitationId: string;
  invitedAs: string;
  invitedBy: string;
  /** ISO instant. */
  expiresAt: string;
}

/** One member company's practice with leads in a period: counts, values, timings — never a customer. */
export interface CompanyPracticeView extends CompanyView {
  given: number;
  received: number;
  declined: number;
  /** Won value of the leads it gave, per currency. */
  wonGiven: Money[];
  /** Won value of the leads it received, per currency. */
  wonReceived: Money[];
  medianDaysToConnect: number | null;
  commitmentsDue: number;
  commitmentsKept: number;
  signals: PracticeSignal[];
}

export interface GiveAndTakePeriodView {
  id: PeriodId;
  /** "the last two quarters". */
  name: string;
  from: string | null;
  to: string;
  /** Rows and columns of the matrix, in this order (the circle's current members). */
  companies: CompanyView[];
  /** matrix[giver][receiver]: leads given in the period. */
  matrix: number[][];
  practice: CompanyPracticeView[];
}

/** A lead the viewer's own company gave or received: the only leads whose customer the viewer sees. */
export interface YourLeadView {
  leadId: string;
  role: "gave" | "received";
  partner: CompanyView;
  customer: string;
  status: LeadStatus;
  sharedAt: string;
  connectBy: string;
  commitment: Commitment;
  estimate: Money | null;
  wonValue: Money | null;
}

export interface GiveAndTakeView {
  defaultPeriod: PeriodId;
  periods: GiveAndTakePeriodView[];
  /** Each member's own stage for Pipeline and Leads (latest self-assessment): the tab puts practice next to it (core/leads evidenceText). */
  selfStages: { companyId: string; pipeline: StageId | null; leads: StageId | null }[];
  yourLeads: YourLeadView[];
}

export interface DashboardView {
  circle: { circleId: string; name: string };
  generatedAt: string;
  viewer: CompanyView;
  /** Cycles with at least one self-assessment, oldest first. */
  cycles: string[];
  members: MemberView[];
  /** Invitations not used yet: the name they were sent to, by whom, until when. */
  invitations: InvitationView[];
  circleScore: CircleScoreView;
  target: TargetView;
  weakest: WeakAreaView[];
  trend: TrendView;
  minimumRaters: number;
  partnerFriendliness: PartnerFriendlinessView[];
  selfVsPartners: SelfVsPartnersView[];
  myRatings: MyRatingView[];
  meetings: MeetingsView;
  actions: ActionView[];
  /** Leads passed between the member companies: the seed's two-way street, in practice. */
  giveAndTake: GiveAndTakeView;
}

/*
 * What a member changes from the dashboard (tab/api/acting.ts). Each change is checked on the
 * server with the same circles/ and reminders/ functions the bot uses; every answer names what
 * happened in `message`, a sentence the tab shows as it is.
 */

/** POST /api/circles/:circleId/actions: a weak area becomes a joint action. */
export interface NewActionRequest {
  area: AreaId;
  /** A member company of the circle. */
  ownerCompanyId: string;
  /** "YYYY-MM-DD", today or later. */
  dueBy: string;
  /** Defaults to the model's first next step for the area at the circle's stage. */
  title?: string;
}

/** The answer to creating an action or marking it done. */
export interface ActionChanged {
  action: ActionView;
  message: string;
}

/** POST /api/circles/:circleId/invitations: the name the invitation is for (a hint; whoever redeems the code joins as their own organisation). */
export interface NewInvitationRequest {
  invitedAs: string;
}

export interface InvitationCreated {
  invitation: InvitationView;
  /** Shown once: only its digest is stored. */
  code: string;
  /** What the invited company types to the bot, exactly: "join <code>". */
  joinCommand: string;
  message: string;
}

export interface InvitationRevoked {
  invitation: InvitationView;
  message: string;
}

export interface InvitationsView {
  invitations: InvitationView[];
}

/** One choice of step 1 of the rhythm form: how often, and on which kind of day. */
export interface RhythmPatternChoice extends RhythmPattern {
  /** "monthly|nth-weekday" */
  value: string;
  title: string;
}

export interface RhythmView {
  kind: RhythmKind;
  /** "Joint planning meeting". */
  name: string;
  /** The same inside a sentence: "VP of Sales meeting" ("Set the VP of Sales meeting"). */
  phrase: string;
  /** "the first Tuesday of every month at 09:00 (Europe/Stockholm)". */
  description: string;
  paused: boolean;
  /** ISO instant of the next meeting, review or cycle start; null while paused. */
  nextOccurrence: string | null;
  /** For meetings: held of planned so far. */
  meetings: { held: number; planned: number; skipped: number } | null;
  /** The seed's verdict on a meeting cadence ("Monthly is great"). */
  verdict: string | null;
  /** What the form starts from: the stored rhythm's pattern and values. */
  pattern: RhythmPattern;
  values: RhythmFormValues;
  /** The patterns this kind allows. */
  patterns: RhythmPatternChoice[];
}

/** A rhythm the circle has not set yet, with a sensible starting point (time zone UTC: the tab puts the reader's own). */
export interface MissingRhythmView {
  kind: RhythmKind;
  name: string;
  phrase: string;
  pattern: RhythmPattern;
  values: RhythmFormValues;
  patterns: RhythmPatternChoice[];
}

/** GET /api/circles/:circleId/rhythms */
export interface RhythmsResponse {
  rhythms: RhythmView[];
  missing: MissingRhythmView[];
}

/**
 * POST /api/circles/:circleId/rhythms/:kind: the bot's two-step form in one request — the pattern,
 * then only the fields it needs (core/schedule/patterns.ts fieldsOf); others are ignored.
 */
export interface RhythmRequest {
  cadence: Cadence;
  dayRule: DayRule["kind"];
  nth?: "1" | "2" | "3" | "4" | "last";
  weekday?: Weekday;
  day?: number;
  /** Within a quarter (1–3) or a year (1–12); optional. */
  month?: number;
  /** "HH:MM". */
  time: string;
  /** IANA name. */
  timeZone: string;
}

export interface RhythmChanged {
  rhythm: RhythmView;
  message: string;
}
