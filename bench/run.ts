import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { printFigures, recordFigures, type BenchFigure } from "./figures.js";

/**
 * `npm run bench`: runs every bench/*.bench.ts (or only those whose name contains argv[2]),
 * each exporting `title` and `run(): Promise<BenchFigure[]>`, and records the figures in bench/results/latest.json.
 */
interface BenchModule {
  title: string;
  run(): Promise<BenchFigure[]>;
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? "";
  const directory = path.resolve("bench");
  const files = (await readdir(directory)).filter((file) => file.endsWith(".bench.ts") && file.includes(filter)).sort();
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(directory, file)).href)) as BenchModule;
    const figures = await module.run();
    await recordFigures(figures);
    printFigures(module.title, figures);
  }
  process.stdout.write(`\nFigures written to bench/results/latest.json\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
