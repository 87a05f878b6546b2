import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { ensureTabBuilt } from "../../../tab/build.js";

/** Debian's chromium (scripts/ensure-chromium.sh installs it); playwright-core downloads nothing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function chromiumMissingReason(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `Chromium is not installed at ${CHROMIUM_PATH}: run scripts/ensure-chromium.sh`;
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Where browser tests put their screenshots (git-ignored). */
export const TAB_SCREENSHOTS = path.join(ROOT, "test-results", "tab");

/** What every browser test needs first: Debian's chromium (installed if missing), the tab built, the screenshot folder. */
export async function readyForBrowserTests(): Promise<void> {
  if (chromiumMissingReason()) spawnSync(path.join(ROOT, "scripts/ensure-chromium.sh"), { stdio: "inherit", timeout: 300_000 });
  const missing = chromiumMissingReason();
  if (missing) throw new Error(missing);
  ensureTabBuilt();
  await mkdir(TAB_SCREENSHOTS, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A browser context that can reach only the loopback server: teams-js's CDN fetch (and anything else) is aborted. */
export async function loopbackOnlyContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.route("**/*", (route) => {
    const { hostname } = new URL(route.request().url());
    return hostname === "127.0.0.1" ? route.continue() : route.abort();
  });
  return context;
}
