import { randomUUID } from "node:crypto";
import { startAzurite } from "../storage/azure/azurite.js";
import { median, type BenchFigure } from "./figures.js";
import { buildServer, COMPILED, startServerProcess, THROUGH_TSX } from "./server-process.js";

/**
 * The production runtime against the developer's: the compiled server (`node dist/server/start.js`,
 * as App Service runs it) and the sources through tsx (what `npm start` runs after its tab build),
 * each started several times, alternating, on the same Azurite. Start-up is spawn → first healthy
 * /healthz; idle RSS is read from /proc after a few quiet seconds.
 */
export const title = "Start-up and idle memory: compiled server vs tsx";

const ROUNDS = Number(process.env.STARTUP_ROUNDS ?? 5);
const IDLE_MS = 3_000;

export async function run(): Promise<BenchFigure[]> {
  buildServer();
  const azurite = await startAzurite();
  const samples = { compiled: { startup: [] as number[], rss: [] as number[] }, tsx: { startup: [] as number[], rss: [] as number[] } };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [runtime, args] of [["compiled", COMPILED], ["tsx", THROUGH_TSX]] as const) {
        // Its own tables each time, so every start creates them as a first deployment would.
        const server = await startServerProcess(args, azurite.connectionString, `st${randomUUID().replace(/-/g, "").slice(0, 10)}`);
        await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
        samples[runtime].startup.push(server.startupMs);
        samples[runtime].rss.push(server.rssBytes());
        await server.stop();
      }
    }
  } finally {
    await azurite.stop();
  }
  const ms = (values: number[]) => Math.round(median(values));
  const mb = (values: number[]) => Math.round((median(values) / 1024 / 1024) * 10) / 10;
  const ratio = (a: number[], b: number[]) => Math.round((median(a) / median(b)) * 100) / 100;
  return [
    { name: "startup: compiled server (node dist/server/start.js) spawn → healthy /healthz, median", value: ms(samples.compiled.startup), unit: "ms", goal: "< tsx" },
    { name: "startup: sources through tsx (npm start's runtime) spawn → healthy /healthz, median", value: ms(samples.tsx.startup), unit: "ms", goal: "baseline (issue: ≈ 1.4 s)" },
    { name: "startup: compiled vs tsx start-up (median ratio)", value: ratio(samples.compiled.startup, samples.tsx.startup), unit: "×", goal: "< 1" },
    { name: "startup: compiled server idle RSS, median", value: mb(samples.compiled.rss), unit: "MB", goal: "< tsx" },
    { name: "startup: sources through tsx idle RSS, median", value: mb(samples.tsx.rss), unit: "MB", goal: "baseline (issue: ≈ 184 MB)" },
    { name: "startup: compiled vs tsx idle RSS (median ratio)", value: ratio(samples.compiled.rss, samples.tsx.rss), unit: "×", goal: "< 1" },
  ];
}
