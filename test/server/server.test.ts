import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStorage } from "../../storage/connect.js";
import { AzureTableStoreFactory } from "../../storage/azure/azure-table-store.js";
import { startAzurite } from "../../storage/azure/azurite.js";
import { startTestServer } from "../support/server.js";

describe("server", () => {
  it("answers /healthz with storage up when Azurite is reachable", async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-request-id")).toBeTruthy();
      expect(await response.json()).toEqual({ status: "ok", storage: "up" });
    } finally {
      await server.close();
    }
  });

  it("answers /healthz with 503 and storage down when storage stops answering", async () => {
    const azurite = await startAzurite();
    const storage = new AzureTableStoreFactory({ kind: "connection-string", connectionString: azurite.connectionString }, "health");
    const server = await startTestServer({ storage });
    await azurite.stop();
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "degraded", storage: "down" });
    } finally {
      await server.close();
    }
  });

  it("keeps data written through the embedded Azurite across a restart (as npm start does)", async () => {
    const dataDirectory = await mkdtemp(path.join(os.tmpdir(), "pm-data-"));
    try {
      const first = await openStorage({ kind: "embedded-azurite", dataDirectory, tablePrefix: "pm" });
      const table = await first.factory.table("restart");
      await table.upsert("circle|c1", "circle", { name: "Golden Circle" });
      await first.close();

      const second = await openStorage({ kind: "embedded-azurite", dataDirectory, tablePrefix: "pm" });
      try {
        const row = await (await second.factory.table("restart")).get<{ name: string }>("circle|c1", "circle");
        expect(row?.data.name).toBe("Golden Circle");
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});
