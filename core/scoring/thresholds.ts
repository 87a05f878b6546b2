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
