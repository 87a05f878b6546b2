/**
 * Who may do what with a circle of trust. Both sides opt in: a company is a member only after one
 * of its people accepts an invitation that a member company sent. Only members may change the
 * circle, link it to a channel or see its reminders.
 */

export type MembershipStatus = "invited" | "member" | "left";

export interface Membership {
  companyId: string;
  companyName: string;
  status: MembershipStatus;
}

export type CircleRuleCode =
  | "invalid-name"
  | "not-a-member"
  | "already-member"
  | "already-invited"
  | "cannot-invite-self"
  | "not-invited"
  | "circle-empty"
  | "unknown-company";

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

/** The seed: "consider inventing a name of your circle of trust" (Golden Circle, Northwest Alliance). */
export const MAX_CIRCLE_NAME_LENGTH = 60;

/** What a person may want to do with a circle; each is for members only. */
export type CircleAccess = "change" | "see-reminders" | "link-channel";

const ACCESS_WORDS: Record<CircleAccess, string> = {
  change: "change it",
  "see-reminders": "see its reminders and meetings",
  "link-channel": "link it to a channel",
};

/** The circle's name as shown: trimmed, inner whitespace collapsed, no control characters. */
export function circleNameOf(text: string): string {
  const name = text
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (name === "") throw new CircleRuleError("invalid-name", 'Give your circle a name, e.g. "Golden Circle" or "Northwest Alliance".');
  if (name.length > MAX_CIRCLE_NAME_LENGTH) throw new CircleRuleError("invalid-name", `Keep the circle's name to ${MAX_CIRCLE_NAME_LENGTH} characters or fewer.`);
  return name;
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

/** Throws unless the company is a member (invited or former members are outsiders). */
export function assertMayAccess(memberships: readonly Membership[], companyId: string, access: CircleAccess): void {
  if (isMember(memberships, companyId)) return;
  throw new CircleRuleError("not-a-member", `Only member companies of this circle can ${ACCESS_WORDS[access]}, and yours is not a member.`);
}

/** The creator's company is the first member. */
export function founderOf(company: Pick<Membership, "companyId" | "companyName">): Membership {
  if (company.companyId.trim() === "") throw new CircleRuleError("unknown-company", "I need to know which company you work for before you can create a circle.");
  return { ...company, status: "member" };
}

/** A member invites a company that is not already invited or a member (a company that left may be invited again). */
export function invite(memberships: readonly Membership[], inviterId: string, invitee: Pick<Membership, "companyId" | "companyName">): Membership {
  assertMayAccess(memberships, inviterId, "change");
  if (invitee.companyId.trim() === "") throw new CircleRuleError("unknown-company", "Tell me the name of the company to invite.");
  if (invitee.companyId === inviterId) throw new CircleRuleError("cannot-invite-self", "Your company is already in this circle; invite a partner company.");
  const existing = find(memberships, invitee.companyId);
  if (existing?.status === "member") throw new CircleRuleError("already-member", `${existing.companyName} is already a member of this circle.`);
  if (existing?.status === "invited") throw new CircleRuleError("already-invited", `${existing.companyName} has already been invited; one of its people needs to accept.`);
  return { ...invitee, status: "invited" };
}

/** Only the invited company accepts, and only while the circle still has a member to be in a circle with. */
export function accept(memberships: readonly Membership[], companyId: string): Membership {
  const existing = find(memberships, companyId);
  if (existing?.status === "member") throw new CircleRuleError("already-member", "Your company is already a member of this circle.");
  if (existing?.status !== "invited") throw new CircleRuleError("not-invited", "Your company has not been invited to this circle; ask one of its members to invite it.");
  if (memberCompanies(memberships).length === 0) throw new CircleRuleError("circle-empty", "Every member has left this circle, so the invitation has lapsed.");
  return { ...existing, status: "member" };
}

/** The invited company says no; it can be invited again later. */
export function decline(memberships: readonly Membership[], companyId: string): Membership {
  const existing = find(memberships, companyId);
  if (existing?.status !== "invited") throw new CircleRuleError("not-invited", "There is no open invitation for your company to this circle.");
  return { ...existing, status: "left" };
}

/** A member leaves; its people stop getting the circle's reminders. */
export function leave(memberships: readonly Membership[], companyId: string): Membership {
  const existing = find(memberships, companyId);
  if (existing?.status !== "member") throw new CircleRuleError("not-a-member", "Your company is not a member of this circle, so there is nothing to leave.");
  return { ...existing, status: "left" };
}
