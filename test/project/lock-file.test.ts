import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

/**
 * A newcomer's `npm install` must leave a fresh clone clean: npm rewrites package-lock.json whenever
 * its root entry (engines, dependencies, devDependencies) differs from package.json.
 */
describe("a fresh clone after npm install", () => {
  it("keeps the committed lock file, because its root entry says what package.json says", async () => {
    const manifest = JSON.parse(await readFile("package.json", "utf8")) as Record<string, unknown>;
    const lock = JSON.parse(await readFile("package-lock.json", "utf8")) as { packages: Record<string, Record<string, unknown>> };
    const root = lock.packages[""] ?? {};
    for (const field of ["engines", "dependencies", "devDependencies"]) {
      expect(root[field] ?? {}, `package-lock.json's root "${field}"`).toEqual(manifest[field] ?? {});
    }
  });
});
