import { isMeetingKind } from "../core/schedule/index.js";
import type { ReminderStep, Rhythm, RhythmKind } from "../core/schedule/types.js";
import { todayOf } from "../circles/actions.js";
import { agendaOf, rowsOfKind } from "../circles/agenda.js";
import { currentMembers } from "../circles/membership.js";
import type { AdaptiveCardJson } from "../platform/card-elements.js";
import type { CircleSnapshot } from "../storage/repositories/circles.js";
import type { RhythmRecord } from "../storage/records.js";
import { meetingReminderCard, type Audience } from "./cards.js";

export interface MeetingCardRequest {
  rhythm: Rhythm;
  step: ReminderStep;
  occurrence: Date;
  audience: Audience;
  notice?: string;
}

/** A meeting reminder built from the circle as it is now: agenda from the latest assessments, open actions, members. */
export function meetingCardFor(snapshot: CircleSnapshot, request: MeetingCardRequest, now: Date): AdaptiveCardJson {
  const circle = { circleId: snapshot.circle.data.circleId, name: snapshot.circle.data.name };
  const members = currentMembers(snapshot.members).map((member) => member.company);
  const agenda = agendaOf(snapshot, request.rhythm.kind, now);
  return meetingReminderCard({ circle, rhythm: request.rhythm, step: request.step, occurrence: request.occurrence, agenda, members, audience: request.audience, ...(request.notice ? { notice: request.notice } : {}) }, todayOf(now));
}

export interface ReminderCardView {
  rhythmKind: RhythmKind;
  step: ReminderStep;
  occurrence: string;
  audience: Audience;
}

/**
 * The meeting reminder a button was pressed on, brought up to date (an action added or done shows
 * at once where it was pressed); undefined once the circle no longer has that meeting rhythm.
 */
export function currentReminderCard(snapshot: CircleSnapshot, view: ReminderCardView, now: Date, notice: string): AdaptiveCardJson | undefined {
  if (!isMeetingKind(view.rhythmKind)) return undefined;
  const record = rowsOfKind<RhythmRecord>(snapshot, "rhythm").find((candidate) => candidate.rhythm.kind === view.rhythmKind);
  if (!record) return undefined;
  return meetingCardFor(snapshot, { rhythm: record.rhythm, step: view.step, occurrence: new Date(view.occurrence), audience: view.audience, notice }, now);
}
