import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveAndTakeMatrix, PERIOD_IDS, periodOf, practiceOf } from "../../core/leads/index.js";
import { partnerFriendlinessVerdict } from "../../core/scoring/index.js";
import { DEFAULT_LOCAL_USER, SECOND_LOCAL_USER } from "../../platform/local-users.js";
import type { DashboardView } from "../../tab/shared/dashboard-types.js";
import { DEMO_NOW, startDemoServer, type DemoServer } from "./support/demo-server.js";

/** The dashboard API's give-and-take section and its CSV, on seed-demo's Northwest Alliance, over HTTP. */
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer();
});

afterAll(async () => {
  await demo?.server.close();
});

function as(user: { tenantId: string; aadObjectId: string }): Record<string, string> {
  return { "x-dev-user": `${user.tenantId}/${user.aadObjectId}` };
}

async function dashboardOf(user: { tenantId: string; aadObjectId: string }): Promise<DashboardView> {
  const response = await fetch(`${demo.server.url}/api/circles/${demo.demo.circle.circleId}/dashboard`, { headers: as(user) });
  expect(response.status).toBe(200);
  return (await response.json()) as DashboardView;
}

describe("the give-and-take section of the dashboard", () => {
  it("gives every period's matrix and balance exactly as core/leads computes them from the stored leads", async () => {
    const view = await dashboardOf(DEFAULT_LOCAL_USER);
    expect(view.giveAndTake.defaultPeriod).toBe("two-quarters");
    expect(view.giveAndTake.periods.map((period) => period.id)).toEqual([...PERIOD_IDS]);
    for (const shown of view.giveAndTake.periods) {
      const period = periodOf(shown.id, DEMO_NOW);
      const ids = shown.companies.map((company) => company.companyId);
      expect(shown.matrix).toEqual(giveAndTakeMatrix(ids, demo.demo.leads, period));
      for (const company of shown.practice) {
        const expected = practiceOf(company.companyId, demo.demo.leads, period, DEMO_NOW);
        expect(company).toMatchObject({ given: expected.given, received: expected.received, commitmentsDue: expected.commitmentsDue, commitmentsKept: expected.commitmentsKept, wonGiven: expected.wonGiven, wonReceived: expected.wonReceived, medianDaysToConnect: expected.medianDaysToConnect ?? null });
      }
    }
    const all = view.giveAndTake.periods.find((period) => period.id === "all");
    expect(all?.practice.reduce((sum, company) => sum + company.given, 0)).toBe(demo.demo.leads.length);
  });

  it("puts practice next to what each company says about Pipeline and Leads", async () => {
    const view = await dashboardOf(DEFAULT_LOCAL_USER);
    expect(view.giveAndTake.selfStages.map((entry) => entry.companyId).sort()).toEqual(demo.demo.members.map((member) => member.company.companyId).sort());
    for (const entry of view.giveAndTake.selfStages) {
      const member = view.members.find((candidate) => candidate.companyId === entry.companyId);
      const cell = (area: string) => member?.latest?.cells.find((candidate) => candidate.area === area);
      expect(entry.leads).toBe(cell("leads")?.level ? cell("leads")?.answer : null);
      expect(entry.pipeline).toBe(cell("pipeline")?.level ? cell("pipeline")?.answer : null);
    }
  });

  it("adds practice to the partner verdict: a company that takes and never gives is told so, in the seed's words", async () => {
    let checked = 0;
    for (const user of [DEFAULT_LOCAL_USER, SECOND_LOCAL_USER]) {
      const view = await dashboardOf(user);
      const period = view.giveAndTake.periods.find((candidate) => candidate.id === "two-quarters");
      const takers = (period?.practice ?? []).filter((company) => company.signals.includes("takes-never-gives"));
      expect(takers.length).toBeGreaterThan(0);
      for (const taker of takers) {
        const verdict = view.partnerFriendliness.find((entry) => entry.companyId === taker.companyId);
        if (verdict?.status !== "rated") continue;
        checked += 1;
        expect(verdict.reasons[1]).toMatch(/^In practice it takes and never gives: in the last two quarters gave 0 and received \d+ leads/);
        expect(verdict.reasons[1]).toContain('The seed: "bad partnering is when someone takes and never gives".');
        expect(verdict.verdict).not.toBe("partner-friendly");
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(partnerFriendlinessVerdict({}, { formalVendorProgram: false }).reasons.join(" ")).not.toContain("In practice");
  });

  it("shows each company the customers of its own leads only", async () => {
    for (const user of [DEFAULT_LOCAL_USER, SECOND_LOCAL_USER]) {
      const view = await dashboardOf(user);
      const own = demo.demo.leads.filter((lead) => lead.giver.companyId === user.tenantId || lead.receiver.companyId === user.tenantId);
      expect(view.giveAndTake.yourLeads.map((lead) => lead.leadId).sort()).toEqual(own.map((lead) => lead.leadId).sort());
      const text = JSON.stringify(view);
      const ownCustomers = new Set(own.map((lead) => lead.customer.organisation));
      const othersOnly = demo.demo.leads.filter((lead) => !own.includes(lead)).map((lead) => lead.customer.organisation).filter((name) => !ownCustomers.has(name));
      for (const customer of othersOnly) expect(text, user.tenantId).not.toContain(customer);
      for (const lead of demo.demo.leads) {
        expect(text).not.toContain(lead.need);
        if (lead.customer.contact) expect(text).not.toContain(lead.customer.contact);
      }
    }
  });

  it("exports a period as CSV with counts and values, never a customer", async () => {
    const response = await fetch(`${demo.server.url}/api/circles/${demo.demo.circle.circleId}/give-and-take.csv?period=year`, { headers: as(DEFAULT_LOCAL_USER) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("give-and-take-year");
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Company,Period,Gave to Adventure Works Security,.*,Given,Received,Declined,Won from its leads,Won from partners' leads,Median days to connect,Commitments kept,Commitments due$/);
    expect(lines).toHaveLength(1 + demo.demo.members.length);
    const text = lines.join("\n");
    for (const lead of demo.demo.leads) expect(text).not.toContain(lead.customer.organisation);
  });

  it("answers a period it does not know with a sentence, and an outsider with 404", async () => {
    const bad = await fetch(`${demo.server.url}/api/circles/${demo.demo.circle.circleId}/give-and-take.csv?period=forever`, { headers: as(DEFAULT_LOCAL_USER) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe("The period must be one of this-quarter, two-quarters, year or all.");
    const outsider = await fetch(`${demo.server.url}/api/circles/${demo.demo.circle.circleId}/give-and-take.csv`, { headers: { "x-dev-user": "tenant-outsider/aad-outsider" } });
    expect(outsider.status).toBe(404);
  });
});
