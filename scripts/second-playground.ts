import { writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { ConfigError, loadConfig } from "../platform/config.js";
import { isRunning, lastLocalRun } from "../platform/local-run.js";
import { SECOND_LOCAL_USER } from "../platform/local-users.js";
import { secondOrganisationConfig, startPlayground } from "../server/playground.js";

/**
 * `npm run playground:second`: a second Microsoft 365 Agents Playground, pointed at the running bot,
 * as Megan Bowen of another organisation (tenant) — so that one machine can try a circle of trust
 * between two companies: invite her company in the first Playground, type `join <code>` here.
 * The Playground reads `.m365agentsplayground.yml` from its working folder (DATA_DIR/second-organisation).
 */
const SECOND_PLAYGROUND_PORT = 56151;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const dataDirectory = config.storage.kind === "embedded-azurite" ? config.storage.dataDirectory : config.playground?.workingDirectory ?? ".data";
  const run = await lastLocalRun(dataDirectory);
  const botUrl = isRunning(run) && run ? run.url : `http://127.0.0.1:${config.port}`;
  const workingDirectory = path.resolve(dataDirectory, "second-organisation");
  const playground = await startPlayground({ botEndpoint: `${botUrl}/api/messages`, port: Number(process.env.PLAYGROUND_SECOND_PORT ?? SECOND_PLAYGROUND_PORT), workingDirectory, beforeStart: async () => writeFile(path.join(workingDirectory, ".m365agentsplayground.yml"), stringify(secondOrganisationConfig())) });
  if (!playground) throw new Error("The Agents Playground is not installed; run npm install.");
  process.stderr.write(
    [
      "",
      `A second organisation's Teams, as ${SECOND_LOCAL_USER.name} (tenant ${SECOND_LOCAL_USER.tenantId}):`,
      `  Chat with the bot:  ${playground.url}   — type "company Fabrikam", then "join <code>" with a code from the first Playground`,
      `  Her dashboard tab:  ${botUrl}/tab/?devUser=${encodeURIComponent(`${SECOND_LOCAL_USER.tenantId}/${SECOND_LOCAL_USER.aadObjectId}`)}`,
      isRunning(run) ? "" : `  (No running app found in ${dataDirectory}; start it with npm start in another terminal.)`,
      "",
    ].join("\n"),
  );
  const stop = async (): Promise<void> => {
    await playground.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `The second Playground did not start: ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(1);
});
