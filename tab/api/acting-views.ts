import type { Actor } from "../../circles/index.js";
import { CADENCES_BY_KIND, RHYTHM_NAMES, RHYTHM_PHRASES, defaultRhythm, describeRhythm, isMeetingKind, ladderVerdictOf } from "../../core/schedule/rhythm.js";
import { formValuesOf, patternOfRhythm, patternsFor, patternTitle, patternValue } from "../../core/schedule/patterns.js";
import type { RhythmKind } from "../../core/schedule/types.js";
import { showRhythms, type ReminderContext } from "../../reminders/index.js";
import type { RhythmOverview } from "../../reminders/cards.js";
import type { ActionRecord, InvitationRecord } from "../../storage/records.js";
import type { ActionView, InvitationView, MissingRhythmView, RhythmPatternChoice, RhythmView, RhythmsResponse } from "../shared/dashboard-types.js";

/** The dashboard's JSON for what a change returns: the same shapes the dashboard itself shows. */

export function actionView(action: ActionRecord): ActionView {
  return { actionId: action.actionId, title: action.title, status: action.status, owner: action.owner.companyName, area: action.area, dueBy: action.dueBy };
}

export function invitationView(invitation: InvitationRecord): InvitationView {
  return { invitationId: invitation.invitationId, invitedAs: invitation.invitedAs, invitedBy: invitation.invitedBy.companyName, expiresAt: invitation.expiresAt };
}

function patternChoices(kind: RhythmKind): RhythmPatternChoice[] {
  return patternsFor(CADENCES_BY_KIND[kind]).map((pattern) => ({ ...pattern, value: patternValue(pattern), title: patternTitle(pattern) }));
}

function rhythmView({ rhythm, nextOccurrence, meetings }: RhythmOverview): RhythmView {
  return {
    kind: rhythm.kind,
    name: RHYTHM_NAMES[rhythm.kind],
    phrase: RHYTHM_PHRASES[rhythm.kind],
    description: describeRhythm(rhythm),
    paused: rhythm.paused,
    nextOccurrence: nextOccurrence && !rhythm.paused ? nextOccurrence.toISOString() : null,
    meetings: meetings ? { held: meetings.held, planned: meetings.planned, skipped: meetings.skipped } : null,
    verdict: isMeetingKind(rhythm.kind) ? (ladderVerdictOf(rhythm.cadence) ?? null) : null,
    pattern: patternOfRhythm(rhythm),
    values: formValuesOf(rhythm),
    patterns: patternChoices(rhythm.kind),
  };
}

function missingView(kind: RhythmKind): MissingRhythmView {
  const rhythm = defaultRhythm(kind, "UTC");
  return { kind, name: RHYTHM_NAMES[kind], phrase: RHYTHM_PHRASES[kind], pattern: patternOfRhythm(rhythm), values: formValuesOf(rhythm), patterns: patternChoices(kind) };
}

/** The circle's rhythms as the bot's rhythms card shows them (reminders/rhythms.ts showRhythms). */
export async function rhythmsOf(context: ReminderContext, actor: Actor, circleId: string): Promise<RhythmsResponse> {
  const { overviews, missing } = await showRhythms(context, actor, circleId);
  return { rhythms: overviews.map(rhythmView), missing: missing.map(missingView) };
}

/** One rhythm as it stands after a change. */
export async function rhythmViewAfter(context: ReminderContext, actor: Actor, circleId: string, kind: RhythmKind): Promise<RhythmView> {
  const { overviews } = await showRhythms(context, actor, circleId);
  const overview = overviews.find((candidate) => candidate.rhythm.kind === kind);
  if (!overview) throw new Error(`The ${kind} rhythm was saved but is not there`);
  return rhythmView(overview);
}
