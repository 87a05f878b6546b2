import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Fills the Teams app manifest the way the Agents Toolkit does: every `${{VAR}}` from
 * env/.env.<environment>, then env/.env.<environment>.user (secrets, git-ignored).
 */
export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match || line.trimStart().startsWith("#")) continue;
    values.set(match[1] as string, (match[2] as string).replace(/^"(.*)"$/, "$1").trim());
  }
  return values;
}

export async function readEnvironment(envDirectory: string, environment: string): Promise<Map<string, string>> {
  const values = new Map<string, string>([["TEAMSFX_ENV", environment]]);
  for (const file of [`.env.${environment}`, `.env.${environment}.user`]) {
    const text = await readFile(path.join(envDirectory, file), "utf8").catch(() => undefined);
    if (text !== undefined) for (const [key, value] of parseEnvFile(text)) values.set(key, value);
  }
  return values;
}

export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** Replaces every placeholder; names the ones that have no value so the person knows what to set. */
export function fillPlaceholders(text: string, values: ReadonlyMap<string, string>): string {
  const missing = placeholdersIn(text).filter((name) => !values.get(name));
  if (missing.length > 0) {
    throw new Error(`Set these in env/.env.<environment> (or run the toolkit's provision, which writes them): ${missing.join(", ")}`);
  }
  return text.replace(PLACEHOLDER, (_match, name: string) => values.get(name) as string);
}
