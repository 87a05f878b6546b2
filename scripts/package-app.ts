import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import AdmZip from "adm-zip";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { fillPlaceholders, readEnvironment } from "./app-package.js";

/**
 * `npm run package -- <environment>` (default: dev): fills appPackage/manifest.json from env/,
 * validates it offline against its schema, and writes appPackage/build/appPackage.<environment>.zip.
 */
export async function buildAppPackage(root: string, environment: string, envDirectory = path.join(root, "env")): Promise<string> {
  const template = await readFile(path.join(root, "appPackage/manifest.json"), "utf8");
  const manifestText = fillPlaceholders(template, await readEnvironment(envDirectory, environment));
  const manifest = JSON.parse(manifestText) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  if (errors.length > 0) throw new Error(`The filled-in manifest is not valid:\n${errors.join("\n")}`);
  const zip = new AdmZip();
  zip.addFile("manifest.json", Buffer.from(JSON.stringify(manifest, null, 2)));
  for (const icon of ["color.png", "outline.png"]) zip.addFile(icon, await readFile(path.join(root, "appPackage", icon)));
  const outputDirectory = path.join(root, "appPackage/build");
  await mkdir(outputDirectory, { recursive: true });
  const outputPath = path.join(outputDirectory, `appPackage.${environment}.zip`);
  zip.writeZip(outputPath);
  return outputPath;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const environment = process.argv[2] ?? "dev";
  buildAppPackage(process.cwd(), environment).then(
    (outputPath) => process.stdout.write(`Built ${path.relative(process.cwd(), outputPath)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
