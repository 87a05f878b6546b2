/**
 * Circles of trust: verified companies (one per Entra tenant), membership, invitations by code,
 * joint actions and meetings. Plain functions over the repositories, used by the bot and the tab's
 * API alike, so both check every change the same way. Scheduling and delivery are reminders/.
 */
export type { CircleContext } from "./context.js";
export { actorFor, companyOfPerson, companyRefOf, GUEST_MESSAGE, organisationTenantOf, type Actor, type Organisation, type VerifiedPerson } from "./identity.js";
export { nameCompany, rememberVendorProgram, type NamedCompany } from "./companies.js";
export {
  createCircle,
  currentMembers,
  isSamePerson,
  leaveCircle,
  linkChannel,
  listMyCircles,
  membershipsOf,
  removeCompany,
  requireMember,
  type ChannelToLink,
  type CircleSummary,
  type MemberView,
} from "./membership.js";
export { codeDigestOf, inviteCompany, pendingInvitations, redeemInvitation, revokeInvitation, type CreatedInvitation, type RedeemedInvitation } from "./invitations.js";
export { completeAction, createAction, listOpenActions, todayOf, type NewAction } from "./actions.js";
export { markMeeting, meetingIdOf, newMeetingRecord, recordPlannedMeeting, type ReminderRefInput } from "./meetings.js";
export { agendaOf, openActionsOf, rowsOfKind, type Agenda, type AgendaArea } from "./agenda.js";
export {
  changeBetween,
  circleAssessments,
  circleByCycle,
  cycleResultOf,
  groupBy,
  latestSelfAssessments,
  memberCompanies,
  type CircleAssessments,
  type CycleResult,
  type CycleStanding,
} from "./results.js";
export { asMemberAssessment, companyAssessmentsOf, isSelfAssessment, latestBy, bySubject, byRaterAndSubject, type CompanyAssessment } from "./assessments.js";
export { handleCircleCardAction, type CircleActionResult } from "./card-actions.js";
export { actionBlock, actionsCard, addActionButton, gapToActionCard, type ActionView, type CircleRef } from "./cards.js";
export { CIRCLE_INPUT_IDS, CIRCLE_VERBS, isCircleVerb, isLeadVerb, LEAD_CURRENCIES, LEAD_INPUT_IDS, LEAD_VERBS, type CircleVerb, type LeadVerb } from "./verbs.js";
export {
  acceptLead,
  connectWorkingDaysOf,
  setConnectWorkingDays,
  companyPractice,
  declineLead,
  handleLeadCardAction,
  leadFormFor,
  leadSummaryFor,
  listLeads,
  markConnected,
  recordOutcome,
  REVERSED_LEAD_MESSAGE,
  shareLead,
  showLead,
  type LeadActionResult,
  type LeadForm,
  type LeadHooks,
  type LeadStep,
  type LeadSummary,
  type NewLead,
} from "./leads.js";
export { declineLeadCard, leadCard, leadFormCard, leadsCard, type LeadCardJson } from "./lead-cards.js";
export { circleMessageOf, CircleInputError, ConflictError, NotFoundError } from "./errors.js";
