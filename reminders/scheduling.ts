import { firstReminderAfter, reminderAfter } from "../core/schedule/plan.js";
import type { PlannedReminder, Rhythm } from "../core/schedule/types.js";
import type { OccurrenceItem } from "./queue.js";
import { digest } from "./targets.js";

/** The queue item for one planned reminder of a rhythm's chain; its id is the same however often it is computed. */
export function chainItemOf(circleId: string, rhythm: Rhythm, scheduleId: string, planned: PlannedReminder): OccurrenceItem {
  const occurrence = planned.occurrence.toISOString();
  return {
    type: "occurrence",
    itemId: digest(["chain", circleId, rhythm.kind, scheduleId, occurrence, planned.step].join("\n")),
    circleId,
    due: planned.due.toISOString(),
    attempts: 0,
    rhythmKind: rhythm.kind,
    step: planned.step,
    occurrence,
    scheduleId,
  };
}

export function firstChainItem(circleId: string, rhythm: Rhythm, scheduleId: string, now: Date): OccurrenceItem {
  return chainItemOf(circleId, rhythm, scheduleId, firstReminderAfter(rhythm, now));
}

export function nextChainItem(circleId: string, rhythm: Rhythm, current: OccurrenceItem): OccurrenceItem | undefined {
  if (current.scheduleId === undefined) return undefined;
  const planned = reminderAfter(rhythm, { step: current.step, occurrence: new Date(current.occurrence) });
  return chainItemOf(circleId, rhythm, current.scheduleId, planned);
}
