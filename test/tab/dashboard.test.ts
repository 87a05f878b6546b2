import { describe, expect, it } from "vitest";
import { tenantOf } from "./support/circle-fixtures.js";
import type { Answers, AreaId } from "../../core/model/index.js";
import { scoreCircle } from "../../core/scoring/index.js";
import { buildDashboard, MIN_RATING_COMPANIES } from "../../tab/api/dashboard.js";
import type { DashboardView } from "../../tab/shared/dashboard-types.js";
import { action, assessment, invitationFor, meeting, memberOf, snapshotOf } from "./support/circle-fixtures.js";

const NOW = new Date("2026-08-14T10:00:00.000Z");
const NINE_AREAS: readonly AreaId[] = ["joint-business-planning", "pipeline", "agreement", "leads", "sales-compensation", "market-messaging", "geography", "resource-utilization", "customer-relationship"];

function allAt(stage: "basic" | "reactive" | "proactive" | "dynamic", overrides: Answers = {}): Answers {
  return { ...Object.fromEntries(NINE_AREAS.map((area) => [area, stage])), ...overrides };
}

function dashboardFor(viewer: string, parts: Parameters<typeof snapshotOf>[0]): DashboardView {
  return buildDashboard({ snapshot: snapshotOf(parts), viewerCompanyId: tenantOf(viewer), now: NOW }).view;
}

const ALPHA = memberOf("Alpha");
const BRAVO = memberOf("Bravo");
const CHARLIE = memberOf("Charlie");
const DELTA = memberOf("Delta");

describe("the heatmap and the circle's figures", () => {
  const selfAssessments = [
    assessment("2026-Q1", "Alpha", "Alpha", allAt("basic")),
    assessment("2026-Q2", "Alpha", "Alpha", allAt("reactive", { pipeline: "dynamic" })),
    assessment("2026-Q1", "Bravo", "Bravo", allAt("proactive", { "readiness-certifications": "proactive" }), true),
  ];
  const view = dashboardFor("Alpha", { members: [BRAVO, ALPHA, CHARLIE], assessments: selfAssessments });

  it("lists member companies by name, each with its latest self-assessment in all 10 areas", () => {
    expect(view.members.map((m) => m.companyName)).toEqual(["Alpha", "Bravo", "Charlie"]);
    const alpha = view.members[0];
    expect(alpha?.latest?.cycle).toBe("2026-Q2");
    expect(alpha?.latest?.cells).toHaveLength(10);
    expect(alpha?.latest?.cells.find((cell) => cell.area === "pipeline")).toEqual({ area: "pipeline", answer: "dynamic", level: 4 });
    expect(alpha?.latest?.cells.find((cell) => cell.area === "readiness-certifications")).toEqual({ area: "readiness-certifications", answer: "not-applicable", level: null });
  });

  it("keeps a company that skipped the latest cycle at its last self-assessment, and shows a company that never assessed without figures", () => {
    expect(view.members[1]?.latest?.cycle).toBe("2026-Q1");
    expect(view.members[2]?.latest).toBeNull();
    expect(view.cycles).toEqual(["2026-Q1", "2026-Q2"]);
  });

  it("takes the circle's figures from core/scoring over each member's latest self-assessment", () => {
    const expected = scoreCircle([
      { companyId: "alpha", answers: allAt("reactive", { pipeline: "dynamic" }), formalVendorProgram: false },
      { companyId: "bravo", answers: allAt("proactive", { "readiness-certifications": "proactive" }), formalVendorProgram: true },
    ]);
    expect(view.circleScore).toEqual({ memberCount: 3, assessedCount: 2, overall: expected.overall, areas: expected.areas });
    expect(view.weakest).toEqual(expected.weakest);
  });

  it("shows the trend with each cycle counting every member's latest self-assessment up to then", () => {
    // Q1: nine areas at median 2 (Basic and Proactive), Readiness only Bravo's 3 → 2.1. Q2: Alpha moved up, Bravo still counts.
    expect(view.trend.points.map((point) => [point.cycle, point.assessedCount, point.assessedThisCycle, point.overall?.score])).toEqual([
      ["2026-Q1", 2, 2, 2.1],
      ["2026-Q2", 2, 1, 2.65],
    ]);
    expect(view.trend.change).toMatchObject({ from: "2026-Q1", to: "2026-Q2", improved: NINE_AREAS });
  });

  it("tells the viewer who answered their own company's assessment, and nobody else's", () => {
    expect(view.members[0]?.latest?.answeredBy).toEqual(["Alpha person"]);
    expect(view.members[1]?.latest?.answeredBy).toBeUndefined();
  });
});

describe("a company's assessment is its people's assessment", () => {
  it("combines two colleagues' answers per area (median, floored), says how many answered and where they differ", () => {
    const view = dashboardFor("Alpha", {
      members: [ALPHA, BRAVO],
      assessments: [
        assessment("2026-Q3", "Alpha", "Alpha", allAt("basic", { pipeline: "proactive" }), false, "Ann"),
        assessment("2026-Q3", "Alpha", "Alpha", allAt("proactive", { pipeline: "proactive" }), false, "Ali"),
        assessment("2026-Q3", "Bravo", "Bravo", allAt("dynamic")),
      ],
    });
    const alpha = view.members.find((member) => member.companyName === "Alpha")?.latest;
    expect(alpha?.peopleAnswered).toBe(2);
    expect([...(alpha?.answeredBy ?? [])].sort()).toEqual(["Ali", "Ann"]);
    expect(alpha?.cells.find((cell) => cell.area === "leads")?.answer).toBe("reactive");
    expect(alpha?.cells.find((cell) => cell.area === "pipeline")?.answer).toBe("proactive");
    expect(alpha?.disagreements).not.toContain("pipeline");
    expect(alpha?.disagreements).toContain("leads");
    const bravo = view.members.find((member) => member.companyName === "Bravo")?.latest;
    expect(bravo?.peopleAnswered).toBe(1);
    expect(bravo?.answeredBy).toBeUndefined();
  });

  it("counts each colleague's latest answers in the company's latest cycle only", () => {
    const view = dashboardFor("Alpha", {
      members: [ALPHA],
      assessments: [assessment("2026-Q2", "Alpha", "Alpha", allAt("dynamic"), false, "Ann"), assessment("2026-Q3", "Alpha", "Alpha", allAt("basic"), false, "Ali")],
    });
    expect(view.members[0]?.latest).toMatchObject({ cycle: "2026-Q3", peopleAnswered: 1 });
    expect(view.members[0]?.latest?.overall?.stage).toBe("basic");
  });

  it("shows a member that joined under another name as the organisation named itself, with the name it was invited as", () => {
    const renamed = { ...memberOf("Bravo Cloud"), invitedAs: "Bravo" };
    const view = dashboardFor("Alpha", { members: [ALPHA, renamed] });
    expect(view.members.find((member) => member.companyName === "Bravo Cloud")?.invitedAs).toBe("Bravo");
    expect(view.members.find((member) => member.companyName === "Alpha")?.invitedAs).toBeNull();
  });
});

describe("current vs target", () => {
  it("reaches the target when more than half of the circle's areas have a Proactive median", () => {
    const reached = dashboardFor("Alpha", { members: [ALPHA], assessments: [assessment("2026-Q3", "Alpha", "Alpha", allAt("reactive", { pipeline: "proactive", agreement: "proactive", leads: "proactive", geography: "dynamic", "market-messaging": "proactive" }))] });
    expect(reached.target).toMatchObject({ targetStage: "proactive", areasAtTarget: 5, circleReachesTarget: true, membersAtTarget: 1, membersAssessed: 1 });
    const missed = dashboardFor("Alpha", { members: [ALPHA], assessments: [assessment("2026-Q3", "Alpha", "Alpha", allAt("reactive", { pipeline: "proactive", agreement: "proactive", leads: "proactive", geography: "dynamic" }))] });
    expect(missed.target).toMatchObject({ areasAtTarget: 4, circleReachesTarget: false });
  });
});

describe("confidential partner ratings", () => {
  const members = [ALPHA, BRAVO, CHARLIE, DELTA];
  const selfs = members.map((m) => assessment("2026-Q3", m.company.companyName, m.company.companyName, allAt("proactive")));
  const aboutAlpha = [
    assessment("2026-Q3", "Bravo", "Alpha", allAt("basic", { pipeline: "reactive" })),
    assessment("2026-Q3", "Charlie", "Alpha", allAt("reactive", { pipeline: undefined })),
  ];

  it(`shows what partners say about a company only as an aggregate of at least ${MIN_RATING_COMPANIES} rating companies`, () => {
    const alphaView = dashboardFor("Alpha", { members, assessments: [...selfs, ...aboutAlpha] });
    const alphaFriendliness = alphaView.partnerFriendliness.find((entry) => entry.companyName === "Alpha");
    expect(alphaFriendliness).toMatchObject({ status: "rated", raters: 2 });
    const deltaView = dashboardFor("Delta", { members, assessments: [...selfs, ...aboutAlpha] });
    expect(deltaView.partnerFriendliness.find((entry) => entry.companyName === "Alpha")?.status).toBe("rated");
    const single = dashboardFor("Alpha", { members, assessments: [...selfs, aboutAlpha[0]!] });
    expect(single.partnerFriendliness.find((entry) => entry.companyName === "Alpha")).toEqual({ companyId: "tenant-alpha", companyName: "Alpha", status: "too-few-raters", minimumRaters: 2 });
    expect(single.selfVsPartners.find((entry) => entry.companyName === "Alpha")?.status).toBe("too-few-raters");
  });

  it("does not show a rating company an aggregate from which it could work out the other rater's answers", () => {
    const bravoView = dashboardFor("Bravo", { members, assessments: [...selfs, ...aboutAlpha] });
    expect(bravoView.partnerFriendliness.find((entry) => entry.companyName === "Alpha")?.status).toBe("too-few-raters");
    expect(bravoView.selfVsPartners.find((entry) => entry.companyName === "Alpha")?.status).toBe("too-few-raters");
  });

  it("leaves out the partners' figure for an area only one company rated", () => {
    const alphaView = dashboardFor("Alpha", { members, assessments: [...selfs, ...aboutAlpha] });
    const alpha = alphaView.selfVsPartners.find((entry) => entry.companyName === "Alpha");
    if (alpha?.status !== "rated") throw new Error("Alpha should have an aggregate");
    expect(alpha.areas.find((area) => area.area === "pipeline")).toEqual({ area: "pipeline", self: 3, partners: null, gap: null });
    expect(alpha.areas.find((area) => area.area === "leads")).toEqual({ area: "leads", self: 3, partners: 1.5, gap: 1.5 });
  });

  it("never says who rated what, except to the rater about its own ratings", () => {
    const bravoView = dashboardFor("Bravo", { members, assessments: [...selfs, ...aboutAlpha] });
    expect(bravoView.myRatings).toEqual([{ subject: { companyId: "tenant-alpha", companyName: "Alpha" }, cycle: "2026-Q3", cells: expect.any(Array) }]);
    expect(bravoView.myRatings[0]?.cells.find((cell) => cell.area === "pipeline")?.answer).toBe("reactive");
    const alphaView = dashboardFor("Alpha", { members, assessments: [...selfs, ...aboutAlpha] });
    expect(alphaView.myRatings).toEqual([]);
    const text = JSON.stringify(alphaView);
    expect(text).not.toMatch(/Bravo person|Charlie person|"rater"/);
  });

  it("counts only the latest rating each company gave", () => {
    const older = assessment("2026-Q2", "Bravo", "Alpha", allAt("dynamic"));
    const view = dashboardFor("Delta", { members, assessments: [...selfs, older, ...aboutAlpha] });
    expect(view.partnerFriendliness.find((entry) => entry.companyName === "Alpha")).toMatchObject({ status: "rated", raters: 2 });
  });
});

describe("who counts", () => {
  it("leaves out companies that left or were removed, and lists pending invitations apart", () => {
    const view = dashboardFor("Alpha", {
      members: [ALPHA, memberOf("Gone", "left"), memberOf("Out", "removed")],
      assessments: [assessment("2026-Q3", "Alpha", "Alpha", allAt("reactive")), assessment("2026-Q3", "Gone", "Gone", allAt("dynamic")), assessment("2026-Q3", "Out", "Out", allAt("dynamic"))],
      invitations: [invitationFor("Maybe", "2026-11-20T00:00:00.000Z"), invitationFor("Too Late", "2026-08-01T00:00:00.000Z")],
    });
    expect(view.members.map((m) => m.companyName)).toEqual(["Alpha"]);
    expect(view.invitations).toEqual([{ invitationId: "invitation-Maybe", invitedAs: "Maybe", invitedBy: "Alpha", expiresAt: "2026-11-20T00:00:00.000Z" }]);
    expect(view.circleScore.overall).toEqual({ score: 2, stage: "reactive" });
  });

  it("shows an empty circle without figures when no one has assessed yet", () => {
    const view = dashboardFor("Alpha", { members: [ALPHA, BRAVO] });
    expect(view.circleScore).toEqual({ memberCount: 2, assessedCount: 0, overall: null, areas: [] });
    expect(view.trend).toEqual({ points: [], change: null });
    expect(view.weakest).toEqual([]);
  });

  it("leaves out a stored assessment it cannot score, counts it for the log, and shows the rest", () => {
    const broken = { ...assessment("2026-Q3", "Bravo", "Bravo", {}), answers: { pipeline: "excellent" } as unknown as Answers };
    const outcome = buildDashboard({ snapshot: snapshotOf({ members: [ALPHA, BRAVO], assessments: [assessment("2026-Q3", "Alpha", "Alpha", allAt("reactive")), broken] }), viewerCompanyId: tenantOf("Alpha"), now: NOW });
    expect(outcome.unreadableRows).toBe(1);
    expect(outcome.view.circleScore.assessedCount).toBe(1);
  });
});

describe("meetings held vs planned", () => {
  const meetings = [
    meeting("2026-05-10T09:00:00.000Z", "held"),
    meeting("2026-06-10T09:00:00.000Z", "planned"),
    meeting("2026-07-10T09:00:00.000Z", "cancelled"),
    meeting("2026-08-10T09:00:00.000Z", "held"),
    meeting("2026-09-10T09:00:00.000Z", "planned", "Next one"),
    { title: "no date" },
  ];
  const outcome = buildDashboard({ snapshot: snapshotOf({ members: [ALPHA], meetings }), viewerCompanyId: "alpha", now: NOW });
  const view = outcome.view.meetings;

  it("counts only meetings whose time has come, and skipped ones apart, as the reminder cards do", () => {
    expect({ plannedSoFar: view.plannedSoFar, held: view.held, skipped: view.skipped }).toEqual({ plannedSoFar: 3, held: 2, skipped: 1 });
    expect(view.byCycle).toEqual([
      { cycle: "2026-Q2", planned: 2, held: 1 },
      { cycle: "2026-Q3", planned: 1, held: 1 },
    ]);
  });

  it("lists what is coming and what happened lately, newest first", () => {
    expect(view.upcoming.map((m) => m.title)).toEqual(["Next one"]);
    expect(view.recent.map((m) => [m.plannedFor.slice(0, 7), m.status])).toEqual([
      ["2026-08", "held"],
      ["2026-06", "planned"],
      ["2026-05", "held"],
    ]);
  });

  it("skips a meeting row it cannot read and counts it", () => {
    expect(outcome.unreadableRows).toBe(1);
  });
});

describe("agreed actions", () => {
  it("shows open actions first, soonest due first, with owner and area", () => {
    const view = dashboardFor("Alpha", {
      members: [ALPHA],
      actions: [action("Done one", "done", "2026-07-01"), action("Later", "open", "2026-10-01"), action("Sooner", "open", "2026-09-01", "Bravo")],
    });
    expect(view.actions).toEqual([
      { actionId: "Sooner", title: "Sooner", status: "open", owner: "Bravo", area: "pipeline", dueBy: "2026-09-01" },
      { actionId: "Later", title: "Later", status: "open", owner: "Alpha", area: "pipeline", dueBy: "2026-10-01" },
      { actionId: "Done one", title: "Done one", status: "done", owner: "Alpha", area: "pipeline", dueBy: "2026-07-01" },
    ]);
  });
});
