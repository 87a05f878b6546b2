import { createHash, randomBytes, randomUUID } from "node:crypto";
import * as rules from "../core/circles/index.js";
import { validText } from "../core/text.js";
import { ConcurrencyError, TransactionError, type CircleRecord, type InvitationRecord, type MemberRecord, type StoredRow } from "../storage/index.js";
import type { CircleContext } from "./context.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { Actor } from "./identity.js";
import { membershipsOf, requireMember } from "./membership.js";

/** What the inviter gets: the code to pass on (shown once, never stored) and the invitation. */
export interface CreatedInvitation {
  code: string;
  invitation: InvitationRecord;
  circle: CircleRecord;
}

export interface RedeemedInvitation {
  circle: CircleRecord;
  member: MemberRecord;
  invitation: InvitationRecord;
}

/** The SHA-256 of the canonical code: what storage keeps and looks up. */
export function codeDigestOf(canonicalCode: string): string {
  return createHash("sha256").update(canonicalCode).digest("hex");
}

/** A member company invites a partner by name. The name is a hint; whoever redeems the code joins as their own organisation. */
export async function inviteCompany(context: CircleContext, actor: Actor, circleId: string, invitedAs: string, lifetimeDays: number = rules.INVITATION_LIFETIME_DAYS): Promise<CreatedInvitation> {
  const hint = validText("invitee", invitedAs);
  const { circle, members } = await requireMember(context, actor, circleId, "change");
  rules.assertMayInvite(membershipsOf(members), actor.company.companyId);
  const code = rules.invitationCodeFrom(randomBytes(rules.INVITATION_CODE_BYTES));
  const now = context.clock.now();
  const invitation: InvitationRecord = {
    invitationId: randomUUID(),
    circleId,
    codeDigest: codeDigestOf(code),
    invitedAs: hint,
    invitedBy: actor.company,
    invitedByPerson: actor.person,
    status: "pending",
    createdAt: now.toISOString(),
    expiresAt: rules.invitationExpiry(now, lifetimeDays).toISOString(),
  };
  await context.repositories.circles.createInvitation(invitation);
  context.logger.info({ circleId, invitationId: invitation.invitationId }, "invitation created");
  return { code, invitation, circle: circle.data };
}

/** A member company withdraws a pending invitation; its code can no longer be used. */
export async function revokeInvitation(context: CircleContext, actor: Actor, circleId: string, invitationId: string): Promise<InvitationRecord> {
  await requireMember(context, actor, circleId, "change");
  const existing = await context.repositories.circles.getInvitation(circleId, invitationId);
  if (!existing) throw new NotFoundError("I can't find that invitation; it may be from an old card.");
  const state = rules.invitationState(existing.data, context.clock.now());
  if (state !== "pending") throw new rules.CircleRuleError(state === "used" ? "invitation-used" : state === "revoked" ? "invitation-revoked" : "invitation-expired", revokeRefusal(state, existing.data));
  const record: InvitationRecord = { ...existing.data, status: "revoked", revokedAt: context.clock.now().toISOString(), revokedBy: actor.company };
  try {
    await context.repositories.circles.replaceInvitation(record, existing.etag);
  } catch (error) {
    if (error instanceof ConcurrencyError) throw new ConflictError("The invitation changed at the same moment (it may just have been used); show the circle again.");
    throw error;
  }
  context.logger.info({ circleId, invitationId }, "invitation revoked");
  return record;
}

function revokeRefusal(state: rules.InvitationState, invitation: InvitationRecord): string {
  if (state === "used") return `The invitation for ${invitation.invitedAs} was already used by ${invitation.usedBy?.companyName ?? "a company"}; to take that company out, remove it from the circle.`;
  if (state === "revoked") return `The invitation for ${invitation.invitedAs} was already withdrawn.`;
  return `The invitation for ${invitation.invitedAs} has expired already; nobody can use it.`;
}

/** The circle's invitations that can still be redeemed. */
export function pendingInvitations(invitations: readonly StoredRow<InvitationRecord>[], now: Date): InvitationRecord[] {
  return invitations
    .map((row) => row.data)
    .filter((invitation) => rules.invitationState(invitation, now) === "pending")
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

const UNKNOWN_CODE = "That is not an invitation code I know. Check that you typed it exactly as you got it (join followed by the code), or ask for a new one.";

/**
 * `join <code>`: the first organisation to redeem a valid code joins the circle as itself. Refused
 * with a sentence (and nothing stored) for an unknown, used, revoked or expired code, for the
 * inviting company itself and for a company that is already a member.
 */
export async function redeemInvitation(context: CircleContext, actor: Actor, typedCode: string): Promise<RedeemedInvitation> {
  const code = rules.canonicalInvitationCode(typedCode);
  if (!code) throw new rules.CircleRuleError("no-such-invitation", UNKNOWN_CODE);
  const lookup = await context.repositories.circles.findInvitationByCode(codeDigestOf(code));
  if (!lookup) throw new rules.CircleRuleError("no-such-invitation", UNKNOWN_CODE);
  const [circle, invitation, members] = await Promise.all([
    context.repositories.circles.get(lookup.circleId),
    context.repositories.circles.getInvitation(lookup.circleId, lookup.invitationId),
    context.repositories.circles.listMembers(lookup.circleId),
  ]);
  if (!circle || !invitation) throw new rules.CircleRuleError("no-such-invitation", UNKNOWN_CODE);
  const now = context.clock.now();
  const memberships = membershipsOf(members);
  const memberIds = new Set(rules.memberCompanies(memberships).map((membership) => membership.companyId));
  rules.assertRedeemable(invitation.data, actor.company.companyId, memberIds, now);
  const joined = rules.join(memberships, actor.company);
  const previous = members.find((row) => row.data.company.companyId === actor.company.companyId);
  const member: MemberRecord = {
    circleId: circle.data.circleId,
    company: { companyId: joined.companyId, companyName: joined.companyName },
    status: "member",
    people: previous?.data.people.some((person) => person.tenantId === actor.person.tenantId && person.userId === actor.person.userId) ? previous.data.people : [...(previous?.data.people ?? []), actor.person],
    joinedAt: now.toISOString(),
    invitedAs: invitation.data.invitedAs,
    invitedBy: invitation.data.invitedBy,
    invitationId: invitation.data.invitationId,
  };
  const used: InvitationRecord = { ...invitation.data, status: "used", usedAt: now.toISOString(), usedBy: member.company };
  try {
    await context.repositories.circles.redeemInvitation(circle.data, { ...invitation, data: used }, member, previous?.etag);
  } catch (error) {
    if (error instanceof TransactionError) throw new rules.CircleRuleError("invitation-used", "This invitation code was used at the same moment by someone else. Ask the member who invited your company for a new one.");
    throw error;
  }
  context.logger.info({ circleId: circle.data.circleId, invitationId: invitation.data.invitationId }, "invitation redeemed");
  return { circle: circle.data, member, invitation: used };
}
