import { z } from "zod";
import { AREA_IDS } from "../../core/model/index.js";
import type { StoredRow } from "../../storage/table-store.js";
import type { ActionView, MeetingView } from "../shared/dashboard-types.js";

/**
 * Meeting and action rows (storage/records.ts MeetingRecord, ActionRecord) in the circle's partition,
 * written by the reminders. The dashboard reads only the fields it shows, and skips a row it cannot
 * read instead of failing the whole dashboard.
 */

const isoDateTime = z.iso.datetime({ offset: true });

const meetingRow = z
  .object({
    title: z.string().max(300),
    status: z.enum(["held", "planned", "missed", "cancelled"]),
    plannedFor: isoDateTime,
    heldAt: isoDateTime.optional(),
  })
  .transform((row): MeetingView => ({ title: row.title, status: row.status, plannedFor: row.plannedFor, heldAt: row.heldAt ?? null }));

const actionRow = z
  .object({
    actionId: z.string().min(1).max(200),
    title: z.string().max(500),
    status: z.enum(["open", "done"]),
    owner: z.object({ companyName: z.string() }).optional(),
    area: z.enum(AREA_IDS).optional(),
    dueBy: z.iso.date().optional(),
  })
  .transform((row): ActionView => ({ actionId: row.actionId, title: row.title, status: row.status, owner: row.owner?.companyName ?? null, area: row.area ?? null, dueBy: row.dueBy ?? null }));

export interface ReadRows<T> {
  items: T[];
  unreadable: number;
}

function readAll<T>(rows: readonly StoredRow<object>[] | undefined, schema: z.ZodType<T>): ReadRows<T> {
  const parsed = (rows ?? []).map((row) => schema.safeParse(row.data));
  const items = parsed.flatMap((result) => (result.success ? [result.data] : []));
  return { items, unreadable: parsed.length - items.length };
}

export function readMeetings(rows: readonly StoredRow<object>[] | undefined): ReadRows<MeetingView> {
  return readAll(rows, meetingRow);
}

export function readActions(rows: readonly StoredRow<object>[] | undefined): ReadRows<ActionView> {
  return readAll(rows, actionRow);
}
