import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_USER } from "../../platform/local-users.js";
import { cardsIn, cardText, personalChat, TeamsSession, type CardJson } from "../bot/support/teams.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { startLocalConnector, type LocalConnector } from "../support/connector.js";
import { markVisibleControls, seriousAxeViolations, walkTabOrder } from "./support/a11y.js";
import { launchChromium, loopbackOnlyContext, readyForBrowserTests, TAB_SCREENSHOTS } from "./support/browser.js";
import { startDemoServer, type DemoServer } from "./support/demo-server.js";
import { WIDTHS, overflowingCards, sidewaysScrolling } from "./support/layout.js";

const SCREENSHOTS = TAB_SCREENSHOTS;

/**
 * The tab acts on what it shows, and the bot sees the same circle: a member makes a weak area an
 * action on the dashboard, marks it done there, and the bot's `actions` card (over real HTTP, on
 * the same server and storage) shows the same state. The tab runs in local mode as the demo's first
 * person, Alex Wilber of Contoso Consulting; in chat Alex is the same person (tenant and object id).
 */
describe("acting on the dashboard", () => {
  let demo: DemoServer;
  let connector: LocalConnector;
  let browser: Browser;
  let context: BrowserContext;
  let alexInChat: TeamsSession;
  let dashboardUrl: string;

  beforeAll(async () => {
    await readyForBrowserTests();
    connector = await startLocalConnector();
    demo = await startDemoServer();
    dashboardUrl = `${demo.server.url}/tab/?circle=${demo.demo.circle.circleId}`;
    const alex = { id: "29:alex-wilber", aadObjectId: DEFAULT_LOCAL_USER.aadObjectId, name: DEFAULT_LOCAL_USER.name };
    alexInChat = new TeamsSession(demo.server.url, connector, alex, personalChat(alex), { tenantId: DEFAULT_LOCAL_USER.tenantId });
    browser = await launchChromium();
    context = await loopbackOnlyContext(browser, { timezoneId: "UTC" });
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.server.close();
    await connector?.close();
  });

  async function openDashboard(width: number): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(dashboardUrl);
    await page.locator("section[aria-labelledby=next-steps]").waitFor();
    return page;
  }

  async function actionsCardInChat(): Promise<CardJson> {
    const card = cardsIn(await alexInChat.say(`actions ${demo.demo.circle.name}`)).at(-1);
    if (!card) throw new Error("The bot answered `actions` without a card");
    assertValidAdaptiveCard(card, "actions card");
    return card;
  }

  it("walks: open the dashboard → make a weak area an action → mark it done → the bot's actions card shows the same", async () => {
    const page = await openDashboard(1400);
    const weakest = page.getByRole("list", { name: "Weakest areas and next steps" }).locator(":scope > li").first();
    const area = (await weakest.locator("h3").innerText()).trim();
    const firstStep = (await weakest.locator("ul li").first().innerText()).trim();
    const title = `${firstStep} (agreed in the tab)`;

    await weakest.getByRole("button", { name: `Make ${area} an action` }).click();
    const form = page.getByRole("form", { name: `New action for ${area}` });
    await expect.poll(() => form.getByLabel("What will be done").inputValue()).toBe(firstStep);
    await form.getByLabel("What will be done").fill(title);
    await form.getByLabel("Owner").selectOption({ label: "Fabrikam Cloud Services" });
    await form.getByLabel("Due by").fill("2026-10-30");
    await page.locator("section[aria-labelledby=next-steps]").screenshot({ path: path.join(SCREENSHOTS, "acting-new-action-form-1400.png") });
    await form.getByRole("button", { name: "Add action" }).click();

    // The dashboard updates without a reload: the sentence is announced, the action is listed.
    await expect.poll(() => weakest.getByRole("status").innerText()).toBe(`Action added: "${title}", owned by Fabrikam Cloud Services, due 30 October 2026.`);
    const actions = page.getByRole("list", { name: "The circle's actions, open ones first" });
    const item = actions.locator("li", { hasText: title });
    await expect.poll(() => item.innerText()).toContain("Open");
    expect(await item.innerText()).toContain(`Owner: Fabrikam Cloud Services · ${area} · due 30 Oct 2026`);
    expect(await weakest.getByRole("button", { name: `Make ${area} an action` }).evaluate((button) => button === document.activeElement)).toBe(true);

    const whileOpen = cardText(await actionsCardInChat());
    expect(whileOpen).toContain(title);

    await item.getByRole("button", { name: `Mark done: ${title}` }).click();
    const actionsStatus = page.locator("section[aria-labelledby=actions]").getByRole("status");
    await expect.poll(() => actionsStatus.innerText()).toBe(`Done: "${title}".`);
    await expect.poll(() => item.innerText()).toContain("Done");
    expect(await item.getByRole("button").count()).toBe(0);
    expect(await actionsStatus.evaluate((line) => line === document.activeElement)).toBe(true);

    const afterDone = await actionsCardInChat();
    expect(cardText(afterDone)).not.toContain(title);
    const stored = (await demo.server.context.repositories.circles.snapshot(demo.demo.circle.circleId))?.otherRows.get("action")?.map((row) => row.data as { title: string; status: string; doneBy?: { companyName: string } });
    expect(stored?.find((action) => action.title === title)).toMatchObject({ status: "done", doneBy: { companyName: "Contoso Consulting" } });

    for (const width of [1400, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator("section[aria-labelledby=actions]").screenshot({ path: path.join(SCREENSHOTS, `acting-actions-after-done-${width}.png`) });
      await page.screenshot({ path: path.join(SCREENSHOTS, `acting-after-done-${width}.png`), fullPage: true });
    }
    await page.close();
  });

  it("invites a company and shows the code once, with the exact words to type to the bot, then withdraws it", async () => {
    const page = await openDashboard(360);
    const section = page.locator("section[aria-labelledby=invitations]");
    await section.getByLabel("Company to invite").fill("Woodgrove Bank");
    await section.getByRole("button", { name: "Create invitation" }).click();
    const command = section.locator("[data-join-command]");
    await expect.poll(() => command.innerText()).toMatch(/^join [0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
    await section.screenshot({ path: path.join(SCREENSHOTS, "acting-invitation-code-360.png") });
    const list = section.getByRole("list", { name: "Invitations not used yet" });
    await expect.poll(() => list.innerText()).toContain("Woodgrove Bank");
    expect(await section.getByLabel("Company to invite").inputValue()).toBe("");

    await list.getByRole("button", { name: "Withdraw the invitation for Woodgrove Bank" }).click();
    await expect.poll(() => section.getByRole("status").first().innerText()).toBe("Withdrawn: the invitation for Woodgrove Bank can no longer be used.");
    await expect.poll(() => section.innerText()).not.toContain("join ");
    expect(await page.locator("section[aria-labelledby=invitations] li", { hasText: "Woodgrove Bank" }).count()).toBe(0);
    await page.close();
  });

  it("sets a rhythm with only the fields its pattern needs, then pauses and resumes it", async () => {
    const page = await openDashboard(1400);
    const section = page.locator("section[aria-labelledby=rhythms]");
    await section.getByRole("button", { name: "Set the VP of Sales meeting" }).click();
    const form = section.getByRole("form", { name: "Set the VP of Sales meeting" });
    const fieldLabels = async (): Promise<string[]> => form.locator("label").evaluateAll((labels) => labels.map((label) => label.textContent?.trim() ?? ""));
    await form.getByLabel("How often").selectOption({ label: "Every month, on a day of the month" });
    expect(await fieldLabels()).toEqual(["How often", "Day of the month (31 = the last day)", "Time of day", "Time zone (IANA name)"]);
    await form.getByLabel("How often").selectOption({ label: "Every quarter, on its first, second, … or last weekday" });
    expect(await fieldLabels()).toEqual(["How often", "Which one", "Weekday", "Which month of the quarter (1–3, optional)", "Time of day", "Time zone (IANA name)"]);
    expect(await form.getByLabel("Time zone (IANA name)").inputValue()).toBe("UTC");
    await form.getByLabel("Which one").selectOption({ label: "Second" });
    await form.getByLabel("Weekday").selectOption({ label: "Thursday" });
    await form.getByLabel("Time of day").fill("10:30");
    await form.getByLabel("Time zone (IANA name)").fill("Europe/Stockholm");
    await form.getByRole("button", { name: "Save rhythm" }).click();
    const status = section.getByRole("status");
    await expect.poll(() => status.innerText()).toBe("Saved: the VP of Sales meeting is the second Thursday of every quarter at 10:30 (Europe/Stockholm). First reminder: Wednesday, 7 October 2026, 10:30.");
    const item = section.getByRole("list", { name: "The circle's rhythms" }).locator("li", { hasText: "Executive meeting (VP of Sales)" });
    expect(await item.innerText()).toContain("the second Thursday of every quarter at 10:30 (Europe/Stockholm)");

    await item.getByRole("button", { name: "Pause the VP of Sales meeting" }).click();
    await expect.poll(() => status.innerText()).toBe("Paused: no VP of Sales meeting reminders until you resume it.");
    await expect.poll(() => item.innerText()).toContain("Paused");
    await item.getByRole("button", { name: "Resume the VP of Sales meeting" }).click();
    await expect.poll(() => status.innerText()).toBe("Resumed: the VP of Sales meeting is the second Thursday of every quarter at 10:30 (Europe/Stockholm).");

    await item.getByRole("button", { name: "Change the VP of Sales meeting" }).click();
    await form.getByLabel("Time zone (IANA name)").fill("Mars/Olympus");
    await form.getByRole("button", { name: "Save rhythm" }).click();
    await expect.poll(() => section.getByRole("alert").innerText()).toBe('"Mars/Olympus" is not a time zone I know; use a name like Europe/Stockholm or America/Los_Angeles.');
    expect(await form.getByLabel("Time of day").inputValue()).toBe("10:30");
    // Escape closes the form without saving, and the keyboard is back on the button that opened it.
    await form.getByLabel("Time zone (IANA name)").press("Escape");
    expect(await form.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Change the VP of Sales meeting");
    expect(await item.innerText()).toContain("(Europe/Stockholm)");
    await page.close();
  });

  it("says so in the Rhythms section when the rhythms cannot be read, and shows the rest of the dashboard", async () => {
    const page = await context.newPage();
    await page.route("**/api/circles/*/rhythms", (route) =>
      route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "storage-unavailable", message: "The app cannot reach its storage right now. Try again in a minute." } }) }),
    );
    await page.goto(dashboardUrl);
    await page.locator("section[aria-labelledby=next-steps]").waitFor();
    expect(await page.locator("section[aria-labelledby=rhythms]").innerText()).toContain("The app cannot reach its storage right now. Try again in a minute.");
    expect(await page.locator("section[aria-labelledby=actions]").getByRole("button", { name: /^Mark done: / }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it("stays accessible with its new controls: no serious axe-core violation in light, dark and high contrast, and every control reachable by Tab, at 360, 720 and 1,400 px", { timeout: 120_000 }, async () => {
    for (const width of WIDTHS) {
      const page = await openDashboard(width);
      await page.getByRole("list", { name: "Weakest areas and next steps" }).getByRole("button").first().click();
      await page.locator("section[aria-labelledby=rhythms]").getByRole("button", { name: /^Set the / }).first().click();
      for (const theme of ["Light", "Dark", "High contrast"]) {
        await page.getByLabel("Theme").selectOption({ label: theme });
        await page.waitForFunction(() => document.getAnimations().length === 0);
        expect(await seriousAxeViolations(page), `${theme} at ${width} px`).toEqual([]);
      }
      expect(await overflowingCards(page), `at ${width} px`).toEqual([]);
      expect((await sidewaysScrolling(page)).filter((what) => what.startsWith("the page")), `at ${width} px`).toEqual([]);
      const controls = await markVisibleControls(page);
      expect(controls).toEqual(expect.arrayContaining(["button: Add action", "button: Save rhythm", "button: Create invitation"]));
      const stops = await walkTabOrder(page, controls);
      expect(stops.map((stop) => stop.control)).toEqual(controls);
      expect(stops.filter((stop) => !stop.focusVisible).map((stop) => stop.control)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `acting-forms-open-${width}.png`), fullPage: true });
      for (const section of ["next-steps", "rhythms"]) await page.locator(`section[aria-labelledby=${section}]`).screenshot({ path: path.join(SCREENSHOTS, `acting-${section}-form-${width}.png`) });
      await page.close();
    }
  });
});
