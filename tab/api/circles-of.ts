import type { CircleRepository } from "../../storage/repositories/circles.js";
import type { CircleSummary } from "../shared/dashboard-types.js";
import { membershipOf } from "./access.js";
import type { TabIdentity } from "./auth.js";

/**
 * The circles a person belongs to. The person's index rows say where to look; each circle is then
 * checked on its own rows (tenant and membership), because an index row can be stale.
 */
export async function circlesOf(circles: CircleRepository, identity: TabIdentity): Promise<CircleSummary[]> {
  const indexRows = await circles.listForPerson(identity);
  const candidates = indexRows.filter((row) => row.tenantId === identity.tenantId);
  const summaries = await Promise.all(candidates.map((row) => confirmedSummary(circles, row.circleId, identity)));
  return summaries.filter((summary): summary is CircleSummary => summary !== undefined).sort((a, b) => a.name.localeCompare(b.name, "en"));
}

async function confirmedSummary(circles: CircleRepository, circleId: string, identity: TabIdentity): Promise<CircleSummary | undefined> {
  const [circle, memberRows] = await Promise.all([circles.get(circleId), circles.listMembers(circleId)]);
  if (!circle || circle.data.tenantId !== identity.tenantId) return undefined;
  const members = memberRows.map((row) => row.data);
  const membership = membershipOf(members, identity);
  if (!membership) return undefined;
  return {
    circleId,
    name: circle.data.name,
    company: { ...membership.company },
    memberCount: members.filter((member) => member.status === "member").length,
  };
}
