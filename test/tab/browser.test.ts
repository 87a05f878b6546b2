import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companyAssessmentsOf, type CompanyAssessment } from "../../circles/index.js";
import { AREAS, areaById, stageById } from "../../core/model/index.js";
import { scoreAssessment, scoreCircle, type MemberAssessment } from "../../core/scoring/index.js";
import type { AssessmentRecord } from "../../storage/records.js";
import { DEFAULT_LOCAL_USER, SECOND_LOCAL_USER } from "../../platform/local-users.js";
import { RHYTHM_NAMES } from "../../core/schedule/index.js";
import type { MeetingRecord } from "../../storage/records.js";
import { markVisibleControls, seriousAxeViolations, walkTabOrder } from "./support/a11y.js";
import { launchChromium, loopbackOnlyContext, readyForBrowserTests, TAB_SCREENSHOTS } from "./support/browser.js";
import { DEMO_NOW, startDemoServer, type DemoServer } from "./support/demo-server.js";
import { contrastRatio } from "./support/colour.js";
import { WIDTHS, overflowingCards, sidewaysScrolling } from "./support/layout.js";
import { ensureTabBuilt } from "../../tab/build.js";

const SCREENSHOTS = TAB_SCREENSHOTS;

/**
 * What core/scoring says about the demo data, computed here without the API: the figures the tab must
 * show. Each company's people's answers in a cycle are combined first (circles/assessments.ts).
 */
function expectedFigures(assessments: readonly AssessmentRecord[]) {
  const selfs = companyAssessmentsOf(assessments.filter((a) => a.rater.companyId === a.subject.companyId)).assessments;
  const latestUpTo = (cycle: string): CompanyAssessment[] => [...new Map(selfs.filter((a) => a.cycle <= cycle).map((a) => [a.subject.companyId, a])).values()];
  const asMember = (a: CompanyAssessment): MemberAssessment => ({ companyId: a.subject.companyId, answers: a.answers, formalVendorProgram: a.formalVendorProgram });
  const cycles = [...new Set(selfs.map((a) => a.cycle))];
  const latest = latestUpTo(cycles[cycles.length - 1] as string);
  return {
    latest,
    circle: scoreCircle(latest.map(asMember)),
    trend: cycles.map((cycle) => ({ cycle, circle: scoreCircle(latestUpTo(cycle).map(asMember)) })),
  };
}

function levelText(level: number): string {
  return Number.isInteger(level) ? String(level) : level.toFixed(1);
}

/** How the tab writes a meeting's day, in the test browser's time zone (UTC). */
function meetingDay(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function byPlannedTime(a: MeetingRecord, b: MeetingRecord): number {
  return a.plannedFor.localeCompare(b.plannedFor);
}

async function tableRows(page: Page, label: string): Promise<string[][]> {
  return page.getByRole("table", { name: label }).evaluate((table) =>
    [...table.querySelectorAll("tbody tr")].map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell as HTMLElement).innerText.split("\n")[0]?.trim() ?? "")),
  );
}

/** The lowest WCAG contrast of each heatmap cell's text (stage and level) against the cell's background. */
async function lowestHeatmapContrast(page: Page): Promise<number> {
  const pairs = await page.getByRole("grid").evaluate((grid) => {
    const background = (element: Element | null): string => {
      for (let current = element; current; current = current.parentElement) {
        const color = getComputedStyle(current).backgroundColor;
        if (color !== "transparent" && !/rgba\([^)]*,\s*0\)$/.test(color)) return color;
      }
      return "rgb(255, 255, 255)";
    };
    return [...grid.querySelectorAll("td, td span")].map((element) => [getComputedStyle(element).color, background(element)] as const);
  });
  return Math.min(...pairs.map(([text, behind]) => contrastRatio(text, behind)));
}

/** Each target bar's end against its track: the colour where the bar stops, and the track's colour. */
async function targetBarEdges(page: Page): Promise<{ width: number; edge: string; track: string }[]> {
  return page.getByRole("list", { name: "Circle median per area against the target" }).evaluate((list) =>
    [...list.querySelectorAll("li > span[aria-hidden='true']")].map((track) => {
      const fill = getComputedStyle(track.firstElementChild as Element);
      const edge = Number.parseFloat(fill.borderRightWidth) > 0 ? fill.borderRightColor : fill.backgroundColor;
      return { width: (track.firstElementChild as Element).getBoundingClientRect().width, edge, track: getComputedStyle(track).backgroundColor };
    }),
  );
}

async function canvasHasDrawing(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext("2d");
    if (!context) return false;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let index = 3; index < data.length; index += 4) if ((data[index] ?? 0) > 0) painted += 1;
    return painted > 2_000;
  });
}

describe("the dashboard tab in a real browser", () => {
  let demo: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let dashboardUrl: string;

  beforeAll(async () => {
    await readyForBrowserTests();
    demo = await startDemoServer();
    const contoso = demo.demo.members[0];
    if (!contoso) throw new Error("The demo has no first company");
    await demo.server.context.repositories.circles.create(
      { circleId: "fresh-circle", name: "Fresh Circle", createdAt: new Date().toISOString(), createdBy: contoso.people[0]!, createdByCompany: contoso.company },
      { ...contoso, circleId: "fresh-circle" },
    );
    dashboardUrl = `${demo.server.url}/tab/?circle=${demo.demo.circle.circleId}`;
    browser = await launchChromium();
    // Meeting times show in the reader's time zone: UTC here, so the expected texts are fixed.
    context = await loopbackOnlyContext(browser, { acceptDownloads: true, timezoneId: "UTC" });
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.server.close();
  });

  async function openDashboard(url = dashboardUrl, width?: number): Promise<Page> {
    const page = await context.newPage();
    if (width) await page.setViewportSize({ width, height: 900 });
    await page.goto(url);
    await page.locator("section[aria-labelledby=heatmap]").waitFor();
    await page.locator("canvas[data-rendered]").nth(1).waitFor();
    return page;
  }

  it("shows every member company's latest stage in each of the 10 areas, in words, and the circle's median", async () => {
    const page = await openDashboard();
    const { latest, circle } = expectedFigures(demo.demo.assessments);
    const rows = await page.getByRole("grid").evaluate((grid) =>
      [...grid.querySelectorAll("tbody tr")].map((row) => ({
        company: row.querySelector("th button")?.textContent ?? row.querySelector("th")?.textContent ?? "",
        cells: [...row.querySelectorAll("td")].map((cell) => (cell as HTMLElement).innerText.split("\n")[0]?.trim()),
        levels: [...row.querySelectorAll("td span")].map((span) => span.textContent),
      })),
    );
    const members = [...demo.demo.members].sort((a, b) => a.company.companyName.localeCompare(b.company.companyName, "en"));
    expect(rows.map((row) => row.company)).toEqual([...members.map((m) => m.company.companyName), "Circle median"]);
    for (const member of members) {
      const self = latest.find((a) => a.subject.companyId === member.company.companyId);
      if (!self) throw new Error(`${member.company.companyName} has no self-assessment in the demo`);
      const result = scoreAssessment(self.answers, { formalVendorProgram: self.formalVendorProgram });
      const expected = AREAS.map(({ id }) => {
        const stage = result.stages.find((s) => s.area === id);
        return stage ? stageById(stage.stage).name : result.notApplicable.includes(id) ? "n/a" : "—";
      });
      expect(rows.find((row) => row.company === member.company.companyName)?.cells).toEqual(expected);
    }
    const medianRow = rows[rows.length - 1];
    expect(medianRow?.cells).toEqual(AREAS.map(({ id }) => { const a = circle.areas.find((x) => x.area === id); return a ? stageById(a.medianStage).name : "—"; }));
    expect(medianRow?.levels).toEqual(circle.areas.map((a) => levelText(a.median)));
    const overall = await page.getByRole("definition").first().innerText();
    expect(overall).toBe(`${circle.overall?.score.toFixed(2)} · ${stageById(circle.overall!.stage).name}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-light.png"), fullPage: true });
    await page.close();
  });

  it("draws the radar of a chosen company against the circle's median, with the same figures in its table", async () => {
    const page = await openDashboard();
    const { latest, circle } = expectedFigures(demo.demo.assessments);
    const northwind = demo.demo.members.find((member) => member.company.companyName === "Northwind Data")!.company;
    await page.getByRole("button", { name: "Northwind Data: show in the radar" }).click();
    await expect.poll(() => page.locator("section[aria-labelledby=radar] select").inputValue()).toBe(northwind.companyId);
    const self = latest.find((a) => a.subject.companyId === northwind.companyId)!;
    const result = scoreAssessment(self.answers, { formalVendorProgram: self.formalVendorProgram });
    const expected = AREAS.filter(({ id }) => circle.areas.some((a) => a.area === id) || result.stages.some((s) => s.area === id)).map(({ id, name }) => {
      const own = result.stages.find((s) => s.area === id);
      const median = circle.areas.find((a) => a.area === id);
      return [name, own ? String(own.level) : "—", median ? levelText(median.median) : "—"];
    });
    expect(await tableRows(page, "Northwind Data against the circle median")).toEqual(expected);
    expect(await canvasHasDrawing(page, "canvas[aria-label^='Radar chart of Northwind Data']")).toBe(true);
    await page.locator("section[aria-labelledby=radar]").screenshot({ path: path.join(SCREENSHOTS, "radar-northwind.png") });
    await page.close();
  });

  it("shows the circle's trend across the demo's cycles and what changed since the last one", async () => {
    const page = await openDashboard();
    const { trend } = expectedFigures(demo.demo.assessments);
    expect(trend).toHaveLength(4);
    const rows = await tableRows(page, "Circle maturity per cycle");
    expect(rows.map((row) => row.slice(0, 3))).toEqual(trend.map(({ cycle, circle }) => [cycle, `${circle.overall!.score.toFixed(2)} ${stageById(circle.overall!.stage).name}`, String(circle.memberCount)]));
    expect(await canvasHasDrawing(page, "canvas[aria-label^='Line chart']")).toBe(true);
    const [previous, last] = trend.slice(-2);
    await expect.poll(() => page.locator("section[aria-labelledby=trend]").innerText()).toContain(`From ${previous!.cycle} to ${last!.cycle}`);
    await page.close();
  });

  it("lists the circle's weakest areas with the model's next steps", async () => {
    const page = await openDashboard();
    const { circle } = expectedFigures(demo.demo.assessments);
    const shown = await page.getByRole("list", { name: "Weakest areas and next steps" }).evaluate((list) =>
      [...list.children].map((item) => ({ area: item.querySelector("h3")?.textContent, steps: [...item.querySelectorAll("ul li")].map((li) => li.textContent) })),
    );
    expect(circle.weakest.length).toBeGreaterThan(0);
    expect(shown).toEqual(circle.weakest.map((weak) => ({ area: areaById(weak.area).name, steps: [...weak.nextSteps] })));
    await page.close();
  });

  it("switches between light, dark and high contrast, and keeps every heatmap cell readable", async () => {
    const page = await openDashboard();
    const backgrounds = new Set<string>();
    for (const [value, name] of [["default", "light"], ["dark", "dark"], ["contrast", "high-contrast"]] as const) {
      await page.getByLabel("Theme").selectOption(value);
      await expect.poll(() => page.locator("[data-theme]").getAttribute("data-theme")).toBe(value);
      backgrounds.add(await page.locator("[data-theme]").evaluate((root) => getComputedStyle(root).backgroundColor));
      expect(await lowestHeatmapContrast(page)).toBeGreaterThanOrEqual(4.5);
      await page.waitForTimeout(50);
      await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });
    }
    expect(backgrounds.size).toBe(3);
    await page.close();
  });

  it("opens in the theme Teams asks for in the tab's address", async () => {
    const page = await openDashboard(`${dashboardUrl}&theme=dark`);
    expect(await page.locator("[data-theme]").getAttribute("data-theme")).toBe("dark");
    await page.close();
  });

  it("moves between heatmap cells with the arrow keys", async () => {
    const page = await openDashboard();
    await page.locator('[data-cell="0:0"]').focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-cell"))).toBe("1:1");
    await page.keyboard.press("End");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-cell"))).toBe("1:9");
    await page.close();
  });

  it("names each coming meeting once, with its day and time, as a person would write it", async () => {
    const page = await openDashboard();
    const upcoming = demo.demo.meetings.filter((m) => new Date(m.plannedFor) > DEMO_NOW && m.status !== "cancelled").sort(byPlannedTime);
    expect(upcoming.length).toBeGreaterThan(0);
    expect(await tableRows(page, "Next meetings")).toEqual(upcoming.map((m) => [`${meetingDay(m.plannedFor)}, 09:00`, RHYTHM_NAMES["joint-planning"]]));
    // Not "Joint planning, December 2026, 10 Dec 2026": no line names its month twice.
    const lines = (await page.locator("section[aria-labelledby=meetings]").innerText()).split("\n");
    expect(lines.filter((line) => /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b.*\b\1/.test(line))).toEqual([]);
    await page.close();
  });

  it("lists every meeting the count says was skipped, labelled skipped", async () => {
    const page = await openDashboard();
    const past = demo.demo.meetings.filter((m) => new Date(m.plannedFor) <= DEMO_NOW);
    const skipped = past.filter((m) => m.status === "cancelled").sort(byPlannedTime);
    const due = past.filter((m) => m.status !== "cancelled");
    expect(skipped).toHaveLength(1);
    const section = page.locator("section[aria-labelledby=meetings]");
    expect(await section.locator("p").nth(1).innerText()).toBe(`${due.filter((m) => m.status === "held").length} of ${due.length} meetings held so far, not counting 1 meeting the circle skipped.`);
    const recent = await tableRows(page, "Recent meetings");
    expect(recent.filter(([, , outcome]) => outcome === "Skipped").map(([day]) => day)).toEqual(skipped.map((m) => meetingDay(m.plannedFor)));
    await page.close();
  });

  it("stands every area's target line on one vertical, at the target level, at 360, 720 and 1,400 px", async () => {
    const page = await openDashboard();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      // Each area's track and, as its last part, the target line.
      const rows = await page.getByRole("list", { name: "Circle median per area against the target" }).evaluate((list) =>
        [...list.querySelectorAll("li > span[aria-hidden='true']")].map((track) => {
          const box = track.getBoundingClientRect();
          const line = track.lastElementChild?.getBoundingClientRect();
          return { left: box.left, width: box.width, line: line ? line.left + line.width / 2 : Number.NaN };
        }),
      );
      expect(rows, `at ${width} px`).toHaveLength(AREAS.length);
      const lines = rows.map((row) => row.line);
      expect(Math.max(...lines) - Math.min(...lines), `target lines' spread at ${width} px`).toBeLessThan(1);
      for (const row of rows) {
        expect(row.width, `bar width at ${width} px`).toBeGreaterThan(100);
        expect(Math.abs(row.line - (row.left + (3 / 4) * row.width)), `line at Proactive (3 of 4) at ${width} px`).toBeLessThan(2);
      }
    }
    await page.close();
  });

  it("draws every area's bar so that where it ends stands out from its track, in light, dark and high contrast", async () => {
    const page = await openDashboard();
    for (const theme of ["Light", "Dark", "High contrast"]) {
      await page.getByLabel("Theme").selectOption({ label: theme });
      await page.waitForFunction(() => document.getAnimations().length === 0);
      const bars = await targetBarEdges(page);
      expect(bars).toHaveLength(AREAS.length);
      for (const bar of bars) {
        expect(bar.width, theme).toBeGreaterThan(0);
        expect(contrastRatio(bar.edge, bar.track), `${theme}: ${bar.edge} on ${bar.track}`).toBeGreaterThanOrEqual(3);
      }
    }
    await page.close();
  });

  describe("at every width Teams runs at", () => {
    it("reads well at 360, 720 and 1,400 px: nothing sticks out of its card, and the page never scrolls sideways", async () => {
      const page = await openDashboard();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        // The layout settles after the resize (charts and the heatmap re-measure): wait for it, a real overflow still fails.
        await expect.poll(() => overflowingCards(page), { message: `at ${width} px` }).toEqual([]);
        await expect.poll(async () => (await sidewaysScrolling(page)).filter((what) => what.startsWith("the page")), { message: `at ${width} px` }).toEqual([]);
        await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${width}.png`), fullPage: true });
      }
      await page.close();
    });

    it("at 720 px, says the heatmap scrolls sideways, keeps the company names in view, and scrolls with the arrow keys", async () => {
      const page = await openDashboard(dashboardUrl, 720);
      const scroller = page.getByRole("region", { name: "Maturity heatmap (scrolls sideways)" });
      expect(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      const cue = page.locator("section[aria-labelledby=heatmap] [data-scroll-cue]");
      await expect.poll(() => cue.innerText()).toBe("Scroll sideways to see all 10 areas →");
      await page.locator('[data-cell="0:0"]').focus();
      await page.keyboard.press("End");
      const view = (await scroller.boundingBox())!;
      const lastCell = (await page.locator('[data-cell="0:9"]').boundingBox())!;
      const names = (await page.getByRole("grid").locator("tbody th").first().boundingBox())!;
      expect(lastCell.x + lastCell.width).toBeLessThanOrEqual(view.x + view.width + 1);
      expect(lastCell.x).toBeGreaterThanOrEqual(names.x + names.width - 1);
      expect(names.x).toBeGreaterThanOrEqual(view.x - 1);
      await expect.poll(() => cue.innerText()).toBe("← Scroll back to the start");
      await page.locator("section[aria-labelledby=heatmap]").screenshot({ path: path.join(SCREENSHOTS, "heatmap-720-scrolled-to-the-end.png") });
      await page.close();
    });

    it("at 360 px, nothing scrolls sideways: each company's heatmap row becomes a list of its 10 areas", async () => {
      const page = await openDashboard(dashboardUrl, 360);
      expect(await sidewaysScrolling(page)).toEqual([]);
      const { latest } = expectedFigures(demo.demo.assessments);
      for (const member of demo.demo.members) {
        const self = latest.find((a) => a.subject.companyId === member.company.companyId)!;
        const result = scoreAssessment(self.answers, { formalVendorProgram: self.formalVendorProgram });
        const expected = AREAS.map(({ id, name }) => {
          const stage = result.stages.find((s) => s.area === id);
          return [name, stage ? `${stageById(stage.stage).name} ${stage.level}` : result.notApplicable.includes(id) ? "n/a" : "—"];
        });
        const shown = await page.getByRole("list", { name: "Maturity by company" }).getByLabel(`${member.company.companyName} by area`).evaluate((list) =>
          [...list.querySelectorAll("dt")].map((term) => [term.textContent, (term.nextElementSibling as HTMLElement).innerText.replace(/\s+/g, " ").trim()]),
        );
        expect(shown, member.company.companyName).toEqual(expected);
      }
      await page.close();
    });
  });

  describe("for everyone: axe-core, the keyboard, the themes", () => {
    it("has no serious or critical axe-core violation in light, dark and high contrast, at 360 and 1,400 px", async () => {
      const page = await openDashboard();
      for (const width of [360, 1400]) {
        await page.setViewportSize({ width, height: 900 });
        for (const theme of ["Light", "Dark", "High contrast"]) {
          await page.getByLabel("Theme").selectOption({ label: theme });
          await expect.poll(() => page.locator("[data-theme]").getAttribute("data-theme")).toBe(theme === "Light" ? "default" : theme === "Dark" ? "dark" : "contrast");
          // Fluent's colours ease into the new theme; check the colours they settle on.
          await page.waitForFunction(() => document.getAnimations().length === 0);
          expect(await seriousAxeViolations(page), `${theme} at ${width} px`).toEqual([]);
          // Light at these widths is dashboard-360.png and dashboard-1400.png.
          if (theme !== "Light") await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${width}-${theme.toLowerCase().replace(" ", "-")}.png`), fullPage: true });
        }
      }
      await page.close();
    });

    it("has no serious or critical axe-core violation on My circles, the settings page and an empty circle", async () => {
      const page = await context.newPage();
      for (const [address, ready] of [
        ["/tab/personal", page.getByRole("button", { name: "Open dashboard of Northwest Alliance" })],
        ["/tab/config", page.getByRole("radio", { name: /Northwest Alliance/ })],
        ["/tab/?circle=fresh-circle", page.getByText("No one has assessed yet", { exact: false })],
      ] as const) {
        await page.goto(`${demo.server.url}${address}`);
        await ready.waitFor();
        expect(await seriousAxeViolations(page), address).toEqual([]);
      }
      await page.close();
    });

    it("the axe-core check reports a serious violation when there is one", async () => {
      const page = await context.newPage();
      await page.setContent(`<!doctype html><html lang="en"><head><title>A page with two faults</title></head><body><main><button type="button"></button><p style="color:#bbb;background:#fff">faint text</p></main></body></html>`);
      const found = await seriousAxeViolations(page);
      expect(found.map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(["critical button-name", "serious color-contrast"]);
      await page.close();
    });

    for (const width of [1400, 360]) {
      it(`reaches every control with Tab, in page order, and shows where focus is, at ${width} px`, async () => {
        const page = await openDashboard(dashboardUrl, width);
        const controls = await markVisibleControls(page);
        expect(controls).toEqual(expect.arrayContaining(["button: Export CSV", "button: Northwind Data: show in the radar"]));
        const stops = await walkTabOrder(page, controls);
        expect(stops.map((stop) => stop.control)).toEqual(controls);
        expect(stops.filter((stop) => !stop.focusVisible).map((stop) => stop.control)).toEqual([]);
        await page.close();
      });
    }

    it("operates every kind of control from the keyboard: Enter on buttons and links, Space on summaries, arrows in selects", async () => {
      const page = await openDashboard();
      await page.getByRole("button", { name: "Tailspin Analytics: show in the radar" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("section[aria-labelledby=radar] select").inputValue()).toBe(demo.demo.members.find((member) => member.company.companyName === "Tailspin Analytics")!.company.companyId);
      await page.getByLabel("Theme").focus();
      await page.keyboard.press("ArrowDown");
      await expect.poll(() => page.locator("[data-theme]").getAttribute("data-theme")).toBe("dark");
      const details = page.locator("section[aria-labelledby=partner-friendliness] details").first();
      await details.locator("summary").focus();
      await page.keyboard.press("Space");
      expect(await details.evaluate((element: HTMLDetailsElement) => element.open)).toBe(true);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).focus().then(() => page.keyboard.press("Enter"))]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      await page.getByRole("button", { name: "← My circles" }).focus();
      await page.keyboard.press("Enter");
      const open = page.getByRole("button", { name: "Open dashboard of Northwest Alliance" });
      await open.focus();
      await page.keyboard.press("Space");
      await page.getByRole("heading", { name: "Northwest Alliance", level: 1 }).waitFor();
      await page.close();
    });
  });

  it("does not wait for Teams when it is framed by a page that is not Teams", async () => {
    const page = await context.newPage();
    const hostUrl = `${demo.server.url}/a-page-that-frames-the-tab.html`;
    await page.route(hostUrl, (route) => route.fulfill({ contentType: "text/html", body: `<iframe title="tab" src="${dashboardUrl}" style="width:1200px;height:800px"></iframe>` }));
    const started = Date.now();
    await page.goto(hostUrl);
    await page.frameLocator("iframe").getByRole("grid", { name: /Maturity heatmap/ }).waitFor({ timeout: 20_000 });
    // teams-js alone would wait 60 s for a Teams parent that never answers.
    expect(Date.now() - started).toBeLessThan(10_000);
    await page.close();
  });

  it("cannot be framed by another site", async () => {
    const portal = http.createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(`<iframe title="tab" src="${dashboardUrl}"></iframe>`);
    });
    await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
    const page = await context.newPage();
    try {
      const refusal = page.waitForEvent("console", { predicate: (message) => message.text().includes("frame-ancestors"), timeout: 10_000 });
      await page.goto(`http://127.0.0.1:${(portal.address() as AddressInfo).port}/`);
      expect((await refusal).text()).toMatch(/violates the following Content Security Policy directive: "frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
      expect(await frame?.locator("#root").count()).toBe(0);
    } finally {
      await page.close();
      await new Promise((resolve) => portal.close(resolve));
    }
  });

  it("opens the same dashboard for a person of the second organisation, seen from their company", async () => {
    const megan = `${SECOND_LOCAL_USER.tenantId}/${SECOND_LOCAL_USER.aadObjectId}`;
    const page = await openDashboard(`${dashboardUrl}&devUser=${encodeURIComponent(megan)}`);
    await expect.poll(() => page.locator("main header").first().innerText()).toContain("your company: Fabrikam Cloud Services");
    const heatmap = await page.getByRole("grid").innerText();
    expect(heatmap).toContain("Contoso Consulting");
    expect(heatmap).toMatch(/Fabrikam Cloud Services[\s\S]*your company/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-second-organisation.png"), fullPage: true });
    const outsider = await context.newPage();
    await outsider.goto(`${dashboardUrl}&devUser=${encodeURIComponent("99999999-0000-0000-0000-000000000099/someone")}`);
    await expect.poll(() => outsider.locator("main").innerText()).toContain("There is no circle with this id that your organisation belongs to");
    await page.close();
    await outsider.close();
  });

  it("exports the circle's results as a CSV file", async () => {
    const page = await openDashboard();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Northwest-Alliance-results-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Company,Cycle,Completed on,Overall score,Overall stage,Joint business planning,/);
    expect(lines).toHaveLength(1 + companyAssessmentsOf(demo.demo.assessments.filter((a) => a.rater.companyId === a.subject.companyId)).assessments.length);
    await page.close();
  });

  it("lists my circles in the personal tab and opens a circle's dashboard from there", async () => {
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/tab/personal`);
    const open = page.getByRole("button", { name: "Open dashboard of Northwest Alliance" });
    await open.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "personal-my-circles.png"), fullPage: true });
    await open.click();
    await page.getByRole("heading", { name: "Northwest Alliance", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/tab/personal");
    await page.getByRole("button", { name: "← My circles" }).click();
    await page.getByRole("heading", { name: "My circles" }).waitFor();
    await page.close();
  });

  it("lets a person pick the channel's circle on the tab's settings page", async () => {
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/tab/config`);
    await page.getByRole("radio", { name: /Northwest Alliance/ }).check();
    await page.getByRole("link", { name: "Open this circle's dashboard" }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "channel-tab-settings.png"), fullPage: true });
    await page.close();
  });

  it("tells the person what to do when no one has assessed yet", async () => {
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/tab/?circle=fresh-circle`);
    await expect.poll(() => page.locator("main").innerText()).toContain("No one has assessed yet — type assess to the bot");
    expect(await page.getByRole("grid").count()).toBe(0);
    // Says once that there are no partner ratings yet, instead of a table of "Waiting for ratings".
    expect(await page.locator("section[aria-labelledby=partner-friendliness]").innerText()).not.toContain("Waiting for ratings");
    expect(await page.locator("section[aria-labelledby=self-vs-partners] select").count()).toBe(0);
    expect(await page.locator("section[aria-labelledby=actions]").innerText()).not.toContain("Pick one next step from");
    await page.screenshot({ path: path.join(SCREENSHOTS, "empty-circle.png"), fullPage: true });
    await page.close();
  });

  it("says so when the circle cannot be shown", async () => {
    const page = await context.newPage();
    await page.goto(`${demo.server.url}/tab/?circle=not-a-real-circle`);
    await expect.poll(() => page.locator("main").innerText()).toContain("There is no circle with this id that your organisation belongs to");
    await page.close();
  });
});

describe("the tab's files", () => {
  let demo: DemoServer;

  beforeAll(async () => {
    ensureTabBuilt();
    demo = await startDemoServer();
  }, 120_000);
  afterAll(() => demo?.server.close());

  it("serves the tab's pages, framed only by Teams, and its hashed assets for a year", async () => {
    for (const page of ["/tab/", "/tab/config", "/tab/personal"]) {
      const response = await fetch(`${demo.server.url}${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toMatch(/^frame-ancestors 'self' https:\/\/teams\.microsoft\.com /);
      expect(await response.text()).toContain('<div id="root">');
    }
    const html = await (await fetch(`${demo.server.url}/tab/`)).text();
    const script = /src="(\/tab\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${demo.server.url}${script}`, { headers: { "accept-encoding": "gzip" } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-encoding")).toBe("gzip");
  });

  it("serves nothing outside the tab's folder", async () => {
    for (const attempt of ["/tab/..%2Fapi%2Froutes.ts", "/tab/%2e%2e/%2e%2e/package.json", "/tab/assets/missing.js"]) {
      expect((await fetch(`${demo.server.url}${attempt}`)).status).toBe(404);
    }
  });
});
