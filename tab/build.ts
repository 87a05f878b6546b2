import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TAB_DIST_DIRECTORY } from "./api/static-files.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** What the built tab is made from: a change in any of these makes tab/dist stale. */
const SOURCES = ["tab/app", "tab/shared", "core/model", "core/scoring", "core/schedule", "tab/vite.config.ts", "package-lock.json"];

function newestChange(entry: string): number {
  const info = statSync(entry, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

export function tabBuildIsCurrent(): boolean {
  const built = statSync(path.join(TAB_DIST_DIRECTORY, "index.html"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...SOURCES.map((source) => newestChange(path.join(ROOT, source))));
  return built > sources;
}

/** Builds the tab with Vite (as `npm run build:tab`) when tab/dist is missing or older than its sources. */
export function ensureTabBuilt(): "current" | "built" {
  if (tabBuildIsCurrent()) return "current";
  // NODE_ENV=production, or Vite bundles React's development build (e.g. under vitest, where NODE_ENV is "test").
  const env = { ...process.env, NODE_ENV: "production" };
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "tab/vite.config.ts"], { cwd: ROOT, encoding: "utf8", env });
  if (result.status !== 0) throw new Error(`The tab did not build:\n${result.stdout}\n${result.stderr}`);
  return "built";
}

/** `npm start` runs this first: a fresh clone gets its tab built once; later starts skip it. Deployments build with `npm run build`. */
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.env.NODE_ENV === "production" || !existsSync(path.join(ROOT, "node_modules/vite"))) process.exit(0);
  if (!tabBuildIsCurrent()) process.stderr.write("Building the dashboard tab (first start only)…\n");
  ensureTabBuilt();
}
