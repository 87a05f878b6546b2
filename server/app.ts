import restify, { type Request, type Server } from "restify";
import type { TableStoreFactory } from "../storage/table-store.js";
import { requestLogger, type Logger } from "../platform/logger.js";
import type { RouteModule } from "../platform/http.js";

export interface AppDependencies {
  logger: Logger;
  storage: TableStoreFactory;
  routes?: readonly RouteModule[];
}

/** The one place where the HTTP server is wired: middleware, health, then each module's routes. */
export function createApp({ logger, storage, routes = [] }: AppDependencies): Server {
  const server = restify.createServer({ name: "partnering-maturity", handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
  server.use((req, res, next) => {
    res.header("x-request-id", req.id());
    next();
  });
  server.on("after", (req: Request, res: restify.Response) => {
    requestLogger(logger, req).info({ method: req.method, path: req.getPath(), status: res.statusCode, ms: Date.now() - req.time() }, "request");
  });
  server.get("/healthz", async (_req, res) => {
    const storageUp = await storage.ping();
    res.json(storageUp ? 200 : 503, { status: storageUp ? "ok" : "degraded", storage: storageUp ? "up" : "down" });
  });
  for (const mount of routes) mount(server);
  return server;
}
