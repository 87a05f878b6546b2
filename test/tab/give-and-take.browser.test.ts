import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveAndTakeMatrix, periodOf, practiceOf, practiceSignals } from "../../core/leads/index.js";
import { launchChromium, loopbackOnlyContext, readyForBrowserTests, TAB_SCREENSHOTS } from "./support/browser.js";
import { DEMO_NOW, startDemoServer, type DemoServer } from "./support/demo-server.js";
import { sidewaysScrolling } from "./support/layout.js";

const SCREENSHOTS = TAB_SCREENSHOTS;

/** The give-and-take view of the seed-demo's Northwest Alliance, in Chromium, against core/leads on the same leads. */
describe("the give-and-take view in a real browser", () => {
  let demo: DemoServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    await readyForBrowserTests();
    demo = await startDemoServer();
    browser = await launchChromium();
    context = await loopbackOnlyContext(browser, { timezoneId: "UTC" });
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.server.close();
  });

  async function openGiveAndTake(width: number): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${demo.server.url}/tab/?circle=${demo.demo.circle.circleId}`);
    await page.locator("section[aria-labelledby=give-and-take]").waitFor();
    return page;
  }

  async function matrixRows(page: Page): Promise<string[][]> {
    return page.getByTestId("give-and-take-matrix").evaluate((table) => [...table.querySelectorAll("tbody tr")].map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell as HTMLElement).innerText.trim())));
  }

  it("fills the matrix of leads given → received from seed-demo, for the last two quarters and for all time", async () => {
    const page = await openGiveAndTake(1400);
    const members = [...demo.demo.members].sort((a, b) => a.company.companyName.localeCompare(b.company.companyName, "en"));
    const ids = members.map((member) => member.company.companyId);
    for (const [button, periodId] of [["Last two quarters", "two-quarters"], ["All time", "all"]] as const) {
      await page.getByRole("button", { name: button }).click();
      const period = periodOf(periodId, DEMO_NOW);
      const expected = giveAndTakeMatrix(ids, demo.demo.leads, period);
      const rows = await matrixRows(page);
      expect(rows.map((row) => row[0])).toEqual(members.map((member) => member.company.companyName));
      rows.forEach((row, giver) => {
        const counts = row.slice(1, -1).map((cell, receiver) => (giver === receiver ? 0 : Number(cell)));
        expect(counts, `${row[0]} in ${period.name}`).toEqual(expected[giver]);
        expect(Number(row.at(-1))).toBe(practiceOf(ids[giver] as string, demo.demo.leads, period, DEMO_NOW).given);
      });
      expect(expected.flat().reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    }
    await page.getByRole("button", { name: "Last two quarters" }).click();
    await page.locator("section[aria-labelledby=give-and-take]").screenshot({ path: path.join(SCREENSHOTS, "give-and-take-1400.png") });
  });

  it("names the company that takes and never gives, in the seed's words", async () => {
    const page = await openGiveAndTake(1400);
    const period = periodOf("two-quarters", DEMO_NOW);
    const takers = demo.demo.members.filter((member) => practiceSignals(practiceOf(member.company.companyId, demo.demo.leads, period, DEMO_NOW)).includes("takes-never-gives"));
    expect(takers.length).toBeGreaterThan(0);
    const balance = page.getByRole("table", { name: /Each company's balance/ });
    for (const taker of takers) await expect(balance.getByRole("row", { name: new RegExp(taker.company.companyName) }).innerText()).resolves.toContain("takes and never gives");
    const evidence = await page.getByRole("list", { name: "Self-assessment next to practice" }).innerText();
    expect(evidence).toMatch(/rates itself (Basic|Reactive|Proactive|Dynamic) on Leads; in the last two quarters gave \d+ and received \d+ leads?/);
  });

  it("shows the customers of the viewer's own company's leads only", async () => {
    const page = await openGiveAndTake(1400);
    const viewer = demo.demo.members[0]?.company.companyId;
    const text = await page.locator("section[aria-labelledby=give-and-take]").innerText();
    const own = demo.demo.leads
      .filter((lead) => lead.giver.companyId === viewer || lead.receiver.companyId === viewer)
      .sort((a, b) => b.sharedAt.localeCompare(a.sharedAt))
      .map((lead) => lead.customer.organisation);
    const others = demo.demo.leads.filter((lead) => lead.giver.companyId !== viewer && lead.receiver.companyId !== viewer).map((lead) => lead.customer.organisation);
    expect(own.length).toBeGreaterThan(0);
    expect(text).toContain(own[0]);
    for (const customer of others.filter((name) => !own.includes(name))) expect(text).not.toContain(customer);
  });

  it("reads on a 360 px phone without the page scrolling sideways", async () => {
    const page = await openGiveAndTake(360);
    expect(await sidewaysScrolling(page)).toEqual([]);
    await expect(page.getByRole("list", { name: /Leads each company gave/ }).innerText()).resolves.toContain("to ");
    await page.locator("section[aria-labelledby=give-and-take]").screenshot({ path: path.join(SCREENSHOTS, "give-and-take-360.png") });
  });
});
