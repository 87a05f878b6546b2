import { describe, expect, it } from "vitest";
import { normalizeText, optionalText, sameName, TEXT_RULES, TextRuleError, validText, type TextKind } from "../../core/text.js";

describe("one rule for every name and free text a person types", () => {
  it("removes control, zero-width and bidi characters, collapses spaces and keeps what is left", () => {
    expect(normalizeText("  Fab\u200brikam\u0007\u202e  Ltd\n")).toBe("Fab rikam Ltd");
    expect(normalizeText("Ｆａｂｒｉｋａｍ")).toBe("Fabrikam");
  });

  it.each(Object.keys(TEXT_RULES) as TextKind[])("refuses %s text that is empty after normalisation, and one character over its cap, with a sentence", (kind) => {
    const rule = TEXT_RULES[kind];
    expect(() => validText(kind, "\u200b\u200d\u0001 ")).toThrowError(new TextRuleError(kind, rule.empty));
    expect(validText(kind, "x".repeat(rule.max))).toHaveLength(rule.max);
    expect(() => validText(kind, "x".repeat(rule.max + 1))).toThrowError(`to ${rule.max} characters or fewer.`);
  });

  it("counts characters, not UTF-16 units, so a name of emoji is not cut short", () => {
    expect(validText("company", "🤝".repeat(100))).toBe("🤝".repeat(100));
  });

  it("treats an optional field of only invisible characters as left empty", () => {
    expect(optionalText("contact", "\u200b ")).toBeUndefined();
    expect(optionalText("contact", undefined)).toBeUndefined();
  });

  it("compares names without regard to case, spacing or invisible characters, so no look-alike second circle can be made", () => {
    expect(sameName("golden\u200b circle", "Golden Circle")).toBe(true);
    expect(sameName(" golden  circle", "Golden Circle")).toBe(true);
    expect(sameName("Golden Circles", "Golden Circle")).toBe(false);
  });
});
