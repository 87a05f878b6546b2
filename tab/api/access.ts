import { companyIdOfTenant, isTenantId } from "../../core/companies.js";
import type { MemberRecord } from "../../storage/records.js";
import type { TabIdentity } from "./auth.js";
import { ApiRefusal } from "./refusals.js";

/**
 * Who may see a circle: any person of a member company's organisation — the company is the
 * person's tenant (the SSO token's tid), whichever tenant created the circle. A guest in a tenant
 * never counts as that tenant's company. To everyone else a circle answers like one that does not
 * exist, so that nobody learns a circle id is in use.
 */

/** The company the person acts for, or a refusal (guests are told to use their own organisation). */
export function companyIdOf(identity: TabIdentity): string {
  if (identity.guest) {
    throw new ApiRefusal(
      403,
      "guest-account",
      "You are signed in to this organisation as a guest, so its company's circles are not shown to you. Open Partnering Maturity in your own organisation's Teams to see your company's circles.",
    );
  }
  if (!isTenantId(identity.tenantId)) throw new ApiRefusal(401, "token-without-tenant", "The sign-in does not name your organisation. Reload the tab to sign in again.");
  return companyIdOfTenant(identity.tenantId);
}

/** The viewer's organisation's membership, if it is a current member. */
export function membershipOf(members: readonly MemberRecord[], identity: TabIdentity): MemberRecord | undefined {
  const companyId = companyIdOf(identity);
  return members.find((member) => member.status === "member" && member.company.companyId === companyId);
}

export function circleNotFound(): ApiRefusal {
  return new ApiRefusal(404, "circle-not-found", "There is no circle with this id that your organisation belongs to. Pick one of your circles in the tab's settings.");
}

/** The viewer's company in the circle, or a refusal that does not reveal whether the circle exists. */
export function requireMembership(members: readonly MemberRecord[], identity: TabIdentity): MemberRecord {
  const membership = membershipOf(members, identity);
  if (!membership) throw circleNotFound();
  return membership;
}
