import { CircleRuleError } from "./membership.js";

/**
 * Invitations that only the invited organisation can accept. A member company invites a partner by
 * name; the circle gets a single-use code, which the inviter passes on and the partner types as
 * `join <code>`. The first organisation that redeems it joins, under its own verified tenant; the
 * typed name is only a hint ("invited as Fabrikam, joined as Fabrikam Ltd").
 */

export const INVITATION_LIFETIME_DAYS = 14;

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives. 32 symbols × 5 bits = 160 bits. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const INVITATION_CODE_BYTES = 20;
const CODE_SYMBOLS = (INVITATION_CODE_BYTES * 8) / 5;
const GROUP_SIZE = 4;

export type InvitationStatus = "pending" | "used" | "revoked";
export type InvitationState = InvitationStatus | "expired";

export interface InvitationFacts {
  status: InvitationStatus;
  /** ISO instant. */
  expiresAt: string;
  invitedBy: { companyId: string; companyName: string };
}

/** A code from random bytes, in groups of four: "K7QM-2WXA-…". */
export function invitationCodeFrom(bytes: Uint8Array): string {
  if (bytes.length !== INVITATION_CODE_BYTES) throw new RangeError(`An invitation code is made from ${INVITATION_CODE_BYTES} random bytes`);
  let bits = 0;
  let value = 0;
  let symbols = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      symbols += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return symbols.match(new RegExp(`.{1,${GROUP_SIZE}}`, "g"))?.join("-") ?? symbols;
}

/**
 * The code as typed, in its one canonical form, or undefined when it cannot be a code. Case, spaces
 * and hyphens do not matter, and the letters people confuse with digits (O, I, L) read as 0 and 1.
 */
export function canonicalInvitationCode(text: string): string | undefined {
  const symbols = text
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (symbols.length !== CODE_SYMBOLS || [...symbols].some((symbol) => !ALPHABET.includes(symbol))) return undefined;
  return symbols.match(new RegExp(`.{1,${GROUP_SIZE}}`, "g"))?.join("-");
}

export function invitationExpiry(createdAt: Date, days: number = INVITATION_LIFETIME_DAYS): Date {
  return new Date(createdAt.getTime() + days * 24 * 60 * 60 * 1000);
}

export function invitationState(invitation: Pick<InvitationFacts, "status" | "expiresAt">, now: Date): InvitationState {
  if (invitation.status !== "pending") return invitation.status;
  return new Date(invitation.expiresAt) <= now ? "expired" : "pending";
}

const DATE_TEXT = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

/**
 * Throws unless the redeeming company may use this invitation now. `memberCompanyIds` are the
 * circle's current member companies: the inviting company, and any member, cannot redeem it.
 */
export function assertRedeemable(invitation: InvitationFacts, redeemerCompanyId: string, memberCompanyIds: ReadonlySet<string>, now: Date): void {
  const state = invitationState(invitation, now);
  if (state === "used") throw new CircleRuleError("invitation-used", "This invitation code has already been used. Ask the member who invited your company for a new one.");
  if (state === "revoked") throw new CircleRuleError("invitation-revoked", "This invitation was withdrawn by the circle. Ask the member who invited your company for a new one.");
  if (state === "expired") throw new CircleRuleError("invitation-expired", `This invitation code expired on ${DATE_TEXT.format(new Date(invitation.expiresAt))}. Ask the member who invited your company for a new one.`);
  if (redeemerCompanyId === invitation.invitedBy.companyId) {
    throw new CircleRuleError("own-invitation", "This code is for the partner your company invited: pass it on to them. A company cannot join with its own invitation.");
  }
  if (memberCompanyIds.has(redeemerCompanyId)) throw new CircleRuleError("already-member", "Your company is already a member of this circle, so the code was not used. Pass it on to the company it is meant for.");
}
