import { sameName, TextRuleError, validText } from "../text.js";

/**
 * Who may do what with a circle of trust. Member companies are verified organisations (Entra
 * tenants): a company joins only by redeeming an invitation code under its own tenant
 * (invitations.ts). Only members may change the circle, see its reminders or link it to a channel;
 * a member company may remove another, and any member may leave.
 */

export type MembershipStatus = "member" | "left" | "removed";

export interface Membership {
  companyId: string;
  companyName: string;
  status: MembershipStatus;
}

export type CircleRuleCode =
  | "invalid-name"
  | "name-taken"
  | "not-a-member"
  | "already-member"
  | "cannot-remove-self"
  | "unknown-company"
  | "circle-empty"
  | "invitation-used"
  | "invitation-revoked"
  | "invitation-expired"
  | "own-invitation"
  | "no-such-invitation"
  | "guest"
  | "unverified";

/** A membership rule was broken; the message is a sentence for the person who tried. */
export class CircleRuleError extends Error {
  override readonly name = "CircleRuleError";
  constructor(
    readonly code: CircleRuleCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a person may want to do with a circle; each is for members only. */
export type CircleAccess = "see" | "change" | "see-reminders" | "link-channel";

const ACCESS_WORDS: Record<CircleAccess, string> = {
  see: "see it",
  change: "change it",
  "see-reminders": "see its reminders and meetings",
  "link-channel": "link it to a channel",
};

/** The circle's name as shown (see core/text.ts), or a CircleRuleError saying what to fix. */
export function circleNameOf(text: string): string {
  try {
    return validText("circle", text);
  } catch (error) {
    if (error instanceof TextRuleError) throw new CircleRuleError("invalid-name", error.message);
    throw error;
  }
}

/** Circle names are unique among the circles a company is in, so that "leave Golden Circle" means one circle. */
export function assertNameFree(name: string, namesOfCompanysCircles: readonly string[]): void {
  if (namesOfCompanysCircles.some((existing) => sameName(existing, name))) {
    throw new CircleRuleError("name-taken", `Your company is already in a circle called "${name}". Give the new circle another name.`);
  }
}

function find(memberships: readonly Membership[], companyId: string): Membership | undefined {
  return memberships.find((membership) => membership.companyId === companyId);
}

export function isMember(memberships: readonly Membership[], companyId: string): boolean {
  return find(memberships, companyId)?.status === "member";
}

export function memberCompanies(memberships: readonly Membership[]): Membership[] {
  return memberships.filter((membership) => membership.status === "member");
}

/** Throws unless the company is a member (former or removed members are outsiders). */
export function assertMayAccess(memberships: readonly Membership[], companyId: string, access: CircleAccess): void {
  if (isMember(memberships, companyId)) return;
  throw new CircleRuleError("not-a-member", `Only member companies of this circle can ${ACCESS_WORDS[access]}, and yours is not a member.`);
}

/** The creator's company is the first member. */
export function founderOf(company: Pick<Membership, "companyId" | "companyName">): Membership {
  if (company.companyId.trim() === "") throw new CircleRuleError("unknown-company", "I need to know which organisation you work for before you can create a circle.");
  return { ...company, status: "member" };
}

/** A member company invites; the invited company is not in the circle until it redeems the code. */
export function assertMayInvite(memberships: readonly Membership[], inviterId: string): void {
  assertMayAccess(memberships, inviterId, "change");
}

/** The redeeming company becomes a member (again, if it left or was removed before). */
export function join(memberships: readonly Membership[], company: Pick<Membership, "companyId" | "companyName">): Membership {
  if (isMember(memberships, company.companyId)) throw new CircleRuleError("already-member", "Your company is already a member of this circle.");
  if (memberCompanies(memberships).length === 0) throw new CircleRuleError("circle-empty", "Every member has left this circle, so its invitations have lapsed.");
  return { ...company, status: "member" };
}

/** A member company removes another member company; to go yourself, leave. */
export function remove(memberships: readonly Membership[], actorId: string, companyId: string): Membership {
  assertMayAccess(memberships, actorId, "change");
  if (actorId === companyId) throw new CircleRuleError("cannot-remove-self", 'To take your own company out of the circle, use "leave".');
  const existing = find(memberships, companyId);
  if (existing?.status !== "member") throw new CircleRuleError("not-a-member", "That company is not a member of this circle.");
  return { ...existing, status: "removed" };
}

/** A member leaves; its people stop getting the circle's reminders. */
export function leave(memberships: readonly Membership[], companyId: string): Membership {
  const existing = find(memberships, companyId);
  if (existing?.status !== "member") throw new CircleRuleError("not-a-member", "Your company is not a member of this circle, so there is nothing to leave.");
  return { ...existing, status: "left" };
}
