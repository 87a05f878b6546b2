import type { Repositories } from "../../storage/index.js";
import { circleKeys, companyKeys, TABLES } from "../../storage/partitions.js";
import { MAX_TRANSACTION_OPERATIONS, type RowOperation, type TableStore, type TableStoreFactory } from "../../storage/table-store.js";
import type { DemoCircle } from "./demo-circle.js";

/**
 * Writes a demo circle, replacing an earlier one with the same id: the demo's companies (one per
 * organisation), the circle and its members through the repository (which indexes each company's
 * circles), everything else in 100-row transactions. Returns the number of rows in the circle's partition.
 */
export async function writeDemoCircle(storage: TableStoreFactory, repositories: Repositories, demo: DemoCircle): Promise<number> {
  const circles = await storage.table(TABLES.circles);
  const partition = circleKeys.partition(demo.circle.circleId);
  await inBatches(circles, partition, (await circles.list(partition)).map((row) => ({ kind: "delete", rowKey: row.rowKey })));
  await Promise.all(demo.companies.map((company) => circles.upsert(companyKeys.partition(company.companyId), companyKeys.profileRow(), company)));
  const [founder, ...others] = demo.members;
  if (!founder) throw new Error("A demo circle needs a member");
  await repositories.circles.create(demo.circle, founder);
  for (const member of others) await repositories.circles.saveMember(demo.circle, member);
  const rows: RowOperation<object>[] = [
    ...demo.assessments.map((assessment) => ({ kind: "upsert" as const, rowKey: circleKeys.assessmentRow(assessment.cycle, assessment.rater.companyId, assessment.subject.companyId, assessment.ratedBy), data: assessment })),
    ...demo.invitations.map((invitation) => ({ kind: "upsert" as const, rowKey: circleKeys.invitationRow(invitation.invitationId), data: invitation })),
    ...demo.meetings.map((meeting) => ({ kind: "upsert" as const, rowKey: circleKeys.meetingRow(meeting.meetingId), data: meeting })),
    ...demo.actions.map((action) => ({ kind: "upsert" as const, rowKey: circleKeys.actionRow(action.actionId), data: action })),
    ...demo.leads.map((lead) => ({ kind: "upsert" as const, rowKey: circleKeys.leadRow(lead.leadId), data: lead })),
  ];
  await inBatches(circles, partition, rows);
  return 1 + demo.members.length + rows.length;
}

async function inBatches(table: TableStore, partition: string, operations: readonly RowOperation<object>[]): Promise<void> {
  for (let start = 0; start < operations.length; start += MAX_TRANSACTION_OPERATIONS) {
    await table.transact(partition, operations.slice(start, start + MAX_TRANSACTION_OPERATIONS));
  }
}
