/**
 * Every number and rule boundary used by scoring lives here, each with the rule it encodes.
 * Change a value here and the whole app (bot, tab, dashboards) follows.
 */
import type { AreaId, StageId } from "../model/types.js";

/** Scores (means, medians, changes) are rounded to this many decimals before they are shown or compared. */
export const SCORE_DECIMALS = 2;

/**
 * Overall stage rule: a score earns a stage only once it reaches that stage's level (floor),
 * so 2.99 is still Reactive and 3.00 is Proactive. The epsilon absorbs floating-point noise
 * (e.g. 2.9999999999 from a mean) so it is not pushed down a stage. Scores below 1 are Basic,
 * above 4 Dynamic.
 */
export const STAGE_FLOOR_EPSILON = 1e-9;

/**
 * How many weakest areas are suggested to work on next. Areas already Dynamic have no next steps,
 * so they are never listed as weak; the list can therefore be shorter, or empty when all are Dynamic.
 */
export const WEAKEST_AREA_COUNT = 3;

/**
 * The seed's realistic target: "everyone should be able to … reach 'Proactive' in most areas".
 * "Most" means strictly more than this share of the applicable areas (answered or not) are at
 * MOST_AREAS_TARGET_STAGE or higher; an unanswered applicable area does not count towards it.
 */
export const MOST_AREAS_SHARE = 0.5;
export const MOST_AREAS_TARGET_STAGE: StageId = "proactive";

/**
 * Partner friendliness looks first at the "two-way street" areas, where the seed warns that
 * "bad partnering is when someone takes and never gives": opportunities (Pipeline), a fair
 * agreement (Agreement), real leads (Leads), two-way resourcing (Resource utilization) and
 * shared responsibility for customers (Customer relationship).
 */
export const TRUST_AREAS: readonly AreaId[] = [
  "pipeline",
  "agreement",
  "leads",
  "resource-utilization",
  "customer-relationship",
];

/**
 * Not yet partner-friendly when the overall stage is this stage (overall score below 2) …
 */
export const NOT_YET_OVERALL_STAGE: StageId = "basic";
/** … or when at least this many trust areas are Basic. This rule is checked before "partner-friendly". */
export const NOT_YET_MIN_BASIC_TRUST_AREAS = 2;

/**
 * Partner-friendly needs all three: an overall score of at least this (closer to Proactive than
 * to Reactive, i.e. it rounds to Proactive) …
 */
export const PARTNER_FRIENDLY_MIN_SCORE = 2.5;
/** … no trust area at this stage … */
export const PARTNER_FRIENDLY_FORBIDDEN_TRUST_STAGE: StageId = "basic";
/** … and enough evidence on the two-way street: at least this many trust areas rated (more than half of 5). */
export const PARTNER_FRIENDLY_MIN_RATED_TRUST_AREAS = 3;

/**
 * A company's assessment is its people's assessment: each person answers for the company, and the
 * company's stage in an area is the median of its people's stages, floored like every score (two
 * people at Reactive and Proactive make 2.5, still Reactive). People disagree on an area when their
 * stages are at least this many stages apart; the dashboard and the summary say so.
 */
export const DISAGREEMENT_MIN_SPREAD = 1;

/**
 * Practice: what partners actually pass to each other (core/leads), next to what they say.
 * The seed's Pipeline advice: "Remember that partnering is a two way street. All parties must get
 * opportunities" and "Bad partnering is when someone takes and never gives". A company "takes and
 * never gives" in a period when it received at least TAKES_MIN_RECEIVED leads from its circles and
 * gave at most TAKES_MAX_GIVEN (none). Then the partner verdict cannot be "partner-friendly".
 */
export const TAKES_MIN_RECEIVED = 3;
export const TAKES_MAX_GIVEN = 0;

/**
 * The seed's Leads advice: "Identify opportunities, commit to connect within a certain timeframe".
 * A company "does not keep its commitments to connect" when, of at least COMMITMENTS_MIN_DUE leads
 * whose connect-by date has come, it connected with the customer in time for fewer than
 * COMMITMENTS_MIN_KEPT_SHARE of them (kept / due < the share: 1 of 3 is below, 3 of 6 is not).
 */
export const COMMITMENTS_MIN_DUE = 3;
export const COMMITMENTS_MIN_KEPT_SHARE = 0.5;

/**
 * The seed: "Be generous – 'Givers gain'". A company gives generously when it gave at least
 * GIVERS_GAIN_MIN_GIVEN leads in the period and at least as many as it received.
 */
export const GIVERS_GAIN_MIN_GIVEN = 3;

/** Practice is judged over this many calendar quarters (assessment cycles), the current one included: "the last two quarters". */
export const PRACTICE_PERIOD_QUARTERS = 2;

/**
 * "Commit to connect within a certain timeframe": unless the circle sets its own, the connect-by
 * date of a new lead is this many working days (Monday to Friday) after the day it is shared.
 */
export const DEFAULT_CONNECT_WORKING_DAYS = 5;
/** The range a circle may set instead (`leads` card). */
export const CONNECT_WORKING_DAYS_RANGE = { min: 1, max: 20 } as const;
