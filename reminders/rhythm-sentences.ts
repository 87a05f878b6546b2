import { describeRhythm, RHYTHM_PHRASES } from "../core/schedule/index.js";
import { wallClockText } from "../platform/card-elements.js";
import type { SavedRhythm } from "./rhythms.js";

/** What a change to a rhythm did, in the words the bot's rhythms card and the dashboard both show. */

export function rhythmSavedSentence(saved: SavedRhythm): string {
  const { rhythm } = saved.record;
  const first = saved.firstReminder ? ` First reminder: ${wallClockText(saved.firstReminder.due, rhythm.timeZone)}.` : "";
  return `Saved: the ${RHYTHM_PHRASES[rhythm.kind]} is ${describeRhythm(rhythm)}.${first}`;
}

export function rhythmPausedSentence(saved: SavedRhythm): string {
  const { rhythm } = saved.record;
  return rhythm.paused ? `Paused: no ${RHYTHM_PHRASES[rhythm.kind]} reminders until you resume it.` : `Resumed: the ${RHYTHM_PHRASES[rhythm.kind]} is ${describeRhythm(rhythm)}.`;
}
