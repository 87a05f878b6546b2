import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";

/**
 * Lets the bot's Entra app trust the App Service's user-assigned managed identity: a federated
 * identity credential on the app whose issuer is the identity's tenant, whose subject is the
 * identity's principal (object) id and whose audience is api://AzureADTokenExchange. The server then
 * signs in as the bot's app with a token of that identity (MicrosoftAppClientId): no secret exists.
 *
 * Bicep cannot create an Entra app's federated credentials without the Microsoft Graph extension, so
 * teamsapp.yml runs this after arm/deploy. It uses the Azure CLI (`az login` as someone who may change
 * the app: an owner of it, or an Application Administrator) and changes nothing when the credential is
 * already there: provisioning again is safe.
 */
export const CREDENTIAL_NAME = "partnering-maturity-app-service";
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

export interface FederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: readonly string[];
  description: string;
}

export type ExistingCredential = Omit<FederatedCredential, "description"> & { id: string };

export type CredentialStep = { action: "keep" } | { action: "create"; credential: FederatedCredential } | { action: "update"; id: string; credential: FederatedCredential };

const guid = (variable: string, what: string) => z.guid({ message: `${variable} must be ${what} (a GUID); run \`atk provision\` so that the toolkit writes it to env/.env.<environment>` });

const settingsSchema = z
  .object({
    BOT_OBJECT_ID: guid("BOT_OBJECT_ID", "the object id of the bot's Entra app"),
    BOT_TENANT_ID: guid("BOT_TENANT_ID", "the tenant of the bot's Entra app"),
    BOT_IDENTITY_PRINCIPAL_ID: guid("BOT_IDENTITY_PRINCIPAL_ID", "the principal id of the App Service's managed identity"),
    BOT_IDENTITY_TENANT_ID: guid("BOT_IDENTITY_TENANT_ID", "the tenant of the App Service's managed identity"),
  })
  .refine((settings) => settings.BOT_TENANT_ID.toLowerCase() === settings.BOT_IDENTITY_TENANT_ID.toLowerCase(), {
    message:
      "The bot's Entra app and the Azure subscription are in different tenants; the Azure Bot is registered in the subscription's tenant, so provision with a Microsoft 365 account and an Azure account of the same organisation",
  });

export type FederatedCredentialSettings = z.infer<typeof settingsSchema>;

/** The settings from the environment, or an Error whose message says what to set. */
export function settingsFrom(environment: Readonly<Record<string, string | undefined>>): FederatedCredentialSettings {
  const parsed = settingsSchema.safeParse(environment);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join("\n"));
  return parsed.data;
}

export function wantedCredential(settings: FederatedCredentialSettings): FederatedCredential {
  return {
    name: CREDENTIAL_NAME,
    issuer: `https://login.microsoftonline.com/${settings.BOT_IDENTITY_TENANT_ID}/v2.0`,
    subject: settings.BOT_IDENTITY_PRINCIPAL_ID,
    audiences: [TOKEN_EXCHANGE_AUDIENCE],
    description: "Partnering Maturity's App Service signs in as the bot with its user-assigned managed identity.",
  };
}

/** Keep a credential that already trusts the identity; otherwise replace ours by name, or add it. */
export function planCredential(existing: readonly ExistingCredential[], wanted: FederatedCredential): CredentialStep {
  const trusts = (credential: ExistingCredential) =>
    credential.issuer === wanted.issuer && credential.subject.toLowerCase() === wanted.subject.toLowerCase() && credential.audiences.includes(TOKEN_EXCHANGE_AUDIENCE);
  if (existing.some(trusts)) return { action: "keep" };
  const ours = existing.find((credential) => credential.name === wanted.name);
  return ours ? { action: "update", id: ours.id, credential: wanted } : { action: "create", credential: wanted };
}

const existingSchema = z.array(z.looseObject({ id: z.string(), name: z.string(), issuer: z.string(), subject: z.string(), audiences: z.array(z.string()) }));

const run = promisify(execFile);

async function az(args: readonly string[]): Promise<string> {
  const { stdout } = await run("az", [...args, "--only-show-errors", "--output", "json"], { maxBuffer: 1024 * 1024 });
  return stdout;
}

export async function ensureFederatedCredential(settings: FederatedCredentialSettings): Promise<CredentialStep["action"]> {
  const app = settings.BOT_OBJECT_ID;
  const existing = existingSchema.parse(JSON.parse((await az(["ad", "app", "federated-credential", "list", "--id", app])) || "[]"));
  const step = planCredential(existing, wantedCredential(settings));
  if (step.action === "create") await az(["ad", "app", "federated-credential", "create", "--id", app, "--parameters", JSON.stringify(step.credential)]);
  if (step.action === "update") {
    await az(["ad", "app", "federated-credential", "update", "--id", app, "--federated-credential-id", step.id, "--parameters", JSON.stringify(step.credential)]);
  }
  return step.action;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  Promise.resolve()
    .then(() => ensureFederatedCredential(settingsFrom(process.env)))
    .then(
      (action) => process.stdout.write(`Federated credential ${CREDENTIAL_NAME} on the bot's Entra app: ${action === "keep" ? "already there" : `${action}d`}\n`),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
}
