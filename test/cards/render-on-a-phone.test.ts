import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_CARDS } from "../bot/support/card-gallery.js";
import { REMINDER_CARDS } from "../reminders/card-gallery.js";
import { PHONE_CARD_WIDTH, prepareCardPage, renderCard } from "../support/card-render.js";
import { chromiumMissingReason, launchChromium } from "../tab/support/browser.js";

/**
 * Every card the bot sends, drawn by the Adaptive Cards renderer in Chromium in the column Teams
 * mobile gives a card on a 360 px phone: nothing may be cut off or stick out. Screenshots of each
 * go to test-results/cards/ for a person to look at.
 */
const SCREENSHOTS = path.resolve("test-results/cards");
const EVERY_CARD: readonly [string, unknown][] = [...BOT_CARDS, ...Object.entries(REMINDER_CARDS).map(([name, card]): [string, unknown] => [`reminder: ${name}`, card])];
const skip = chromiumMissingReason();

let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (skip) return;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await prepareCardPage(page);
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

function fileNameOf(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-360.png`;
}

describe.skipIf(skip)(`on a 360 px phone (a ${PHONE_CARD_WIDTH} px card column)`, () => {
  it.each(EVERY_CARD)("%s shows all its text and buttons, nothing cut off", async (name, card) => {
    const rendered = await renderCard(page, card);
    await page.locator("#card").screenshot({ path: path.join(SCREENSHOTS, fileNameOf(name)) });
    expect(rendered.renderErrors).toEqual([]);
    expect(rendered.clipped).toEqual([]);
  });

  it("the check itself notices a button title too long for the phone", async () => {
    const card = { type: "AdaptiveCard", version: "1.5", body: [], actions: ["One", "Two", "A button title far too long to fit beside two others on a phone"].map((title) => ({ type: "Action.Execute", title, verb: "x" })) };
    expect((await renderCard(page, card)).clipped.join("\n")).toMatch(/cut off: A button title far too long/);
  });
});
