import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseEnvFile, placeholdersIn } from "../../scripts/app-package.js";

/** The toolkit actions this project uses, with the inputs each one requires (from the toolkit's action reference). */
const KNOWN_ACTIONS: Record<string, { with: readonly string[]; writes?: readonly string[] }> = {
  "teamsApp/create": { with: ["name"], writes: ["teamsAppId"] },
  "aadApp/create": { with: ["name", "generateClientSecret", "signInAudience"], writes: ["clientId", "objectId"] },
  "aadApp/update": { with: ["manifestPath", "outputFilePath"] },
  "botAadApp/create": { with: ["name"], writes: ["botId", "botPassword"] },
  "botFramework/create": { with: ["botId", "name", "messagingEndpoint", "channels"] },
  "arm/deploy": { with: ["subscriptionId", "resourceGroupName", "templates", "bicepCliVersion"] },
  "teamsApp/validateManifest": { with: ["manifestPath"] },
  "teamsApp/zipAppPackage": { with: ["manifestPath", "outputZipPath", "outputFolder"] },
  "teamsApp/validateAppPackage": { with: ["appPackagePath"] },
  "teamsApp/update": { with: ["appPackagePath"] },
  "teamsApp/publishAppPackage": { with: ["appPackagePath"], writes: ["publishedAppId"] },
  "cli/runNpmCommand": { with: ["args"] },
  "azureAppService/zipDeploy": { with: ["artifactFolder", "resourceId"] },
  "file/createOrUpdateEnvironmentFile": { with: ["target", "envs"] },
};
const LIFECYCLES = ["provision", "deploy", "publish"] as const;

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  version: string;
  environmentFolderPath: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

async function project(file: string): Promise<{ text: string; yml: ProjectFile }> {
  const text = await readFile(file, "utf8");
  return { text, yml: parse(text) as ProjectFile };
}

async function envKeys(environment: string): Promise<Set<string>> {
  return new Set(parseEnvFile(await readFile(`env/.env.${environment}`, "utf8")).keys());
}

/** Bicep outputs become environment variables after arm/deploy. */
async function bicepOutputs(): Promise<Set<string>> {
  const bicep = await readFile("infra/azure.bicep", "utf8");
  return new Set([...bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((match) => match[1] as string));
}

describe.each([
  { file: "teamsapp.yml", environment: "dev", lifecycles: ["provision", "deploy", "publish"] },
  { file: "teamsapp.local.yml", environment: "local", lifecycles: ["provision", "deploy"] },
])("$file", ({ file, environment, lifecycles }) => {
  it("parses as version v1.8, read by both the Agents Toolkit and the Teams Toolkit CLIs", async () => {
    const { yml } = await project(file);
    expect(yml.version).toBe("v1.8");
    expect(yml.environmentFolderPath).toBe("./env");
    expect(LIFECYCLES.filter((lifecycle) => yml[lifecycle] !== undefined)).toEqual(lifecycles);
  });

  it("uses only known lifecycle actions, each with the inputs it needs", async () => {
    const { yml } = await project(file);
    for (const lifecycle of LIFECYCLES) {
      for (const action of yml[lifecycle] ?? []) {
        const known = KNOWN_ACTIONS[action.uses];
        expect(known, `${lifecycle}: unknown action ${action.uses}`).toBeDefined();
        for (const input of known?.with ?? []) expect(action.with?.[input], `${action.uses} needs ${input}`).toBeDefined();
        for (const output of known?.writes ?? []) expect(action.writeToEnvironmentFile?.[output], `${action.uses} should write ${output}`).toBeDefined();
      }
    }
  });

  it("defines every ${{VAR}} it, the manifest, the Entra manifest and the Bicep parameters use", async () => {
    const { text, yml } = await project(file);
    const defined = await envKeys(environment);
    defined.add("TEAMSFX_ENV");
    for (const lifecycle of LIFECYCLES) {
      for (const action of yml[lifecycle] ?? []) {
        for (const variable of Object.values(action.writeToEnvironmentFile ?? {})) defined.add(variable);
        if (action.uses === "arm/deploy") for (const output of await bicepOutputs()) defined.add(output);
      }
    }
    const usedBy = {
      [file]: placeholdersIn(text),
      "appPackage/manifest.json": placeholdersIn(await readFile("appPackage/manifest.json", "utf8")),
      "aad.manifest.json": placeholdersIn(await readFile("aad.manifest.json", "utf8")),
      ...(yml.provision?.some((action) => action.uses === "arm/deploy") ? { "infra/azure.parameters.json": placeholdersIn(await readFile("infra/azure.parameters.json", "utf8")) } : {}),
    };
    for (const [source, variables] of Object.entries(usedBy)) {
      const undefinedVariables = variables.filter((variable) => !defined.has(variable));
      expect(undefinedVariables, `${source} uses variables no env file or action defines`).toEqual([]);
    }
  });

  it("keeps secrets out of committed env files", async () => {
    const values = parseEnvFile(await readFile(`env/.env.${environment}`, "utf8"));
    expect([...values.keys()].filter((key) => key.startsWith("SECRET_"))).toEqual([]);
    const gitignore = await readFile(".gitignore", "utf8");
    expect(gitignore).toMatch(/^env\/\.env\.\*\.user$/m);
  });
});

describe("Azure infrastructure", () => {
  it("gives the app a managed identity with table data access and no storage key or bot secret in app settings", async () => {
    const bicep = await readFile("infra/azure.bicep", "utf8");
    expect(bicep).toContain("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3");
    expect(bicep).toContain("{ name: 'TABLES_ACCOUNT_URL'");
    expect(bicep).toContain("allowSharedKeyAccess: false");
    expect(bicep).toContain("httpsOnly: true");
    expect(bicep).toContain("'NODE|20-lts'");
    expect(bicep).toContain("MsTeamsChannel");
    expect(bicep).not.toMatch(/listKeys|AccountKey|MicrosoftAppPassword|TABLES_CONNECTION_STRING/);
  });
});

describe("the deployed runtime", () => {
  it("App Service runs the compiled server with plain node and builds nothing at start", async () => {
    const bicep = await readFile("infra/azure.bicep", "utf8");
    expect(bicep).toContain("appCommandLine: 'node dist/server/start.js'");
    expect(bicep, "restify's DEP0111 warning stays out of the logs").toContain("{ name: 'NODE_OPTIONS', value: '--disable-warning=DEP0111' }");
    expect(bicep).toContain("{ name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }");
  });

  it("atk deploy compiles the server and builds the tab before zipping, and the zip keeps both", async () => {
    const { yml } = await project("teamsapp.yml");
    const steps = (yml.deploy ?? []).map((action) => `${action.uses} ${String(action.with?.args ?? "")}`.trim());
    expect(steps).toEqual(["cli/runNpmCommand ci --no-audit --no-fund", "cli/runNpmCommand run build", "azureAppService/zipDeploy"]);
    const scripts = (JSON.parse(await readFile("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toBe("npm run build:server && npm run build:tab");
    expect(scripts["build:server"]).toContain("tsc -p tsconfig.build.json");
    const ignored = (await readFile(".webappignore", "utf8")).split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
    expect(ignored.filter((line) => !line.startsWith("/")), "every ignored path is anchored at the top, so dist/server/ is not caught by /server/").toEqual([]);
    expect(ignored.filter((line) => /^\/(dist|tab\/dist|node_modules|package\.json)\b/.test(line))).toEqual([]);
  });
});
