import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { Refusal, type Reply, type Route, type RouteRequest } from "../../platform/http.js";
import { projectRoot } from "../../platform/paths.js";

/** Where `npm run build:tab` (Vite) puts the tab. */
export const TAB_DIST_DIRECTORY = path.join(projectRoot(), "tab", "dist");
export const TAB_BASE_PATH = "/tab/";

const gzipAsync = promisify(gzip);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".svg", ".map"]);

/**
 * Teams shows the tab in an iframe on these hosts; no other site may frame it.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements
 */
const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.teams.microsoft.us",
  "https://local.teams.office.com",
  "https://*.office.com",
  "https://*.microsoft365.com",
  "https://*.cloud.microsoft",
  "https://outlook.office.com",
  "https://outlook.office365.com",
].join(" ");

interface CachedFile {
  modifiedMs: number;
  body: Buffer;
  gzipped: Buffer | undefined;
}

/**
 * Serves the built tab under /tab/. Hashed assets are cached for a year; everything else is
 * revalidated. Paths without a file extension (/tab/config, /tab/personal) get index.html, the
 * tab's own router picks the page.
 */
export function tabStaticRoutes(directory = TAB_DIST_DIRECTORY): Route[] {
  const cache = new Map<string, CachedFile>();
  return [
    { method: "GET", path: "/tab", handle: async (_request, reply) => reply.empty(302, { location: TAB_BASE_PATH }) },
    { method: "GET", path: "/tab/*", handle: (request, reply) => serveTabFile(request, reply, directory, cache) },
  ];
}

async function serveTabFile(request: RouteRequest, reply: Reply, directory: string, cache: Map<string, CachedFile>): Promise<void> {
  const relative = decodedRelativePath(request.path);
  const file = relative === undefined ? undefined : await findFile(directory, relative);
  if (!file) throw new Refusal(404, "not-found", "There is no such file in the tab.");
  try {
    await sendFile(request, reply, file, cache);
  } catch (error) {
    request.log.error({ err: error, file: path.basename(file) }, "tab file could not be served");
    throw new Refusal(503, "tab-not-built", "The tab has not been built. Run: npm run build:tab");
  }
}

function decodedRelativePath(requestPath: string): string | undefined {
  try {
    const relative = decodeURIComponent(requestPath.slice(TAB_BASE_PATH.length));
    return relative.includes("\0") ? undefined : relative;
  } catch {
    return undefined;
  }
}

/** The file for a path, never outside the tab's folder; index.html for the tab's own routes. */
async function findFile(directory: string, relative: string): Promise<string | undefined> {
  const root = path.resolve(directory);
  const candidate = path.resolve(root, relative);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  if (path.extname(candidate) === "") return path.join(root, "index.html");
  const info = await stat(candidate).catch(() => undefined);
  return info?.isFile() ? candidate : undefined;
}

async function sendFile(request: RouteRequest, reply: Reply, file: string, cache: Map<string, CachedFile>): Promise<void> {
  const extension = path.extname(file);
  const cached = await loadFile(file, COMPRESSIBLE.has(extension), cache);
  const acceptsGzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  const body = acceptsGzip && cached.gzipped ? cached.gzipped : cached.body;
  const isHashedAsset = file.includes(`${path.sep}assets${path.sep}`);
  reply.raw(200, body, {
    "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream",
    "cache-control": isHashedAsset ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    vary: "accept-encoding",
    ...(body === cached.gzipped ? { "content-encoding": "gzip" } : {}),
    ...(extension === ".html" ? { "content-security-policy": `frame-ancestors ${FRAME_ANCESTORS}` } : {}),
  });
}

async function loadFile(file: string, compressible: boolean, cache: Map<string, CachedFile>): Promise<CachedFile> {
  const { mtimeMs } = await stat(file);
  const cached = cache.get(file);
  if (cached && cached.modifiedMs === mtimeMs) return cached;
  const body = await readFile(file);
  const entry: CachedFile = { modifiedMs: mtimeMs, body, gzipped: compressible ? await gzipAsync(body) : undefined };
  cache.set(file, entry);
  return entry;
}
