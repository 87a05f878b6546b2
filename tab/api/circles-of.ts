import type { Repositories } from "../../storage/index.js";
import type { CircleSummary } from "../shared/dashboard-types.js";
import { companyIdOf } from "./access.js";
import type { TabIdentity } from "./auth.js";

/**
 * The circles the person's organisation belongs to. The company's index rows say where to look;
 * each circle is then checked on its member rows, because an index row can be stale.
 */
export async function circlesOf(repositories: Pick<Repositories, "circles" | "companies">, identity: TabIdentity): Promise<CircleSummary[]> {
  const companyId = companyIdOf(identity);
  const indexRows = await repositories.companies.listCircles(companyId);
  const summaries = await Promise.all(indexRows.map((row) => confirmedSummary(repositories, row.circleId, companyId)));
  return summaries.filter((summary): summary is CircleSummary => summary !== undefined).sort((a, b) => a.name.localeCompare(b.name, "en"));
}

async function confirmedSummary(repositories: Pick<Repositories, "circles">, circleId: string, companyId: string): Promise<CircleSummary | undefined> {
  const [circle, memberRows] = await Promise.all([repositories.circles.get(circleId), repositories.circles.listMembers(circleId)]);
  const members = memberRows.map((row) => row.data).filter((member) => member.status === "member");
  const membership = members.find((member) => member.company.companyId === companyId);
  if (!circle || !membership) return undefined;
  return { circleId, name: circle.data.name, company: { ...membership.company }, memberCount: members.length };
}
