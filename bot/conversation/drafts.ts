import { AREAS, type Area, type AreaId } from "../../core/model/index.js";
import { isApplicable } from "../../core/scoring/index.js";
import type { DraftRecord } from "../../storage/index.js";
import type { DraftRef, RunData } from "../cards/actions.js";

/** Pure facts about an assessment in progress: which areas it asks, where the person is. */

export function applicableAreas(formalVendorProgram: boolean): readonly Area[] {
  return AREAS.filter((area) => isApplicable(area.id, formalVendorProgram));
}

export function firstUnansweredArea(draft: Pick<DraftRecord, "answers" | "formalVendorProgram">): AreaId | undefined {
  return applicableAreas(draft.formalVendorProgram).find((area) => draft.answers[area.id] === undefined)?.id;
}

export function answeredCount(draft: Pick<DraftRecord, "answers" | "formalVendorProgram">): number {
  return applicableAreas(draft.formalVendorProgram).filter((area) => draft.answers[area.id] !== undefined).length;
}

/** 1-based position of the area among the areas this assessment asks, and how many it asks. */
export function positionOf(draft: Pick<DraftRecord, "formalVendorProgram">, area: AreaId): { position: number; total: number } {
  const areas = applicableAreas(draft.formalVendorProgram);
  return { position: areas.findIndex((candidate) => candidate.id === area) + 1, total: areas.length };
}

export function previousArea(draft: Pick<DraftRecord, "formalVendorProgram">, area: AreaId): AreaId | undefined {
  const areas = applicableAreas(draft.formalVendorProgram);
  const index = areas.findIndex((candidate) => candidate.id === area);
  return index > 0 ? areas[index - 1]?.id : undefined;
}

export function draftRefOf(draft: Pick<DraftRecord, "kind" | "subject">): DraftRef {
  return draft.kind === "self" ? { kind: "self" } : { kind: "partner", subject: draft.subject.companyId };
}

/** What every card of this run carries, so that a later press is checked against the stored draft. */
export function runDataOf(draft: DraftRecord): RunData {
  return { ...draftRefOf(draft), for: draft.person.userId, run: draft.runId };
}
