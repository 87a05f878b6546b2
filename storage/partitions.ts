import { createHash } from "node:crypto";
import { encodeKeyPart, joinKey } from "./keys.js";

/**
 * Every table, partition key and row key the product uses is built here (see DESIGN.md).
 * User text (company names, ids from Teams) always goes through encodeKeyPart.
 */
export const TABLES = {
  circles: "circles",
  people: "people",
  conversations: "conversations",
  reminders: "reminders",
  /** The due-reminder queue, spread over REMINDER_QUEUE_SHARDS partitions (reminderQueueKeys). */
  reminderQueue: "reminderqueue",
} as const;

/** The first segment of a row key in a circle's partition: what kind of row it is. */
export const CIRCLE_ROW_KINDS = {
  circle: "circle",
  member: "member",
  assessment: "assessment",
  rhythm: "rhythm",
  meeting: "meeting",
  action: "action",
  invitation: "invitation",
  lead: "lead",
} as const;

export const circleKeys = {
  partition: (circleId: string) => joinKey("circle", encodeKeyPart(circleId)),
  circleRow: () => CIRCLE_ROW_KINDS.circle,
  memberRow: (companyId: string) => joinKey(CIRCLE_ROW_KINDS.member, encodeKeyPart(companyId)),
  memberPrefix: () => CIRCLE_ROW_KINDS.member + "|",
  /**
   * One person's latest answers for their company (rater) about a company (subject) in a cycle.
   * Sorted by cycle, so a range read gets the cycles in time order; each person has their own row,
   * so colleagues never overwrite each other (the dashboard combines them).
   */
  assessmentRow: (cycle: string, raterId: string, subjectId: string, person: { tenantId: string; userId: string }) =>
    joinKey(CIRCLE_ROW_KINDS.assessment, encodeKeyPart(cycle), encodeKeyPart(raterId), encodeKeyPart(subjectId), encodeKeyPart(`${person.tenantId}/${person.userId}`)),
  assessmentPrefix: () => CIRCLE_ROW_KINDS.assessment + "|",
  /** The kind of a row in a circle's partition, from its key. */
  kindOf: (rowKey: string) => rowKey.split("|", 1)[0] ?? "",
  /** A meeting of the circle (planned, held or missed), by its id. The dashboard reads these. */
  meetingRow: (meetingId: string) => joinKey(CIRCLE_ROW_KINDS.meeting, encodeKeyPart(meetingId)),
  /** An action the circle agreed on, by its id. The dashboard reads these. */
  actionRow: (actionId: string) => joinKey(CIRCLE_ROW_KINDS.action, encodeKeyPart(actionId)),
  /** An invitation to the circle (pending, used or revoked), by its id. */
  invitationRow: (invitationId: string) => joinKey(CIRCLE_ROW_KINDS.invitation, encodeKeyPart(invitationId)),
  invitationPrefix: () => CIRCLE_ROW_KINDS.invitation + "|",
  /** A lead passed between two member companies, by its id (LeadRecord). */
  leadRow: (leadId: string) => joinKey(CIRCLE_ROW_KINDS.lead, encodeKeyPart(leadId)),
  leadPrefix: () => CIRCLE_ROW_KINDS.lead + "|",
};

export const personKeys = {
  partition: (tenantId: string, userId: string) => joinKey("person", encodeKeyPart(tenantId), encodeKeyPart(userId)),
  profileRow: () => "profile",
  selfDraftRow: () => joinKey("draft", "self"),
  partnerDraftRow: (subjectId: string) => joinKey("draft", "partner", encodeKeyPart(subjectId)),
  draftPrefix: () => "draft|",
  /** The person's latest finished self-assessment, kept when they start a new one (the bot's `results`). */
  latestSelfResultRow: () => joinKey("result", "self"),
};

export const conversationKeys = {
  partition: (conversationId: string) => joinKey("conversation", encodeKeyPart(conversationId)),
  referenceRow: () => "reference",
  /** A pointer from a person to their personal chat with the bot, in the person's own partition. */
  personalChatPartition: (tenantId: string, userId: string) => joinKey("personal-chat", encodeKeyPart(tenantId), encodeKeyPart(userId)),
  personalChatRow: () => "reference",
};

/** More rows of a circle's partition, kept by the reminders (shapes in records.ts). */
export const circleRhythmKeys = {
  /** One rhythm per kind, e.g. "rhythm|joint-planning". */
  rhythmRow: (rhythmKind: string) => joinKey(CIRCLE_ROW_KINDS.rhythm, encodeKeyPart(rhythmKind)),
  rhythmPrefix: () => CIRCLE_ROW_KINDS.rhythm + "|",
  /** The id under circleKeys.meetingRow: the rhythm and the planned start, so a meeting is recorded once. */
  meetingId: (rhythmKind: string, plannedForIso: string) => `${rhythmKind}@${plannedForIso}`,
  meetingPrefix: () => CIRCLE_ROW_KINDS.meeting + "|",
  actionPrefix: () => CIRCLE_ROW_KINDS.action + "|",
};

/**
 * A verified company's own partition in the circles table: its profile (name) and its circles, so
 * that people of the organisation find the circles their company is in.
 */
export const companyKeys = {
  partition: (companyId: string) => joinKey("company", encodeKeyPart(companyId)),
  profileRow: () => "profile",
  circleRow: (circleId: string) => joinKey("circle", encodeKeyPart(circleId)),
  circlePrefix: () => "circle|",
};

/** From an invitation code's SHA-256 digest to its invitation (circles table). */
export const invitationCodeKeys = {
  partition: (codeDigest: string) => joinKey("invitation-code", encodeKeyPart(codeDigest)),
  row: () => "code",
};

/** Which layout the storage holds (storage/layout.ts), in the circles table. */
export const layoutKeys = {
  partition: () => "layout",
  row: () => "version",
};

/**
 * The reminders table. Partition "log|<circle>" keeps what became of each reminder (with its
 * rendered cards) and the outcome of every send to every target; "budget|<tenant>" holds the
 * tenant's shared send-slot windows (reminders/tenant-budget.ts).
 */
export const reminderKeys = {
  /** One reminder of one occurrence of a rhythm, e.g. "2026-03-03T08:00:00.000Z|joint-planning|meeting-reminder". */
  reminderKey: (occurrenceIso: string, rhythmKind: string, step: string, variant?: string) =>
    joinKey(occurrenceIso, encodeKeyPart(rhythmKind), encodeKeyPart(step), ...(variant ? [encodeKeyPart(variant)] : [])),
  /** A notice about a lead (passed, reminder, missed commitment): "lead|<leadId>|<step>". */
  leadNoticeKey: (leadId: string, step: string) => joinKey("lead", encodeKeyPart(leadId), encodeKeyPart(step)),
  logPartition: (circleId: string) => joinKey("log", encodeKeyPart(circleId)),
  /** What became of one reminder (fanned out, or why not), with the rendered cards its deliveries send. */
  occurrenceRow: (reminderKey: string) => joinKey("occurrence", reminderKey),
  occurrencePrefix: () => "occurrence|",
  /** `targetId` is a fixed-length digest of the target (see reminders/targets.ts), so keys stay short. */
  deliveryRow: (reminderKey: string, targetId: string) => joinKey("delivery", reminderKey, targetId),
  deliveryPrefix: () => "delivery|",
  /** A tenant's send-slot windows: a fixed ring of rows, each reused for a later second. */
  budgetPartition: (tenantId: string) => joinKey("budget", encodeKeyPart(tenantId)),
  budgetRow: (ringIndex: number) => joinKey("window", String(ringIndex).padStart(3, "0")),
  /** Before the sharded queue table, every queue item was in this one partition of the reminders table. */
  legacyDuePartition: () => "due",
};

/** Fixed: a circle's items always land in the same shard, so changing this needs a queue migration. */
export const REMINDER_QUEUE_SHARDS = 16;

export type QueueItemKind = "occurrence" | "delivery";

/**
 * The queue table (TABLES.reminderQueue). Partition "due|<shard>", shard 00–15 from a hash of the
 * circle id, so that an occurrence, its deliveries and the next reminder of its chain share one
 * partition (one transaction). Row keys start with the kind ("o"/"d") and then the ISO due time:
 * "occurrences to prepare by then" and "deliveries due by now" are each one range query per shard,
 * and prepared deliveries never show up in the preparation's listing.
 */
export const reminderQueueKeys = {
  shardOf: (circleId: string) => createHash("sha256").update(circleId).digest().readUInt32BE(0) % REMINDER_QUEUE_SHARDS,
  partition: (shard: number) => joinKey("due", String(shard).padStart(2, "0")),
  partitions: () => Array.from({ length: REMINDER_QUEUE_SHARDS }, (_, shard) => reminderQueueKeys.partition(shard)),
  partitionOf: (circleId: string) => reminderQueueKeys.partition(reminderQueueKeys.shardOf(circleId)),
  row: (kind: QueueItemKind, dueIso: string, itemId: string) => joinKey(kindPrefix(kind), dueIso, encodeKeyPart(itemId)),
  /** Inclusive lower bound of an item kind's rows. */
  kindLowerBound: (kind: QueueItemKind) => kindPrefix(kind) + "|",
  /** Exclusive upper bound for rows of that kind due at or before this instant. */
  dueUpperBound: (kind: QueueItemKind, nowIso: string) => joinKey(kindPrefix(kind), nowIso) + "}",
};

function kindPrefix(kind: QueueItemKind): string {
  return kind === "occurrence" ? "o" : "d";
}
