import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * What `npm start` tells local tools about itself, in DATA_DIR/server.json: the port it serves on
 * and, while it runs, its process id. `npm run seed-demo` reads it to refuse writing under a running
 * app and to print the address the app really uses (whatever PORT it was started with).
 */
const localRunSchema = z.object({ port: z.number().int().min(1).max(65535), pid: z.number().int().positive().nullable(), url: z.string().max(200) });

export type LocalRun = z.infer<typeof localRunSchema>;

const FILE_NAME = "server.json";

export async function recordLocalRun(dataDirectory: string, run: LocalRun): Promise<void> {
  await mkdir(dataDirectory, { recursive: true });
  await writeFile(path.join(dataDirectory, FILE_NAME), `${JSON.stringify(run, null, 2)}\n`);
}

/** The last run recorded, or undefined when there is none (or the file is not ours). */
export async function lastLocalRun(dataDirectory: string): Promise<LocalRun | undefined> {
  const text = await readFile(path.join(dataDirectory, FILE_NAME), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = localRunSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the recorded process still runs (signal 0 only asks). */
export function isRunning(run: LocalRun | undefined): boolean {
  if (!run?.pid) return false;
  try {
    process.kill(run.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
