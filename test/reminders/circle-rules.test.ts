import { describe, expect, it } from "vitest";
import {
  assertMayAccess,
  assertMayInvite,
  assertNameFree,
  assertRedeemable,
  canonicalInvitationCode,
  circleNameOf,
  CircleRuleError,
  founderOf,
  invitationCodeFrom,
  invitationExpiry,
  invitationState,
  INVITATION_CODE_BYTES,
  INVITATION_LIFETIME_DAYS,
  join,
  leave,
  remove,
  type InvitationFacts,
  type Membership,
} from "../../core/circles/index.js";

const contoso: Membership = { companyId: "tenant-contoso", companyName: "Contoso", status: "member" };
const fabrikam = { companyId: "tenant-fabrikam", companyName: "Fabrikam Ltd" };

function refused(action: () => unknown): CircleRuleError {
  try {
    action();
  } catch (error) {
    if (error instanceof CircleRuleError) return error;
    throw error;
  }
  throw new Error("expected the rule to refuse");
}

const NOW = new Date("2026-12-01T10:00:00Z");
const pending: InvitationFacts = { status: "pending", expiresAt: invitationExpiry(NOW).toISOString(), invitedBy: contoso };

describe("circle membership rules (pure)", () => {
  it("makes the creator's company the first member", () => {
    expect(founderOf({ companyId: "tenant-contoso", companyName: "Contoso" })).toEqual(contoso);
  });

  it("needs a name, and keeps it short", () => {
    expect(circleNameOf("  Golden\u0000  Circle ")).toBe("Golden Circle");
    expect(refused(() => circleNameOf("   ")).message).toContain('"Golden Circle"');
    expect(refused(() => circleNameOf("\u200b\u200d\u0007")).code).toBe("invalid-name");
    expect(refused(() => circleNameOf("x".repeat(61))).code).toBe("invalid-name");
  });

  it("refuses a second circle of the same name among the company's circles, whatever the case", () => {
    expect(() => assertNameFree("Golden Circle", ["Northwest Alliance"])).not.toThrow();
    expect(refused(() => assertNameFree("golden  circle", ["Golden Circle"])).code).toBe("name-taken");
  });

  it("lets only members invite", () => {
    expect(() => assertMayInvite([contoso], "tenant-contoso")).not.toThrow();
    expect(refused(() => assertMayInvite([contoso], "tenant-northwind")).code).toBe("not-a-member");
    expect(refused(() => assertMayInvite([contoso, { ...fabrikam, status: "left" }], "tenant-fabrikam")).code).toBe("not-a-member");
  });

  it("makes the redeeming organisation a member, also one that left before", () => {
    expect(join([contoso], fabrikam)).toEqual({ ...fabrikam, status: "member" });
    expect(join([contoso, { ...fabrikam, status: "removed" }], fabrikam).status).toBe("member");
    expect(refused(() => join([contoso, { ...fabrikam, status: "member" }], fabrikam)).code).toBe("already-member");
    expect(refused(() => join([{ ...contoso, status: "left" }], fabrikam)).code).toBe("circle-empty");
  });

  it("lets a member company remove another, but not itself", () => {
    const circle: Membership[] = [contoso, { ...fabrikam, status: "member" }];
    expect(remove(circle, "tenant-contoso", "tenant-fabrikam").status).toBe("removed");
    expect(refused(() => remove(circle, "tenant-contoso", "tenant-contoso")).code).toBe("cannot-remove-self");
    expect(refused(() => remove(circle, "tenant-northwind", "tenant-fabrikam")).code).toBe("not-a-member");
    expect(refused(() => remove([contoso], "tenant-contoso", "tenant-fabrikam")).code).toBe("not-a-member");
  });

  it("lets only a member leave", () => {
    expect(leave([contoso], "tenant-contoso").status).toBe("left");
    expect(refused(() => leave([contoso, { ...fabrikam, status: "left" }], "tenant-fabrikam")).code).toBe("not-a-member");
  });

  it("keeps former and removed members out of changing the circle or seeing its reminders", () => {
    const circle: Membership[] = [contoso, { ...fabrikam, status: "removed" }, { companyId: "tenant-northwind", companyName: "Northwind", status: "left" }];
    expect(() => assertMayAccess(circle, "tenant-contoso", "change")).not.toThrow();
    for (const outsider of ["tenant-fabrikam", "tenant-northwind", "tenant-tailspin"]) {
      expect(refused(() => assertMayAccess(circle, outsider, "see-reminders")).message).toBe("Only member companies of this circle can see its reminders and meetings, and yours is not a member.");
    }
  });
});

describe("invitation codes (pure)", () => {
  it("are made of 160 random bits, in groups of four that survive retyping", () => {
    const code = invitationCodeFrom(new Uint8Array(INVITATION_CODE_BYTES).fill(0xa5));
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(INVITATION_CODE_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(canonicalInvitationCode(code.toLowerCase().replace(/-/g, " "))).toBe(code);
    expect(() => invitationCodeFrom(new Uint8Array(10))).toThrow(RangeError);
  });

  it("read O as 0 and I or L as 1, and refuse anything that cannot be a code", () => {
    const code = invitationCodeFrom(new Uint8Array(INVITATION_CODE_BYTES));
    expect(code).toBe("0000-0000-0000-0000-0000-0000-0000-0000");
    expect(canonicalInvitationCode("oooo-OOOO-0000-0000-0000-0000-0000-0000")).toBe(code);
    expect(canonicalInvitationCode("1111-IIII-llll-1111-1111-1111-1111-1111")).toBe("1111-1111-1111-1111-1111-1111-1111-1111");
    for (const wrong of ["", "join", "0000-0000", "UUUU-0000-0000-0000-0000-0000-0000-0000", "0".repeat(33), "<script>"]) expect(canonicalInvitationCode(wrong)).toBeUndefined();
  });

  it("expire 14 days after they are made", () => {
    expect(INVITATION_LIFETIME_DAYS).toBe(14);
    expect(invitationExpiry(NOW).toISOString()).toBe("2026-12-15T10:00:00.000Z");
    expect(invitationState(pending, new Date("2026-12-15T09:59:59Z"))).toBe("pending");
    expect(invitationState(pending, new Date("2026-12-15T10:00:00Z"))).toBe("expired");
  });

  it("can be redeemed only once, only before they expire, and never by the inviting company or a member", () => {
    const members = new Set(["tenant-contoso", "tenant-northwind"]);
    expect(() => assertRedeemable(pending, "tenant-fabrikam", members, NOW)).not.toThrow();
    expect(refused(() => assertRedeemable({ ...pending, status: "used" }, "tenant-fabrikam", members, NOW)).code).toBe("invitation-used");
    expect(refused(() => assertRedeemable({ ...pending, status: "revoked" }, "tenant-fabrikam", members, NOW)).code).toBe("invitation-revoked");
    expect(refused(() => assertRedeemable(pending, "tenant-fabrikam", members, new Date("2026-12-16T00:00:00Z"))).message).toContain("expired on 15 December 2026");
    expect(refused(() => assertRedeemable(pending, "tenant-contoso", members, NOW)).code).toBe("own-invitation");
    expect(refused(() => assertRedeemable(pending, "tenant-northwind", members, NOW)).code).toBe("already-member");
  });
});
