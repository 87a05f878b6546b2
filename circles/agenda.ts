import { areaById, stageById } from "../core/model/index.js";
import type { AreaId } from "../core/model/types.js";
import { scoreCircle, type WeakArea } from "../core/scoring/index.js";
import type { CircleSnapshot } from "../storage/repositories/circles.js";
import type { ActionRecord, MeetingRecord } from "../storage/records.js";
import type { RhythmKind } from "../core/schedule/types.js";
import { asMemberAssessment, type CompanyAssessment } from "./assessments.js";
import { latestSelfAssessments } from "./results.js";

export interface AgendaArea {
  area: AreaId;
  areaName: string;
  stageName: string;
  /** The model's next steps from the circle's median stage in the area. */
  nextSteps: readonly string[];
}

export interface MeetingTally {
  /** Meetings whose time has come and that were not skipped. */
  planned: number;
  held: number;
  skipped: number;
}

/** What a meeting reminder puts on the table. */
export interface Agenda {
  /** Weakest first; empty when nobody has assessed yet (or every area is Dynamic). */
  weakest: AgendaArea[];
  /** Member companies whose latest self-assessment counts. */
  assessedCompanies: number;
  /** Oldest due date first. */
  openActions: ActionRecord[];
  meetings: MeetingTally;
}

/** How many of an area's next steps a reminder shows (cards stay short on mobile). */
export const NEXT_STEPS_SHOWN = 2;

/** Member companies with a self-assessment finished at or after `since` (the cycle's start). */
export function companiesAssessedSince(snapshot: CircleSnapshot, since: Date): Set<string> {
  return new Set(latestSelfAssessments(snapshot).filter((assessment) => new Date(assessment.completedAt) >= since).map((assessment) => assessment.rater.companyId));
}

/** A circle's weakest areas as a card puts them on the table: names, and the first of the model's next steps. */
export function agendaAreasOf(weakest: readonly WeakArea[]): AgendaArea[] {
  return weakest.map((weak) => ({
    area: weak.area,
    areaName: areaById(weak.area).name,
    stageName: stageById(weak.stage).name,
    nextSteps: weak.nextSteps.slice(0, NEXT_STEPS_SHOWN),
  }));
}

function weakestOf(assessments: readonly CompanyAssessment[]): AgendaArea[] {
  return agendaAreasOf(scoreCircle(assessments.map(asMemberAssessment)).weakest);
}

export function rowsOfKind<T>(snapshot: CircleSnapshot, kind: string): T[] {
  return (snapshot.otherRows.get(kind) ?? []).map((row) => row.data as T);
}

export function openActionsOf(snapshot: CircleSnapshot): ActionRecord[] {
  return rowsOfKind<ActionRecord>(snapshot, "action")
    .filter((action) => action.status === "open")
    .sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.createdAt.localeCompare(b.createdAt));
}

/** Held vs planned for one rhythm, counting only meetings whose time has come. */
export function meetingTally(snapshot: CircleSnapshot, rhythmKind: RhythmKind, now: Date): MeetingTally {
  const past = rowsOfKind<MeetingRecord>(snapshot, "meeting").filter((meeting) => meeting.rhythmKind === rhythmKind && new Date(meeting.plannedFor) <= now);
  const skipped = past.filter((meeting) => meeting.status === "cancelled").length;
  return { planned: past.length - skipped, held: past.filter((meeting) => meeting.status === "held").length, skipped };
}

/** The agenda: the circle's current weakest areas with the model's next steps, and the open actions. */
export function agendaOf(snapshot: CircleSnapshot, rhythmKind: RhythmKind, now: Date): Agenda {
  const assessments = latestSelfAssessments(snapshot);
  return { weakest: weakestOf(assessments), assessedCompanies: assessments.length, openActions: openActionsOf(snapshot), meetings: meetingTally(snapshot, rhythmKind, now) };
}
