import type { Server } from "restify";
import { createBotRoutes } from "../bot/routes.js";
import { startReminderService, type BackgroundService } from "../reminders/service.js";
import { createTabRoutes } from "../tab/api/routes.js";
import { createApp } from "./app.js";
import type { ServerContext } from "../platform/context.js";

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** The whole app on one server: health, bot, dashboard API and tab, plus the reminder dispatcher. */
export async function startServer(context: ServerContext, options: { port?: number; host?: string; backgroundServices?: boolean } = {}): Promise<RunningServer> {
  const server = createApp({
    logger: context.logger,
    storage: context.storage,
    routes: [createBotRoutes(context), createTabRoutes(context)],
  });
  const host = options.host ?? context.config.host;
  await new Promise<void>((resolve) => server.listen(options.port ?? context.config.port, host, resolve));
  const address = server.address();
  const services: BackgroundService[] = options.backgroundServices === false ? [] : [startReminderService(context)];
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`;
  return {
    url,
    port: address.port,
    server,
    close: async () => {
      await Promise.all(services.map((service) => service.stop()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      await closed;
    },
  };
}
