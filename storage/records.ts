import type { AreaId, Answers } from "../core/model/types.js";
import type { Rhythm, RhythmKind } from "../core/schedule/types.js";

/**
 * What the product stores. Plain JSON documents; the keys they live under are described in
 * storage/DESIGN.md and built only in storage/partitions.ts.
 */

/** A person as Teams identifies them: the Entra object id (or the bot-specific Teams user id) within a tenant. */
export interface PersonRef {
  tenantId: string;
  userId: string;
  /** Entra object id when known; the tab's SSO token carries this id. */
  aadObjectId?: string;
  /** The bot-specific Teams user id ("29:…"): what Teams needs to (re)create a personal chat. */
  teamsUserId?: string;
  name?: string;
}

/** A company, identified by its normalised name (see companyIdOf). */
export interface CompanyRef {
  companyId: string;
  companyName: string;
}

/** The Teams channel (or group chat) a circle is linked to: its reminders and dashboard live there. */
export interface ChannelLink {
  conversationId: string;
  teamId?: string;
  channelId?: string;
  serviceUrl: string;
  tenantId: string;
}

export interface CircleRecord {
  circleId: string;
  tenantId: string;
  name: string;
  createdAt: string;
  createdBy: PersonRef;
  channel?: ChannelLink;
}

export type MembershipStatus = "invited" | "member" | "left";

export interface MemberRecord {
  circleId: string;
  company: CompanyRef;
  status: MembershipStatus;
  /** People of this company who use the app with this circle. */
  people: PersonRef[];
  invitedAt: string;
  invitedBy?: CompanyRef;
  joinedAt?: string;
  leftAt?: string;
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

/** A person's profile: their company is remembered after the first assessment. */
export interface ProfileRecord {
  person: PersonRef;
  company?: CompanyRef;
  formalVendorProgram?: boolean;
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

/** Index row: a person belongs (through their company) to a circle. Kept in the person's partition. */
export interface PersonCircleRecord {
  circleId: string;
  circleName: string;
  tenantId: string;
  company: CompanyRef;
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
  source: "reminder" | "assessment-summary" | "command";
  createdAt: string;
  createdBy: CompanyRef;
  doneAt?: string;
  doneBy?: CompanyRef;
}

/**
 * A company's view of one circle, row companyKeys.circleRow in partition companyKeys.partition
 * (circles table): lets an invited company find its invitations. The member row is the truth.
 */
export interface CompanyCircleRecord {
  circleId: string;
  circleName: string;
  tenantId: string;
  company: CompanyRef;
  status: MembershipStatus;
  invitedBy?: CompanyRef;
  updatedAt: string;
}
