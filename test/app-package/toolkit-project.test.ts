import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../platform/config.js";
import { parseEnvFile, placeholdersIn } from "../../scripts/app-package.js";

/** The toolkit actions this project uses, with the inputs each one requires (from the toolkit's action reference). */
const KNOWN_ACTIONS: Record<string, { with: readonly string[]; writes?: readonly string[] }> = {
  "teamsApp/create": { with: ["name"], writes: ["teamsAppId"] },
  "aadApp/create": { with: ["name", "generateClientSecret", "signInAudience"], writes: ["clientId", "objectId"] },
  "aadApp/update": { with: ["manifestPath", "outputFilePath"] },
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
  script: { with: ["run"] },
};
const LIFECYCLES = ["provision", "deploy", "publish"] as const;

interface Action {
  uses: string;
  env?: Record<string, string>;
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
  it("parses as version v1.11, whose aadApp/create makes the service principal a single-tenant bot needs", async () => {
    const { text, yml } = await project(file);
    expect(yml.version).toBe("v1.11");
    expect(text).toContain("$schema=https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json");
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

/** Stands in for every value that only exists after provisioning (a client id, a tenant id). */
const PROVISIONED = "44444444-4444-4444-8444-444444444444";

/** The `{ name: 'X', value: … }` entries of a Bicep array variable: literals as written, expressions as PROVISIONED. */
function bicepSettings(bicep: string, variable: string): Record<string, string> {
  const block = new RegExp(`^var ${variable} = \\[\\n([\\s\\S]*?)^\\]`, "m").exec(bicep)?.[1];
  expect(block, `infra/azure.bicep declares ${variable}`).toBeDefined();
  const entries = [...(block ?? "").matchAll(/\{ name: '([^']+)', value: (.+?) \}$/gm)];
  return Object.fromEntries(entries.map(([, name = "", value = ""]) => [name, /^'[^']*'$/.test(value) ? value.slice(1, -1) : PROVISIONED]));
}

function provisionStep(yml: ProjectFile, uses: string, writes?: string): { step: Action; index: number } {
  const steps = yml.provision ?? [];
  const index = steps.findIndex((action) => action.uses === uses && (writes === undefined || action.writeToEnvironmentFile?.clientId === writes));
  const step = steps[index];
  if (!step) throw new Error(`no provision step ${uses}${writes ? ` writing ${writes}` : ""}`);
  return { step, index };
}

describe("the bot's registration: a SingleTenant Azure Bot for a multi-tenant Entra app, the same in Bicep, the toolkit files and the server's configuration", () => {
  it("Bicep registers the Azure Bot as SingleTenant by default, in the subscription's tenant, and never as MultiTenant", async () => {
    const bicep = await readFile("infra/azure.bicep", "utf8");
    expect(bicep).toMatch(/@allowed\(\[\n {2}'SingleTenant'\n {2}'UserAssignedMSI'\n\]\)\nparam botAppType string = 'SingleTenant'/);
    expect(bicep).toContain("msaAppType: botAppType");
    expect(bicep).toContain("msaAppId: botIsManagedIdentity ? identity.properties.clientId : botAppId");
    expect(bicep).toContain("var botTenantId = tenant().tenantId");
    expect(bicep).toContain("msaAppTenantId: botTenantId");
    expect(bicep).not.toContain("MultiTenant");
    const parameters = JSON.parse(await readFile("infra/azure.parameters.json", "utf8")) as { parameters: Record<string, { value: unknown }> };
    expect(parameters.parameters.botAppType?.value).toBe("SingleTenant");
    expect(parameters.parameters.botAppId?.value).toBe("${{BOT_ID}}");
  });

  it("the App Service's settings are the ones the server reads as that registration: a federated credential for SingleTenant, the identity itself for UserAssignedMSI", async () => {
    const bicep = await readFile("infra/azure.bicep", "utf8");
    expect(bicep).toContain("var botIsManagedIdentity = botAppType == 'UserAssignedMSI'");
    expect(bicep).toContain("], botIsManagedIdentity ? managedIdentityBotSettings : federatedBotSettings)");

    const federated = bicepSettings(bicep, "federatedBotSettings");
    expect(federated.MicrosoftAppType).toBe("SingleTenant");
    expect(loadConfig(federated).bot).toEqual({ mode: "federated", appType: "SingleTenant", appId: PROVISIONED, appTenantId: PROVISIONED, managedIdentityClientId: PROVISIONED });

    const managedIdentity = bicepSettings(bicep, "managedIdentityBotSettings");
    expect(managedIdentity.MicrosoftAppType).toBe("UserAssignedMSI");
    expect(loadConfig(managedIdentity).bot).toEqual({ mode: "managed-identity", appType: "UserAssignedMSI", appId: PROVISIONED, appTenantId: PROVISIONED });
  });

  it("teamsapp.yml creates the bot's Entra app multi-tenant, with its service principal and no secret, hands it to Bicep, then adds the federated credential", async () => {
    const { yml } = await project("teamsapp.yml");
    const botApp = provisionStep(yml, "aadApp/create", "BOT_ID");
    expect(botApp.step.with).toMatchObject({ signInAudience: "AzureADMultipleOrgs", generateServicePrincipal: true, generateClientSecret: false });
    expect(botApp.step.writeToEnvironmentFile).toMatchObject({ objectId: "BOT_OBJECT_ID", tenantId: "BOT_TENANT_ID" });
    const deploy = provisionStep(yml, "arm/deploy");
    const credential = provisionStep(yml, "script");
    expect(String(credential.step.with?.run)).toBe("node --import tsx scripts/bot-federated-credential.ts");
    expect(credential.step.env).toEqual({
      BOT_OBJECT_ID: "${{BOT_OBJECT_ID}}",
      BOT_TENANT_ID: "${{BOT_TENANT_ID}}",
      BOT_IDENTITY_PRINCIPAL_ID: "${{BOT_IDENTITY_PRINCIPAL_ID}}",
      BOT_IDENTITY_TENANT_ID: "${{BOT_IDENTITY_TENANT_ID}}",
    });
    expect(botApp.index).toBeLessThan(deploy.index);
    expect(deploy.index).toBeLessThan(credential.index);
    const outputs = await bicepOutputs();
    for (const output of ["BOT_IDENTITY_PRINCIPAL_ID", "BOT_IDENTITY_TENANT_ID"]) expect(outputs.has(output), `Bicep outputs ${output}`).toBe(true);
    expect((yml.provision ?? []).map((action) => action.uses), "the Azure Bot comes from Bicep, not from the Developer Portal").not.toContain("botFramework/create");
  });

  it("teamsapp.local.yml creates the same kind of Entra app with a secret, registers it in the Developer Portal, and hands the server a single-tenant bot with a client secret", async () => {
    const { yml } = await project("teamsapp.local.yml");
    const botApp = provisionStep(yml, "aadApp/create", "BOT_ID");
    expect(botApp.step.with).toMatchObject({ signInAudience: "AzureADMultipleOrgs", generateServicePrincipal: true, generateClientSecret: true });
    expect(botApp.step.writeToEnvironmentFile).toMatchObject({ clientSecret: "SECRET_BOT_PASSWORD", tenantId: "BOT_TENANT_ID" });
    expect(provisionStep(yml, "botFramework/create").step.with?.botId).toBe("${{BOT_ID}}");

    const localConfigs = (yml.deploy ?? []).find((action) => action.uses === "file/createOrUpdateEnvironmentFile" && action.with?.target === "./.localConfigs");
    const envs = (localConfigs?.with?.envs ?? {}) as Record<string, string>;
    // What the toolkit writes there: an address for *_ENDPOINT, an id or secret for the rest.
    const filled = Object.fromEntries(Object.entries(envs).map(([name, value]) => [name, String(value).replace(/\$\{\{\s*[A-Z_]+\s*\}\}/g, name.endsWith("_ENDPOINT") ? "https://pm-local.example.devtunnels.ms" : PROVISIONED)]));
    expect(loadConfig(filled).bot).toEqual({ mode: "client-secret", appType: "SingleTenant", appId: PROVISIONED, appTenantId: PROVISIONED, appPassword: PROVISIONED });
  });

  it("the tab's and the bot's Entra apps accept every organisation", async () => {
    expect((JSON.parse(await readFile("aad.manifest.json", "utf8")) as { signInAudience: string }).signInAudience).toBe("AzureADMultipleOrgs");
    for (const file of ["teamsapp.yml", "teamsapp.local.yml"]) {
      const { text, yml } = await project(file);
      const entraApps = (yml.provision ?? []).filter((action) => action.uses === "aadApp/create");
      expect(entraApps.map((action) => action.writeToEnvironmentFile?.clientId)).toEqual(["TAB_CLIENT_ID", "BOT_ID"]);
      for (const app of entraApps) expect(app.with?.signInAudience, `${file}: ${String(app.with?.name)}`).toBe("AzureADMultipleOrgs");
      expect(text).not.toContain("MultiTenant");
      expect(text, "botAadApp/create makes neither the service principal nor a choice of audience").not.toContain("botAadApp/create");
    }
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
