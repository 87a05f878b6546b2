import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createBotRoutes } from "../bot/routes.js";
import { startReminderService, type BackgroundService } from "../reminders/service.js";
import { createTabRoutes } from "../tab/api/routes.js";
import { createApp } from "./app.js";
import type { Edge } from "../platform/edge.js";
import type { ServerContext } from "../platform/context.js";

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  edge: Edge;
  close(): Promise<void>;
}

/** The whole app on one server: health, bot, dashboard API and tab, plus the reminder dispatcher. */
export async function startServer(context: ServerContext, options: { port?: number; host?: string; backgroundServices?: boolean } = {}): Promise<RunningServer> {
  const { server, edge } = createApp({
    logger: context.logger,
    storage: context.storage,
    routes: [createBotRoutes(context), createTabRoutes(context)],
  });
  const host = options.host ?? context.config.host;
  await listen(server, options.port ?? context.config.port, host);
  const { port } = server.address() as AddressInfo;
  const services: BackgroundService[] = options.backgroundServices === false ? [] : [startReminderService(context)];
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  return {
    url,
    port,
    server,
    edge,
    close: async () => {
      await Promise.all(services.map((service) => service.stop()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
