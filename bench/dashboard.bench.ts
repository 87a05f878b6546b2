import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { manualClock } from "../core/clock.js";
import { startServer, type RunningServer } from "../server/compose.js";
import { loadConfig } from "../platform/config.js";
import { createLogger } from "../platform/logger.js";
import { startAzurite } from "../storage/azure/azurite.js";
import { AzureTableStoreFactory } from "../storage/azure/azure-table-store.js";
import { countingFactory } from "../storage/counting.js";
import { openRepositories } from "../storage/index.js";
import { circleKeys, TABLES } from "../storage/partitions.js";
import { buildDashboard } from "../tab/api/dashboard.js";
import { TAB_DIST_DIRECTORY } from "../tab/api/static-files.js";
import { buildDemoCircle } from "../tab/demo/demo-circle.js";
import { writeDemoCircle } from "../tab/demo/write-demo.js";
import { launchChromium, loopbackOnlyContext } from "../test/tab/support/browser.js";
import { ensureTabBuilt } from "../tab/build.js";
import { median, type BenchFigure } from "./figures.js";

export const title = "Dashboard: API and tab for a 50-company circle with 8 cycles of self- and peer assessments";

const COMPANIES = 50;
const CYCLES = 8;
const PEERS_PER_COMPANY = 3;
const API_ROUNDS = 25;
const RENDER_ROUNDS = 5;
const NOW = new Date("2026-08-14T10:00:00.000Z");

export async function run(): Promise<BenchFigure[]> {
  ensureTabBuilt();
  const azurite = await startAzurite();
  let server: RunningServer | undefined;
  try {
    const storage = countingFactory(new AzureTableStoreFactory({ kind: "connection-string", connectionString: azurite.connectionString }, "benchdash"));
    const repositories = await openRepositories(storage);
    const demo = buildDemoCircle({ now: NOW, companies: COMPANIES, cycles: CYCLES, peersPerCompany: PEERS_PER_COMPANY, circleId: "bench-circle", name: "Benchmark Alliance" });
    const rows = await writeDemoCircle(storage, repositories, demo);
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });
    server = await startServer({ config, logger: createLogger("silent"), clock: manualClock(NOW), storage, repositories }, { port: 0, host: "127.0.0.1", backgroundServices: false });
    const api = await apiAgainstRawRead(server.url, storage, demo.circle.circleId);
    const assembly = await inProcessAssembly(repositories, demo.circle.circleId, demo.members[0]?.company.companyId ?? "");
    const render = await firstCompleteRender(`${server.url}/tab/?circle=${demo.circle.circleId}`);
    const bundle = await initialJavaScript();
    return [
      { name: "dashboard.circle-rows", value: rows, unit: "rows", goal: `${COMPANIES} companies × ${CYCLES} cycles × (1 self + ${PEERS_PER_COMPANY} peer) + members, meetings, actions` },
      { name: "dashboard.api.median", value: round(api.api), unit: "ms", goal: "≤ 1.3× raw read" },
      { name: "dashboard.raw-partition-read.median", value: round(api.raw), unit: "ms", goal: "baseline" },
      { name: "dashboard.api-vs-raw", value: round(api.api / api.raw), unit: "×", goal: "≤ 1.3" },
      { name: "dashboard.assembly.median", value: round(assembly), unit: "ms", goal: "informational: buildDashboard alone (pure, no I/O)" },
      { name: "dashboard.api.storage-requests", value: api.requests, unit: "requests", goal: "one partition query: ⌈rows ÷ 1,000⌉ pages" },
      { name: "dashboard.api.response-size", value: round(api.bytes / 1024), unit: "KB", goal: "informational (JSON, before gzip)" },
      { name: "dashboard.tab.first-complete-render.median", value: Math.round(render), unit: "ms", goal: "informational: heatmap, radar and trend drawn, cold load in headless Chromium" },
      { name: "dashboard.tab.initial-js-gzip", value: round(bundle.initial / 1024), unit: "KB", goal: "≤ 250 KB" },
      { name: "dashboard.tab.charts-js-gzip", value: round(bundle.charts / 1024), unit: "KB", goal: "informational: loaded once the dashboard has data" },
      { name: "dashboard.tab.teams-js-gzip", value: round(bundle.teams / 1024), unit: "KB", goal: "informational: loaded only inside Teams" },
    ];
  } finally {
    await server?.close();
    await azurite.stop();
  }
}

/** The API (HTTP, local mode, JSON) against reading the same partition straight from storage. */
async function apiAgainstRawRead(url: string, storage: ReturnType<typeof countingFactory>, circleId: string): Promise<{ api: number; raw: number; requests: number; bytes: number }> {
  const circles = await storage.table(TABLES.circles);
  const dashboardUrl = `${url}/api/circles/${circleId}/dashboard`;
  const rawTimes: number[] = [];
  const apiTimes: number[] = [];
  let requests = 0;
  let bytes = 0;
  for (let round = 0; round < API_ROUNDS + 2; round += 1) {
    const raw = await timed(() => circles.list(circleKeys.partition(circleId)));
    storage.reset();
    const api = await timed(async () => {
      const response = await fetch(dashboardUrl);
      if (!response.ok) throw new Error(`Dashboard API answered ${response.status}`);
      bytes = (await response.arrayBuffer()).byteLength;
    });
    requests = storage.requests;
    if (round < 2) continue;
    rawTimes.push(raw);
    apiTimes.push(api);
  }
  return { api: median(apiTimes), raw: median(rawTimes), requests, bytes };
}

/** The pure assembly (scoring and arranging) on its own, to see how the API's time splits. */
async function inProcessAssembly(repositories: Awaited<ReturnType<typeof openRepositories>>, circleId: string, viewerCompanyId: string): Promise<number> {
  const snapshot = await repositories.circles.snapshot(circleId);
  if (!snapshot) throw new Error("The benchmark circle is missing");
  const times: number[] = [];
  for (let round = 0; round < API_ROUNDS; round += 1) times.push(await timed(async () => buildDashboard({ snapshot, viewerCompanyId, now: NOW })));
  return median(times);
}

/** Cold loads in headless Chromium, from navigation to the last of heatmap, radar and trend being drawn. */
async function firstCompleteRender(dashboardUrl: string): Promise<number> {
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let round = 0; round < RENDER_ROUNDS; round += 1) {
      const context = await loopbackOnlyContext(browser);
      const page = await context.newPage();
      await page.goto(dashboardUrl);
      await page.waitForFunction(() => ["heatmap", "radar", "trend"].every((name) => performance.getEntriesByName(`dashboard:${name}-rendered`).length > 0), undefined, { timeout: 30_000 });
      times.push(await page.evaluate(() => Math.max(...["heatmap", "radar", "trend"].map((name) => performance.getEntriesByName(`dashboard:${name}-rendered`)[0]?.startTime ?? Number.NaN))));
      await context.close();
    }
    return median(times);
  } finally {
    await browser.close();
  }
}

/** Gzip sizes (as the server sends them) of what index.html loads at once, and of the chunks loaded later. */
async function initialJavaScript(): Promise<{ initial: number; charts: number; teams: number }> {
  const html = await readFile(path.join(TAB_DIST_DIRECTORY, "index.html"), "utf8");
  const initialFiles = [...html.matchAll(/(?:src|href)="\/tab\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
  const gzipped = async (file: string): Promise<number> => gzipSync(await readFile(path.join(TAB_DIST_DIRECTORY, file))).byteLength;
  const assets = await readdir(path.join(TAB_DIST_DIRECTORY, "assets"));
  const sizeOf = async (prefix: string): Promise<number> => {
    const file = assets.find((name) => name.startsWith(prefix) && name.endsWith(".js"));
    return file ? gzipped(path.join("assets", file)) : 0;
  };
  const initial = (await Promise.all(initialFiles.map(gzipped))).reduce((sum, size) => sum + size, 0);
  return { initial, charts: await sizeOf("charts-"), teams: await sizeOf("teams-js-") };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
