import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import AdmZip from "adm-zip";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { fillPlaceholders, parseEnvFile, placeholdersIn, readEnvironment } from "../../scripts/app-package.js";
import { buildAppPackage } from "../../scripts/package-app.js";

const root = path.resolve(".");
const fixtures = path.resolve("test/app-package/fixtures");

interface Manifest {
  id: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  configurableTabs: { configurationUrl: string }[];
  staticTabs: { entityId: string; contentUrl?: string }[];
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
}

async function filledManifest(): Promise<Manifest> {
  const template = await readFile("appPackage/manifest.json", "utf8");
  return JSON.parse(fillPlaceholders(template, await readEnvironment(fixtures, "ci"))) as Manifest;
}

function readPng(file: string): Promise<PNG> {
  return readFile(file).then((buffer) => PNG.sync.read(buffer));
}

describe("Teams app package", () => {
  it("fills the manifest from the environment and it validates offline against its schema", async () => {
    const manifest = await filledManifest();
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0]);
    expect(errors).toEqual([]);
    expect(manifest.id).toBe("3f6f2a4e-8a1b-4c3d-9e5f-1a2b3c4d5e6f");
    expect(manifest.bots[0]?.botId).toBe("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
    expect(manifest.bots[0]?.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(manifest.configurableTabs[0]?.configurationUrl).toBe("https://pmci-app.azurewebsites.net/tab/config");
    expect(manifest.staticTabs.find((tab) => tab.entityId === "my-circles")?.contentUrl).toBe("https://pmci-app.azurewebsites.net/tab/personal");
    expect(manifest.webApplicationInfo).toEqual({ id: "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a", resource: "api://pmci-app.azurewebsites.net/0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a" });
    expect(manifest.validDomains).toEqual(["pmci-app.azurewebsites.net"]);
  });

  it("names the settings that are missing instead of building a broken package", async () => {
    await expect(buildAppPackage(root, "no-such-environment", fixtures)).rejects.toThrow(/TEAMS_APP_ID.*BOT_ID|BOT_ID.*TEAMS_APP_ID/);
  });

  it("has a 192×192 colour icon and a 32×32 outline icon that is white on transparent", async () => {
    const color = await readPng("appPackage/color.png");
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = await readPng("appPackage/outline.png");
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    let white = 0;
    for (let offset = 0; offset < outline.data.length; offset += 4) {
      const [r, g, b, a] = [outline.data[offset], outline.data[offset + 1], outline.data[offset + 2], outline.data[offset + 3]];
      if (a === 0) transparent += 1;
      else {
        expect([r, g, b]).toEqual([255, 255, 255]);
        white += 1;
      }
    }
    expect(transparent).toBeGreaterThan(white);
    expect(white).toBeGreaterThan(0);
  });

  it("builds a zip holding exactly the filled manifest and both icons", async () => {
    const output = await mkdtemp(path.join(os.tmpdir(), "pm-package-"));
    try {
      const zipPath = await buildAppPackage(root, "ci", fixtures);
      const zip = new AdmZip(zipPath);
      expect(zip.getEntries().map((entry) => entry.entryName).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
      const manifestText = zip.readAsText("manifest.json");
      expect(placeholdersIn(manifestText)).toEqual([]);
      expect(JSON.parse(manifestText)).toEqual(await filledManifest());
      expect(zip.readFile("color.png")?.equals(await readFile("appPackage/color.png"))).toBe(true);
    } finally {
      await rm(output, { recursive: true, force: true });
    }
  });

  it("reads env files the way the toolkit writes them", () => {
    const values = parseEnvFile('# comment\nA=1\n B = two \nC="quoted"\nEMPTY=\nnot a line\n');
    expect([...values]).toEqual([
      ["A", "1"],
      ["B", "two"],
      ["C", "quoted"],
      ["EMPTY", ""],
    ]);
  });
});
