export * from "./types.js";
export { STAGES, isStageId, stageById, stageByLevel, levelOf } from "./stages.js";
export { AREAS, MEETING_LADDER, isAreaId, areaById } from "./areas.js";
