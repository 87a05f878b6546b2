import { describe, expect, it } from "vitest";
import { accept, assertMayAccess, circleNameOf, CircleRuleError, decline, founderOf, invite, leave, type Membership } from "../../core/circles/index.js";

const contoso: Membership = { companyId: "contoso", companyName: "Contoso", status: "member" };
const fabrikam = { companyId: "fabrikam", companyName: "Fabrikam" };

function refused(action: () => unknown): CircleRuleError {
  try {
    action();
  } catch (error) {
    if (error instanceof CircleRuleError) return error;
    throw error;
  }
  throw new Error("expected the rule to refuse");
}

describe("circle membership rules (pure)", () => {
  it("makes the creator's company the first member", () => {
    expect(founderOf({ companyId: "contoso", companyName: "Contoso" })).toEqual(contoso);
  });

  it("needs a name, and keeps it short", () => {
    expect(circleNameOf("  Golden\u0000  Circle ")).toBe("Golden Circle");
    expect(refused(() => circleNameOf("   ")).message).toContain('"Golden Circle"');
    expect(refused(() => circleNameOf("x".repeat(61))).code).toBe("invalid-name");
  });

  it("lets only members invite, and not a company already invited or a member", () => {
    expect(invite([contoso], "contoso", fabrikam)).toEqual({ ...fabrikam, status: "invited" });
    expect(refused(() => invite([contoso], "northwind", fabrikam)).code).toBe("not-a-member");
    expect(refused(() => invite([contoso, { ...fabrikam, status: "invited" }], "contoso", fabrikam)).code).toBe("already-invited");
    expect(refused(() => invite([contoso, { ...fabrikam, status: "member" }], "contoso", fabrikam)).code).toBe("already-member");
    expect(refused(() => invite([contoso], "contoso", { companyId: "contoso", companyName: "Contoso" })).code).toBe("cannot-invite-self");
  });

  it("lets a company that left be invited again", () => {
    expect(invite([contoso, { ...fabrikam, status: "left" }], "contoso", fabrikam).status).toBe("invited");
  });

  it("makes a company a member only when it accepts its own invitation: both sides opt in", () => {
    const invited: Membership[] = [contoso, { ...fabrikam, status: "invited" }];
    expect(accept(invited, "fabrikam").status).toBe("member");
    expect(refused(() => accept(invited, "northwind")).code).toBe("not-invited");
    expect(refused(() => accept([{ ...contoso, status: "left" }, { ...fabrikam, status: "invited" }], "fabrikam")).code).toBe("circle-empty");
    expect(decline(invited, "fabrikam").status).toBe("left");
  });

  it("lets only a member leave", () => {
    expect(leave([contoso], "contoso").status).toBe("left");
    expect(refused(() => leave([contoso, { ...fabrikam, status: "invited" }], "fabrikam")).code).toBe("not-a-member");
  });

  it("keeps invited and former members out of changing the circle or seeing its reminders", () => {
    const circle: Membership[] = [contoso, { ...fabrikam, status: "invited" }, { companyId: "northwind", companyName: "Northwind", status: "left" }];
    expect(() => assertMayAccess(circle, "contoso", "change")).not.toThrow();
    for (const outsider of ["fabrikam", "northwind", "tailspin"]) {
      expect(refused(() => assertMayAccess(circle, outsider, "see-reminders")).message).toBe("Only member companies of this circle can see its reminders and meetings, and yours is not a member.");
    }
  });
});
