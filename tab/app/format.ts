import { tokens } from "@fluentui/react-components";
import { areaById, stageById, type AreaId, type StageId } from "../../core/model/index.js";
import type { PartnerFriendliness } from "../../core/scoring/partner.js";

/** How the tab writes the model's ids, numbers and verdicts. Names come from core/model. */

export function areaName(area: AreaId): string {
  return areaById(area).name;
}

export function stageName(stage: StageId): string {
  return stageById(stage).name;
}

/** An overall score: always two decimals ("2.50"). */
export function scoreText(score: number): string {
  return score.toFixed(2);
}

/** A level or a median: "3", or "2.5" for the middle of two levels. */
export function levelText(level: number): string {
  return Number.isInteger(level) ? String(level) : level.toFixed(1);
}

/** A change or a gap with its sign: "+0.50", "−1.00", "0.00". */
export function signedText(value: number, decimals = 2): string {
  const text = Math.abs(value).toFixed(decimals);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export const VERDICT_LABELS: Readonly<Record<PartnerFriendliness, string>> = {
  "partner-friendly": "Partner-friendly",
  "getting-there": "Getting there",
  "not-yet-partner-friendly": "Not yet partner-friendly",
};

/**
 * Stage colours from Fluent's palette, so they follow light, dark and high contrast. Colour is never
 * the only signal: every coloured cell also says its stage in words.
 */
export const STAGE_BACKGROUNDS: Readonly<Record<StageId, string>> = {
  basic: tokens.colorPaletteRedBackground2,
  reactive: tokens.colorPaletteMarigoldBackground2,
  proactive: tokens.colorPaletteLightGreenBackground2,
  dynamic: tokens.colorPaletteGreenBackground2,
};

/** A calendar date such as an action's due date ("2026-09-04" → "4 Sept 2026"). */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** The day a meeting takes place, in the reader's own time zone: "Thu, 10 Sept 2026". */
export function meetingDay(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric" });
}

/** The time a meeting starts, in the reader's own time zone: "09:00". */
export function meetingTime(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}
