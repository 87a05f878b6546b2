import { STAGE_IDS, type Stage, type StageId } from "./types.js";

/** The four stages, lowest first. Stages rise from working alone to partnering as the way the company works. */
export const STAGES: readonly Stage[] = [
  {
    id: "basic",
    level: 1,
    name: "Basic",
    summary: "Partnering happens ad hoc, if at all; the company mostly works alone.",
  },
  {
    id: "reactive",
    level: 2,
    name: "Reactive",
    summary: "The company partners when a customer or partner asks, case by case.",
  },
  {
    id: "proactive",
    level: 3,
    name: "Proactive",
    summary: "Partnering is planned, structured and two-way, with agreed rhythms and terms.",
  },
  {
    id: "dynamic",
    level: 4,
    name: "Dynamic",
    summary: "Partnering is how the company works, and it is reviewed and improved continuously.",
  },
];

/** True when the value is one of the stable stage ids. */
export function isStageId(value: unknown): value is StageId {
  return typeof value === "string" && (STAGE_IDS as readonly string[]).includes(value);
}

/** The stage with the given id. */
export function stageById(id: StageId): Stage {
  const stage = STAGES.find((candidate) => candidate.id === id);
  if (!stage) throw new RangeError(`Unknown stage id: ${String(id)}`);
  return stage;
}

/** The stage at a level from 1 (Basic) to 4 (Dynamic); throws for anything else. */
export function stageByLevel(level: number): Stage {
  const stage = STAGES.find((candidate) => candidate.level === level);
  if (!stage) throw new RangeError(`No stage at level ${level}; levels run from 1 to ${STAGES.length}`);
  return stage;
}

/** The level of a stage: 1 (Basic) … 4 (Dynamic). */
export function levelOf(stageId: StageId): Stage["level"] {
  return stageById(stageId).level;
}
