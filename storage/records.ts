import type { AreaId, Answers } from "../core/model/types.js";
import type { LeadStatus, Money } from "../core/leads/lifecycle.js";
import type { Rhythm, RhythmKind } from "../core/schedule/types.js";

/**
 * What the product stores. Plain JSON documents; the keys they live under are described in
 * storage/DESIGN.md and built only in storage/partitions.ts.
 */

/**
 * A person as Teams and Entra ID identify them: their own organisation's tenant id (for an external
 * member of a shared channel, their home tenant, not the host's) and their Entra object id
 * (or the bot-specific Teams user id when Teams gives none). See docs/identity.md.
 */
export interface PersonRef {
  tenantId: string;
  userId: string;
  /** Entra object id when known; the tab's SSO token carries this id. */
  aadObjectId?: string;
  /** The bot-specific Teams user id ("29:…"): what Teams needs to (re)create a personal chat. */
  teamsUserId?: string;
  name?: string;
}

/**
 * A company as other records name it: a verified organisation, whose id is its Entra tenant id
 * (core/companies.ts), and its display name at the time of writing. A partner rated outside every
 * circle has an id made from its typed name instead (never shared with a circle).
 */
export interface CompanyRef {
  companyId: string;
  companyName: string;
}

/**
 * A verified organisation that uses the app, row companyKeys.profileRow in partition
 * companyKeys.partition(tenantId) (circles table). The first person of the tenant names it; any of
 * its people may rename it.
 */
export interface CompanyRecord {
  companyId: string;
  tenantId: string;
  name: string;
  /** Whether the company runs a formal vendor program (then Readiness and certifications applies), as its people last said. */
  formalVendorProgram?: boolean;
  namedBy: PersonRef;
  createdAt: string;
  updatedAt: string;
  renamedBy?: PersonRef;
}

/** The Teams channel (or group chat) a circle is linked to: its reminders and dashboard live there. */
export interface ChannelLink {
  conversationId: string;
  teamId?: string;
  channelId?: string;
  serviceUrl: string;
  /** The tenant that hosts the channel (for a shared channel, the host team's organisation). */
  tenantId: string;
}

/** A circle of trust. It belongs to its member companies, whichever organisation created it. */
export interface CircleRecord {
  circleId: string;
  name: string;
  createdAt: string;
  createdBy: PersonRef;
  createdByCompany: CompanyRef;
  channel?: ChannelLink;
  /** Working days from sharing a lead to its connect-by date; absent: DEFAULT_CONNECT_WORKING_DAYS. */
  leadConnectWorkingDays?: number;
}

export type MembershipStatus = "member" | "left" | "removed";

/** A company in a circle, row member|<companyId>: a verified organisation that joined with an invitation code (or founded the circle). */
export interface MemberRecord {
  circleId: string;
  company: CompanyRef;
  status: MembershipStatus;
  /** People of this company who act in the circle; the opted-in ones get its reminders in their personal chat. */
  people: PersonRef[];
  joinedAt: string;
  /** The name the inviting member typed ("invited as Fabrikam, joined as Fabrikam Ltd"); absent for the founder. */
  invitedAs?: string;
  invitedBy?: CompanyRef;
  invitationId?: string;
  leftAt?: string;
  removedAt?: string;
  removedBy?: CompanyRef;
}

export type InvitationStatus = "pending" | "used" | "revoked";

/**
 * An invitation to a circle, row invitation|<invitationId> in the circle's partition. The code
 * itself is never stored: only its SHA-256 digest, which also keys the lookup row (InvitationCodeRecord).
 */
export interface InvitationRecord {
  invitationId: string;
  circleId: string;
  codeDigest: string;
  /** The partner's name as the inviter typed it: a hint, never an identity. */
  invitedAs: string;
  invitedBy: CompanyRef;
  invitedByPerson: PersonRef;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: CompanyRef;
  usedAt?: string;
  /** The verified company that redeemed the code. */
  usedBy?: CompanyRef;
}

/** Finds an invitation from its code: partition invitationCodeKeys.partition(digest). */
export interface InvitationCodeRecord {
  circleId: string;
  invitationId: string;
}

/** A finished assessment: `rater` rated `subject` (itself for a self-assessment) in `cycle`. */
export interface AssessmentRecord {
  assessmentId: string;
  cycle: string;
  rater: CompanyRef;
  subject: CompanyRef;
  ratedBy: PersonRef;
  formalVendorProgram: boolean;
  answers: Answers;
  completedAt: string;
}

/** A person's own settings. Their company is their organisation (tenant), never stored here. */
export interface ProfileRecord {
  person: PersonRef;
  /** Wants reminders in their personal chat too. */
  personalReminders?: boolean;
  updatedAt: string;
}

export type DraftStatus = "in-progress" | "completed";

/** An assessment being answered: stored after every answer so that it resumes after a restart. */
export interface DraftRecord {
  /** Changes when the person starts over; cards carry it so that a card from an earlier run is recognised as stale. */
  runId: string;
  kind: "self" | "partner";
  person: PersonRef;
  rater: CompanyRef;
  subject: CompanyRef;
  formalVendorProgram: boolean;
  answers: Answers;
  status: DraftStatus;
  /** The area whose card is showing, when the person changes one answer from the summary. */
  editing?: AreaId;
  startedAt: string;
  updatedAt: string;
  completedAt?: string;
  cycle?: string;
}

/** A saved Bot Framework conversation reference, for proactive messages. Stored as plain JSON. */
export interface ConversationRecord {
  conversationId: string;
  conversationType: "personal" | "groupChat" | "channel";
  tenantId: string;
  serviceUrl: string;
  /** The Bot Framework ConversationReference, as the SDK produced it. */
  reference: Record<string, unknown>;
  /** The person, for a personal chat: needed to re-create the chat if the person deleted it. */
  person?: PersonRef;
  teamId?: string;
  channelId?: string;
  active: boolean;
  installedAt: string;
  updatedAt: string;
  deactivatedReason?: string;
}

/**
 * A circle's rhythm, row "rhythm|<kind>" in the circle's partition: one of each kind
 * (joint planning, executive, agreement review, assessment cycle).
 */
export interface RhythmRecord {
  circleId: string;
  rhythm: Rhythm;
  /**
   * Every queued reminder of this rhythm carries the scheduleId it was planned under. Changing,
   * pausing or resuming the rhythm draws a new one, so reminders planned under the old settings
   * are recognised as stale and dropped instead of being sent.
   */
  scheduleId: string;
  updatedAt: string;
  updatedBy: CompanyRef;
}

/**
 * "planned" when its reminder goes out; "held" after "We held this meeting"; "cancelled" after
 * "Skip this one". (The dashboard also understands "missed", which the reminders never write.)
 */
export type MeetingStatus = "planned" | "held" | "cancelled";

/**
 * One occurrence of a meeting rhythm (joint planning, executive, agreement review), row
 * circleKeys.meetingRow(circleRhythmKeys.meetingId(kind, plannedFor)). Written when the meeting's first
 * reminder is sent, so "held vs planned" counts the meetings the circle was reminded of.
 */
export interface MeetingRecord {
  circleId: string;
  meetingId: string;
  rhythmKind: RhythmKind;
  /** E.g. "Joint planning meeting". */
  title: string;
  /** ISO date-time (UTC) the meeting starts. */
  plannedFor: string;
  status: MeetingStatus;
  /** When someone said it was held (ISO). */
  heldAt?: string;
  cancelledAt?: string;
  /** The company of the person who last changed the status. */
  updatedBy?: CompanyRef;
  updatedAt: string;
}

export type ActionStatus = "open" | "done";

/**
 * A gap turned into a joint action, row circleKeys.actionRow(actionId) in the circle's partition.
 * Open actions come back in every meeting reminder until someone marks them done.
 */
export interface ActionRecord {
  actionId: string;
  circleId: string;
  /** The weak area the action closes. */
  area: AreaId;
  title: string;
  /** The member company that owns the action. */
  owner: CompanyRef;
  /** Calendar date, "YYYY-MM-DD". */
  dueBy: string;
  status: ActionStatus;
  /** Where it was created: a meeting reminder, an assessment summary or a command. */
  source: "reminder" | "assessment-summary" | "command" | "dashboard";
  createdAt: string;
  createdBy: CompanyRef;
  doneAt?: string;
  doneBy?: CompanyRef;
}

/**
 * A lead one member company (giver) passed to another (receiver), row circleKeys.leadRow(leadId) in
 * the circle's partition. `customer` is confidential: only the giver's and the receiver's people
 * ever see it (circles/leads.ts); the rest of the circle sees counts, values and timings. It is never logged.
 */
export interface LeadRecord {
  leadId: string;
  circleId: string;
  giver: CompanyRef;
  receiver: CompanyRef;
  sharedBy: PersonRef;
  customer: { organisation: string; contact?: string };
  need: string;
  /** Always true: the seed's "Reversed Lead" (no customer who has expressed interest) is never stored. */
  customerInterested: true;
  estimate?: Money;
  /** "YYYY-MM-DD". */
  connectBy: string;
  status: LeadStatus;
  sharedAt: string;
  acceptedAt?: string;
  acceptedBy?: PersonRef;
  declinedAt?: string;
  declineReason?: string;
  connectedAt?: string;
  closedAt?: string;
  wonValue?: Money;
  updatedAt: string;
  updatedBy: PersonRef;
}

/**
 * A company's circles, row companyKeys.circleRow in the company's partition (circles table): how
 * the bot and the tab find the circles of a person's organisation. The member row is the truth.
 */
export interface CompanyCircleRecord {
  circleId: string;
  circleName: string;
  company: CompanyRef;
  status: MembershipStatus;
  updatedAt: string;
}

/** Which layout of keys and records the storage holds (storage/layout.ts). */
export interface LayoutRecord {
  version: number;
  writtenAt: string;
}
