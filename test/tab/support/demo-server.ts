import { manualClock } from "../../../core/clock.js";
import { buildDemoCircle, type DemoCircle, type DemoCircleOptions } from "../../../tab/demo/demo-circle.js";
import { writeDemoCircle } from "../../../tab/demo/write-demo.js";
import { startTestServer, type TestServer, type TestServerOptions } from "../../support/server.js";

/** A fixed "now" in the middle of 2026-Q3, so cycles, meetings and due dates are the same on every run. */
export const DEMO_NOW = new Date("2026-08-14T10:00:00.000Z");

export interface DemoServer {
  server: TestServer;
  demo: DemoCircle;
}

/** The real server on fresh Azurite tables, with the demo circle written the way `npm run seed-demo` writes it. */
export async function startDemoServer(options: { server?: TestServerOptions; demo?: Partial<DemoCircleOptions> } = {}): Promise<DemoServer> {
  const clock = options.server?.clock ?? manualClock(DEMO_NOW);
  const server = await startTestServer({ ...options.server, clock });
  const demo = buildDemoCircle({ now: clock.now(), ...options.demo });
  await writeDemoCircle(server.context.storage, server.context.repositories, demo);
  return { server, demo };
}
