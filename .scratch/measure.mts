import { chromium } from "playwright-core";
import { prepareCardPage } from "/work/main/test/support/card-render.ts";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
await prepareCardPage(page);
const titles = ["Next", "Back", "Save and continue later", "Start over", "We held this meeting", "Snooze 1 day", "Skip this one", "Turn a gap into an action", "Assess my company", "Revoke the invitation for Northwind", "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ"];
console.log(await page.evaluate((titles) => titles.map((t) => { const b = document.createElement("button"); b.className = "ac-pushButton"; b.style.whiteSpace = "nowrap"; b.style.position = "absolute"; b.textContent = t; document.body.appendChild(b); const w = b.getBoundingClientRect().width; b.remove(); return [t, t.length, Math.round(w), Math.round((w - 22) / t.length * 10) / 10]; }), titles));
await browser.close();
