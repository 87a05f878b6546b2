import type { CircleRecord, MemberRecord, PersonRef } from "../../storage/records.js";
import type { TabIdentity } from "./auth.js";
import { ApiRefusal } from "./refusals.js";

/**
 * Who may see a circle: a person listed by one of its member companies (status "member"), in the
 * circle's own tenant. Index rows in the person's partition only point the way; this is the check.
 */

export function isSamePerson(person: PersonRef, identity: TabIdentity): boolean {
  if (person.tenantId !== identity.tenantId) return false;
  return identity.userId === person.userId || identity.userId === person.aadObjectId;
}

/** The member company that lists this person, if any. */
export function membershipOf(members: readonly MemberRecord[], identity: TabIdentity): MemberRecord | undefined {
  return members.find((member) => member.status === "member" && member.people.some((person) => isSamePerson(person, identity)));
}

export function circleNotFound(): ApiRefusal {
  return new ApiRefusal(404, "circle-not-found", "There is no circle with this id in your organisation. Pick one of your circles in the tab's settings.");
}

/**
 * The viewer's company in the circle, or a refusal. Another tenant's circle answers like a circle that
 * does not exist, so that one tenant cannot even learn that another's circle id is in use.
 */
export function requireMembership(circle: CircleRecord, members: readonly MemberRecord[], identity: TabIdentity): MemberRecord {
  if (circle.tenantId !== identity.tenantId) throw circleNotFound();
  const membership = membershipOf(members, identity);
  if (!membership) {
    throw new ApiRefusal(403, "not-a-member", "You are not in a member company of this circle, so its dashboard is not shown. Ask one of its members to add your company.");
  }
  return membership;
}
