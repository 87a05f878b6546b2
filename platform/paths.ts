import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding package.json: the same whether this code runs as TypeScript from the
 * repository (platform/) or compiled (dist/platform/), so files the server reads at run time
 * (the built tab) are found from either.
 */
export function projectRoot(from: string = import.meta.url): string {
  let directory = path.dirname(fileURLToPath(from));
  while (!existsSync(path.join(directory, "package.json"))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${fileURLToPath(from)}`);
    directory = parent;
  }
  return directory;
}
