import { describe, expect, it } from "vitest";
import { AREAS, NOT_APPLICABLE, type Answers, type AreaId } from "../../core/model/index.js";
import type { DraftRecord } from "../../storage/index.js";
import { areaCard } from "../../bot/cards/area.js";
import { companyCard } from "../../bot/cards/company.js";
import type { AdaptiveCard } from "../../bot/cards/elements.js";
import { helpCard, partnerChoiceCard } from "../../bot/cards/help.js";
import { circleChoiceCard, circlesCard, gapCircleChoiceCard, invitationCard, inviteFormCard, removalCard, type CircleView } from "../../bot/cards/circles.js";
import type { Rhythm } from "../../core/schedule/types.js";
import { BOT_COMMANDS } from "../../bot/commands.js";
import type { ActionRecord, CircleRecord, InvitationRecord, MemberRecord } from "../../storage/index.js";
import { savedCard } from "../../bot/cards/notices.js";
import { partnerVerdictCard, summaryCard, type FinishedAssessment } from "../../bot/cards/summary.js";
import { welcomeCard } from "../../bot/cards/welcome.js";
import { adaptiveCardProblems } from "../support/adaptive-cards.js";
import { cardText, choicesOf, type CardJson } from "./support/teams.js";

const fabrikam = { companyId: "tenant-fabrikam", companyName: "Fabrikam" };
const contoso = { companyId: "tenant-contoso", companyName: "Contoso" };
const golden: CircleRecord = { circleId: "golden", name: "Golden Circle", createdAt: "2026-11-01T00:00:00.000Z", createdBy: { tenantId: "tenant-fabrikam", userId: "aad-ada" }, createdByCompany: fabrikam };
const members: MemberRecord[] = [
  { circleId: "golden", company: fabrikam, status: "member", people: [], joinedAt: "2026-11-01T00:00:00.000Z" },
  { circleId: "golden", company: { companyId: "tenant-contoso", companyName: "Contoso Ltd" }, status: "member", people: [], joinedAt: "2026-11-02T00:00:00.000Z", invitedAs: "Contoso", invitedBy: fabrikam },
];
const pendingInvitation: InvitationRecord = { invitationId: "i-1", circleId: "golden", codeDigest: "d", invitedAs: "Northwind", invitedBy: fabrikam, invitedByPerson: { tenantId: "tenant-fabrikam", userId: "aad-ada" }, status: "pending", createdAt: "2026-11-01T00:00:00.000Z", expiresAt: "2026-11-15T00:00:00.000Z" };
const run = { for: "aad-ada", run: "run-1", kind: "self" as const };
const openAction = (n: number): ActionRecord => ({ actionId: `a-${n}`, circleId: "golden", area: "leads", title: `Agree how leads are passed (${n})`, owner: contoso, dueBy: "2026-10-30", status: "open", source: "command", createdAt: "2026-10-01T00:00:00.000Z", createdBy: fabrikam });
const monthly: Rhythm = { kind: "joint-planning", cadence: "monthly", day: { kind: "nth-weekday", nth: 1, weekday: "tuesday" }, time: "09:00", timeZone: "Europe/Stockholm", paused: false };

function circleView(overrides: Partial<CircleView> = {}): CircleView {
  return { circle: golden, members, pendingInvitations: [pendingInvitation], openActions: [], rhythms: [], today: "2026-11-01", ...overrides };
}

function draft(overrides: Partial<DraftRecord> = {}): DraftRecord {
  return {
    runId: "run-1",
    kind: "self",
    person: { tenantId: "t", userId: "aad-ada", name: "Ada" },
    rater: fabrikam,
    subject: fabrikam,
    formalVendorProgram: true,
    answers: {},
    status: "in-progress",
    startedAt: "2026-11-02T09:00:00.000Z",
    updatedAt: "2026-11-02T09:00:00.000Z",
    ...overrides,
  };
}

function allAt(stage: "basic" | "reactive" | "proactive" | "dynamic"): Answers {
  return Object.fromEntries(AREAS.map((area) => [area.id, stage])) as Answers;
}

const mixed: Answers = { ...allAt("proactive"), pipeline: "basic", leads: "basic", agreement: "reactive", "readiness-certifications": NOT_APPLICABLE };
const finished = (answers: Answers, kind: "self" | "partner" = "self"): FinishedAssessment => ({
  kind,
  rater: fabrikam,
  subject: kind === "self" ? fabrikam : contoso,
  formalVendorProgram: true,
  answers,
  cycle: "2026-Q4",
});

/** Every card the bot can send, in each of its variants. */
const EVERY_CARD: readonly [string, AdaptiveCard][] = [
  ["welcome (personal chat)", welcomeCard("personal")],
  ["welcome (group chat)", welcomeCard("groupChat")],
  ["help", helpCard()],
  ["help after text it did not understand", helpCard({ notice: "Sorry, I didn't understand that." })],
  ["which partner to rate", partnerChoiceCard([contoso])],
  ["which partner to rate, no circles yet", partnerChoiceCard([])],
  ["company (first of the organisation: names it)", companyCard({ for: "aad-ada", draft: { kind: "self" } })],
  ["company (named)", companyCard({ for: "aad-ada", draft: { kind: "self" }, company: fabrikam, vendorProgram: true, previousRun: "run-0", notice: "You finished one." })],
  ["company (start over)", companyCard({ for: "aad-ada", draft: { kind: "self" }, company: fabrikam, previousRun: "run-1", restart: true, notice: "Starting over clears 3 answers." })],
  ["company (partner in a circle)", companyCard({ for: "aad-ada", draft: { kind: "partner", subject: "tenant-contoso" }, subject: contoso, company: fabrikam })],
  ["company (partner outside the circles)", companyCard({ for: "aad-ada", draft: { kind: "partner", subject: "named:wide world" }, subject: { companyId: "named:wide world", companyName: "Wide World" }, subjectOutsideCircles: true, company: fabrikam })],
  ["circles", circlesCard(fabrikam, [circleView()], { notice: "Revoked." })],
  ["circles, none yet", circlesCard(fabrikam, [])],
  ["circles, two of them", circlesCard(fabrikam, [circleView(), circleView({ circle: { ...golden, circleId: "nw", name: "Northwest Alliance" }, pendingInvitations: [] })])],
  ["circles with open actions and rhythms, in a channel", circlesCard(fabrikam, [circleView({ openActions: [1, 2, 3, 4].map(openAction), rhythms: [{ rhythm: monthly, next: new Date("2026-11-03T08:00:00Z") }, { rhythm: { ...monthly, kind: "executive", paused: true }, next: undefined }] })], { shared: true })],
  ["invite a partner", inviteFormCard(golden)],
  ["invitation code", invitationCard(golden, pendingInvitation, "K7QM-2WXA-0000-0000-0000-0000-0000-0000")],
  ["remove a company?", removalCard(golden, contoso)],
  ["which circle takes the action?", gapCircleChoiceCard([golden, { circleId: "nw", name: "Northwest Alliance" }], ["leads"])],
  ["which circle?", circleChoiceCard("rhythms", [golden, { circleId: "nw", name: "Northwest Alliance" }])],
  ["area 1", areaCard({ draft: draft(), area: "joint-business-planning" })],
  ["area in the middle, answered before", areaCard({ draft: draft({ answers: { "joint-business-planning": "basic", pipeline: "dynamic" } }), area: "pipeline" })],
  ["area 10 (may not apply)", areaCard({ draft: draft({ answers: allAt("basic") }), area: "readiness-certifications" })],
  ["area resumed (start over offered)", areaCard({ draft: draft(), area: "agreement", notice: "Welcome back", offerStartOver: true })],
  ["area being changed from the summary", areaCard({ draft: draft({ status: "completed", answers: allAt("basic"), editing: "leads" }), area: "leads", edit: true })],
  ["area of a partner rating", areaCard({ draft: draft({ kind: "partner", subject: contoso }), area: "leads" })],
  ["saved for later", savedCard({ answered: 3, total: 10, run })],
  ["summary", summaryCard({ assessment: finished(mixed), run, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }] })],
  ["summary shared with two circles", summaryCard({ assessment: finished(mixed), run, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }, { circleId: "golden", name: "Golden Circle" }] })],
  ["summary, every area Dynamic", summaryCard({ assessment: finished(allAt("dynamic")), run, sharedWith: [] })],
  ["summary from results (read only)", summaryCard({ assessment: finished(mixed), notice: "Your latest finished result:" })],
  ["partner verdict: partner-friendly", partnerVerdictCard({ assessment: finished(allAt("proactive"), "partner"), run: { ...run, kind: "partner", subject: "contoso" }, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }] })],
  ["partner verdict: getting there", partnerVerdictCard({ assessment: finished({ ...allAt("reactive"), pipeline: "proactive" }, "partner") })],
  ["partner verdict: not yet", partnerVerdictCard({ assessment: finished(allAt("basic"), "partner"), sharedWith: [] })],
];

describe("every card the bot can send", () => {
  it.each(EVERY_CARD)("%s is a valid Adaptive Card 1.5 for Teams", (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it.each(EVERY_CARD)("%s keeps every button working for clients without Universal Actions", (_name, card) => {
    for (const action of card.actions ?? []) {
      expect(action.type).toBe("Action.Execute");
      const fallback = action.fallback as Record<string, unknown>;
      expect(fallback.type).toBe("Action.Submit");
      expect(fallback.data).toEqual(action.data);
      expect((action.data as { verb: string }).verb).toBe(action.verb);
    }
  });
});

describe("the card checker itself", () => {
  const valid = welcomeCard("personal");

  it("reports a button without a verb, which Teams would drop", () => {
    const broken = { ...valid, actions: [{ type: "Action.Execute", title: "Go", data: {} }] };
    expect(adaptiveCardProblems(broken).join("\n")).toMatch(/has no verb/);
  });

  it("reports an input without an id, an unknown element and a version Teams does not render", () => {
    const broken = { ...valid, version: "1.6", body: [{ type: "Input.Text" }, { type: "Widget.Spinner" }] };
    const problems = adaptiveCardProblems(broken).join("\n");
    expect(problems).toMatch(/has no id/);
    expect(problems).toMatch(/Unknown element type "Widget.Spinner"/);
    expect(problems).toMatch(/Teams renders 1.5/);
  });
});

describe("what the cards say", () => {
  it("lists every command with its argument on the help card, from the command table, and never loses the arguments to Teams' HTML", () => {
    const text = JSON.stringify(helpCard());
    for (const command of BOT_COMMANDS) expect(text).toContain(command.title.replace(/</g, "‹").replace(/>/g, "›"));
    expect(text).not.toMatch(/<[a-z]/);
    expect(text).toContain("invite ‹company› to ‹circle›");
  });

  it("shows the exact text the invited partner types, and who joined under which name", () => {
    expect(cardText(invitationCard(golden, pendingInvitation, "K7QM-2WXA-0000-0000-0000-0000-0000-0000") as unknown as CardJson)).toContain("join K7QM-2WXA-0000-0000-0000-0000-0000-0000");
    const circles = cardText(circlesCard(fabrikam, [circleView()]) as unknown as CardJson);
    expect(circles).toContain("invited as Contoso, joined as Contoso Ltd");
    expect(circles).toContain("Northwind — invited by Fabrikam, valid until 15 November 2026");
  });

  it("shows progress as 'Area n of total' with a bar of answered areas", () => {
    const card = areaCard({ draft: draft({ answers: { "joint-business-planning": "basic", pipeline: "basic" } }), area: "agreement" }) as unknown as CardJson;
    const text = cardText(card);
    expect(text).toContain("Area 3 of 10 · 2 answered");
    expect(text).toContain("▰▰▱▱▱▱▱▱▱▱");
  });

  it("takes the area's name, why and stage sentences from the model", () => {
    const leads = AREAS.find((area) => area.id === "leads");
    const text = cardText(areaCard({ draft: draft(), area: "leads" }) as unknown as CardJson);
    expect(text).toContain(leads?.name);
    expect(text).toContain(leads?.why);
    for (const sentence of Object.values(leads?.stages ?? {})) expect(text).toContain(sentence);
  });

  it("offers 'does not apply' only on areas whose applicability allows it", () => {
    for (const area of AREAS) {
      const choices = choicesOf(areaCard({ draft: draft(), area: area.id as AreaId }) as unknown as CardJson, "stage");
      expect(choices.includes(NOT_APPLICABLE)).toBe(area.applicability !== "all");
    }
  });

  it("lists the three weakest areas with the model's next steps on the summary", () => {
    const text = cardText(summaryCard({ assessment: finished(mixed) }) as unknown as CardJson);
    for (const id of ["pipeline", "leads", "agreement"] as const) {
      const area = AREAS.find((candidate) => candidate.id === id);
      expect(text).toContain(`**${area?.name}**`);
    }
    expect(text).toContain(AREAS.find((area) => area.id === "pipeline")?.nextSteps.basic[0]);
    expect(text).toContain("Proactive in most areas");
  });
});
