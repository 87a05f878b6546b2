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
} as const;

/** The first segment of a row key in a circle's partition: what kind of row it is. */
export const CIRCLE_ROW_KINDS = {
  circle: "circle",
  member: "member",
  assessment: "assessment",
  rhythm: "rhythm",
  meeting: "meeting",
  action: "action",
} as const;

export const circleKeys = {
  partition: (circleId: string) => joinKey("circle", encodeKeyPart(circleId)),
  circleRow: () => CIRCLE_ROW_KINDS.circle,
  memberRow: (companyId: string) => joinKey(CIRCLE_ROW_KINDS.member, encodeKeyPart(companyId)),
  memberPrefix: () => CIRCLE_ROW_KINDS.member + "|",
  /** Sorted by cycle, so a range read gets the cycles in time order. */
  assessmentRow: (cycle: string, raterId: string, subjectId: string) =>
    joinKey(CIRCLE_ROW_KINDS.assessment, encodeKeyPart(cycle), encodeKeyPart(raterId), encodeKeyPart(subjectId)),
  assessmentPrefix: () => CIRCLE_ROW_KINDS.assessment + "|",
  /** The kind of a row in a circle's partition, from its key. */
  kindOf: (rowKey: string) => rowKey.split("|", 1)[0] ?? "",
};

export const personKeys = {
  partition: (tenantId: string, userId: string) => joinKey("person", encodeKeyPart(tenantId), encodeKeyPart(userId)),
  profileRow: () => "profile",
  selfDraftRow: () => joinKey("draft", "self"),
  partnerDraftRow: (subjectId: string) => joinKey("draft", "partner", encodeKeyPart(subjectId)),
  draftPrefix: () => "draft|",
  circleRow: (circleId: string) => joinKey("circle", encodeKeyPart(circleId)),
  circlePrefix: () => "circle|",
};

export const conversationKeys = {
  partition: (conversationId: string) => joinKey("conversation", encodeKeyPart(conversationId)),
  referenceRow: () => "reference",
  /** A pointer from a person to their personal chat with the bot, in the person's own partition. */
  personalChatPartition: (tenantId: string, userId: string) => joinKey("personal-chat", encodeKeyPart(tenantId), encodeKeyPart(userId)),
  personalChatRow: () => "reference",
};
