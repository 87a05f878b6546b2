import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField, csvFileName } from "../../tab/api/csv.js";
import type { ApiErrorBody } from "../../tab/shared/dashboard-types.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { assessment, circleRecord, memberOf, tenantOf, writeCircle } from "./support/circle-fixtures.js";

describe("a circle's results as CSV", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    const members = [memberOf('Contoso, "the best"'), memberOf("=Fabrikam"), memberOf("Left Ltd", "left")];
    await writeCircle(server.context.repositories, members);
    const circleIds = [circleRecord.circleId];
    const record = (a: ReturnType<typeof assessment>) => server.context.repositories.circles.recordAssessment(circleIds, a);
    await record(assessment("2026-Q1", 'Contoso, "the best"', 'Contoso, "the best"', { "joint-business-planning": "basic", pipeline: "reactive", agreement: "proactive", leads: "dynamic", "sales-compensation": "basic", "market-messaging": "basic", geography: "basic", "resource-utilization": "basic", "customer-relationship": "basic" }));
    await record(assessment("2026-Q2", 'Contoso, "the best"', 'Contoso, "the best"', { "joint-business-planning": "reactive", pipeline: "reactive" }));
    await record(assessment("2026-Q2", "=Fabrikam", "=Fabrikam", { pipeline: "proactive", "readiness-certifications": "not-applicable" }, true));
    await record(assessment("2026-Q2", "=Fabrikam", 'Contoso, "the best"', { pipeline: "dynamic" }));
    await record(assessment("2026-Q2", "Left Ltd", "Left Ltd", { pipeline: "dynamic" }));
  });
  afterAll(() => server.close());

  it("has a header and one row per member company (by name) and cycle, with the stage of each area from its self-assessment, quoted as RFC 4180 says; no partner ratings, no former members", async () => {
    const csv = await fetch(`${server.url}/api/circles/${circleRecord.circleId}/export.csv`, { headers: { "x-dev-user": `${tenantOf("=Fabrikam")}/anyone-at-fabrikam` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="Test-Circle-results-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(await csv.text()).toBe(
      [
        "Company,Cycle,Completed on,Overall score,Overall stage,Joint business planning,Pipeline,Agreement,Leads,Sales compensation,Market messaging,Geography,Resource utilization,Customer relationship,Readiness and certifications",
        "'=Fabrikam,2026-Q2,2026-05-15,3.00,Proactive,,Proactive,,,,,,,,Not applicable",
        '"Contoso, ""the best""",2026-Q1,2026-02-15,1.67,Basic,Basic,Reactive,Proactive,Dynamic,Basic,Basic,Basic,Basic,Basic,Not applicable',
        '"Contoso, ""the best""",2026-Q2,2026-05-15,2.00,Reactive,Reactive,Reactive,,,,,,,,Not applicable',
        "",
      ].join("\r\n"),
    );
  });

  it("is refused to a person of any organisation that is not a member, as if the circle did not exist", async () => {
    for (const tenant of [tenantOf("Northwind"), tenantOf("Left Ltd")]) {
      const response = await fetch(`${server.url}/api/circles/${circleRecord.circleId}/export.csv`, { headers: { "x-dev-user": `${tenant}/someone` } });
      expect(response.status).toBe(404);
      expect(((await response.json()) as ApiErrorBody).error.message).toMatch(/no circle with this id that your organisation belongs to/);
    }
  });
});

describe("CSV fields", () => {
  it("quotes commas, quotes and line breaks, and defuses what a spreadsheet would run as a formula", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-2,5")).toBe(`"'-2,5"`);
  });

  it("names the download after the circle", () => {
    expect(csvFileName("Northwest Alliance / Q3", new Date("2026-08-14T10:00:00Z"))).toBe("Northwest-Alliance-Q3-results-2026-08-14.csv");
    expect(csvFileName("???", new Date("2026-08-14T10:00:00Z"))).toBe("circle-results-2026-08-14.csv");
  });
});
