import { describe, expect, it } from "vitest";
import {
  evidenceText,
  personEvidenceText,
  addWorkingDays,
  commitmentOf,
  daysToConnect,
  giveAndTakeMatrix,
  mayMove,
  median,
  periodOf,
  practiceOf,
  practiceSignals,
  practiceText,
  type LeadFacts,
} from "../../core/leads/index.js";
import {
  COMMITMENTS_MIN_DUE,
  COMMITMENTS_MIN_KEPT_SHARE,
  DEFAULT_CONNECT_WORKING_DAYS,
  GIVERS_GAIN_MIN_GIVEN,
  TAKES_MIN_RECEIVED,
  partnerFriendlinessVerdict,
  TRUST_AREAS,
} from "../../core/scoring/index.js";
import { everyAreaAt } from "./fixtures.js";

const now = new Date("2026-12-02T10:00:00Z");
const period = periodOf("two-quarters", now);

function lead(giver: string, receiver: string, fields: Partial<LeadFacts> = {}): LeadFacts {
  return { giver: { companyId: giver }, receiver: { companyId: receiver }, status: "shared", sharedAt: "2026-11-02T09:00:00.000Z", connectBy: "2026-11-09", ...fields };
}

function practice(given: number, received: number, due = 0, kept = 0) {
  return { given, received, commitmentsDue: due, commitmentsKept: kept };
}

describe("the connect-by date", () => {
  it("is five working days after the day the lead is shared, skipping the weekend", () => {
    expect(DEFAULT_CONNECT_WORKING_DAYS).toBe(5);
    expect(addWorkingDays("2026-12-02", 5)).toBe("2026-12-09"); // Wednesday → next Wednesday
    expect(addWorkingDays("2026-12-04", 5)).toBe("2026-12-11"); // Friday → next Friday
    expect(addWorkingDays("2026-12-05", 1)).toBe("2026-12-07"); // Saturday → Monday
  });
});

describe("a lead's life cycle", () => {
  it("goes shared → accepted or declined → connected → won, lost or no deal, and never back", () => {
    expect(mayMove("shared", "accepted")).toBe(true);
    expect(mayMove("shared", "declined")).toBe(true);
    expect(mayMove("accepted", "connected")).toBe(true);
    expect(mayMove("connected", "won")).toBe(true);
    expect(mayMove("connected", "no-deal")).toBe(true);
    expect(mayMove("shared", "connected")).toBe(false);
    expect(mayMove("accepted", "accepted")).toBe(false);
    expect(mayMove("won", "lost")).toBe(false);
    expect(mayMove("declined", "accepted")).toBe(false);
  });

  it("keeps the commitment when connected on the connect-by day, misses it a day later", () => {
    expect(commitmentOf(lead("a", "b", { status: "connected", connectedAt: "2026-11-09T23:59:00.000Z" }), "2026-12-01")).toBe("kept");
    expect(commitmentOf(lead("a", "b", { status: "connected", connectedAt: "2026-11-10T00:00:00.000Z" }), "2026-12-01")).toBe("missed");
  });

  it("leaves the commitment open through the connect-by day and misses it the day after without a connection", () => {
    expect(commitmentOf(lead("a", "b", { status: "accepted" }), "2026-11-09")).toBe("open");
    expect(commitmentOf(lead("a", "b", { status: "accepted" }), "2026-11-10")).toBe("missed");
    expect(commitmentOf(lead("a", "b", { status: "declined" }), "2026-11-10")).toBe("none");
  });

  it("counts days to connect from sharing", () => {
    expect(daysToConnect(lead("a", "b", { connectedAt: "2026-11-04T21:00:00.000Z" }))).toBe(2.5);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe("practice in a period", () => {
  it("counts only leads shared in the last two quarters", () => {
    expect(period.from).toBe("2026-07-01T00:00:00.000Z");
    const leads = [lead("a", "b"), lead("a", "b", { sharedAt: "2026-06-30T23:59:59.000Z" })];
    expect(practiceOf("a", leads, period, now).given).toBe(1);
    expect(practiceOf("a", leads, periodOf("all", now), now).given).toBe(2);
  });

  it("adds won value both ways per currency, and the share of commitments kept", () => {
    const leads = [
      lead("a", "b", { status: "won", connectedAt: "2026-11-03T09:00:00.000Z", wonValue: { amount: 40_000, currency: "EUR" } }),
      lead("a", "b", { status: "won", connectedAt: "2026-11-12T09:00:00.000Z", wonValue: { amount: 10_000, currency: "EUR" } }),
      lead("b", "a", { status: "accepted" }),
    ];
    const b = practiceOf("b", leads, period, now);
    expect(b).toMatchObject({ given: 1, received: 2, wonReceived: [{ amount: 50_000, currency: "EUR" }], commitmentsDue: 2, commitmentsKept: 1, medianDaysToConnect: 5.5 });
    expect(practiceOf("a", leads, period, now).wonGiven).toEqual([{ amount: 50_000, currency: "EUR" }]);
    expect(giveAndTakeMatrix(["a", "b"], leads, period)).toEqual([[0, 2], [1, 0]]);
  });

  it("is said in one sentence", () => {
    expect(practiceText({ ...practiceOf("x", [], period, now), received: 6, commitmentsDue: 6, commitmentsKept: 2 }, period)).toBe("in the last two quarters gave 0 and received 6 leads, kept 2 of 6 commitments to connect");
  });

  it("stands next to what the company says on the dashboard, and next to what one person answered on their summary", () => {
    const practice = { ...practiceOf("x", [], period, now), received: 6, commitmentsDue: 6, commitmentsKept: 2 };
    expect(evidenceText("leads", "Proactive", practice, period)).toBe("rates itself Proactive on Leads; in the last two quarters gave 0 and received 6 leads, kept 2 of 6 commitments to connect");
    expect(personEvidenceText("leads", "Proactive", "Contoso", practice, period)).toBe("You answered Proactive on Leads; Contoso in the last two quarters gave 0 and received 6 leads, kept 2 of 6 commitments to connect");
    expect(personEvidenceText("pipeline", undefined, "Contoso", practice, period)).toMatch(/^You did not rate Pipeline; Contoso in the last two quarters gave 0 and received 6 leads, partners won/);
  });
});

describe("takes and never gives", () => {
  it(`starts at ${TAKES_MIN_RECEIVED} leads received with none given`, () => {
    expect(practiceSignals(practice(0, TAKES_MIN_RECEIVED))).toContain("takes-never-gives");
    expect(practiceSignals(practice(0, TAKES_MIN_RECEIVED - 1))).not.toContain("takes-never-gives");
    expect(practiceSignals(practice(1, TAKES_MIN_RECEIVED + 5))).not.toContain("takes-never-gives");
  });
});

describe("commitments to connect not kept", () => {
  it(`needs ${COMMITMENTS_MIN_DUE} commitments due and fewer than ${COMMITMENTS_MIN_KEPT_SHARE * 100}% kept`, () => {
    expect(practiceSignals(practice(1, 3, 3, 1))).toContain("commitments-missed");
    expect(practiceSignals(practice(1, 2, 2, 0))).not.toContain("commitments-missed");
    expect(practiceSignals(practice(1, 6, 6, 3))).not.toContain("commitments-missed");
    expect(practiceSignals(practice(1, 6, 6, 2))).toContain("commitments-missed");
  });
});

describe("givers gain", () => {
  it(`needs ${GIVERS_GAIN_MIN_GIVEN} leads given and at least as many given as received`, () => {
    expect(practiceSignals(practice(GIVERS_GAIN_MIN_GIVEN, GIVERS_GAIN_MIN_GIVEN))).toContain("givers-gain");
    expect(practiceSignals(practice(GIVERS_GAIN_MIN_GIVEN - 1, 0))).not.toContain("givers-gain");
    expect(practiceSignals(practice(GIVERS_GAIN_MIN_GIVEN, GIVERS_GAIN_MIN_GIVEN + 1))).not.toContain("givers-gain");
  });
});

describe("the partner verdict with practice", () => {
  const friendly = { ...everyAreaAt("reactive"), ...everyAreaAt("proactive", TRUST_AREAS) };
  const evidence = (given: number, received: number) => ({ practice: { ...practiceOf("x", [], period, now), given, received }, period });

  it("is no longer partner-friendly when the company takes and never gives, and says why in the seed's words", () => {
    const verdict = partnerFriendlinessVerdict(friendly, { formalVendorProgram: false }, evidence(0, 3));
    expect(verdict.verdict).toBe("getting-there");
    expect(verdict.reasons[1]).toBe('In practice it takes and never gives: in the last two quarters gave 0 and received 3 leads. The seed: "bad partnering is when someone takes and never gives".');
  });

  it("stays partner-friendly one lead below the rule", () => {
    expect(partnerFriendlinessVerdict(friendly, { formalVendorProgram: false }, evidence(0, 2)).verdict).toBe("partner-friendly");
    expect(partnerFriendlinessVerdict(friendly, { formalVendorProgram: false }).verdict).toBe("partner-friendly");
  });
});
