export * from "./thresholds.js";
export {
  InvalidAnswerError,
  isApplicable,
  nextStepsFor,
  overallMaturityOf,
  overallStageFor,
  scoreAssessment,
  validateAnswers,
  type AreaStage,
  type AssessmentResult,
  type OverallMaturity,
  type WeakArea,
} from "./assessment.js";
export { scoreCircle, type CircleAreaAggregate, type CircleResult, type MemberAssessment } from "./circle.js";
export { partnerFriendlinessVerdict, type PartnerFriendliness, type PartnerVerdict, type PracticeEvidence } from "./partner.js";
export { selfVsPartners, type SelfVsPartnersArea } from "./compare.js";
export { levelsOf, trendBetween, type AreaTrend, type Trend } from "./trend.js";
export { combinePeopleAnswers, type AreaAgreement, type CombinedAnswers, type PersonAnswers } from "./company.js";
