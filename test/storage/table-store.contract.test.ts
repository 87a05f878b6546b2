import { describe, expect, it } from "vitest";
import { decodeKeyPart, encodeKeyPart, joinKey } from "../../storage/keys.js";
import {
  ConcurrencyError,
  EntityExistsError,
  EntityNotFoundError,
  InvalidKeyError,
  TransactionError,
  type TableStore,
} from "../../storage/table-store.js";
import { STORE_KINDS } from "../support/stores.js";

interface Note {

  text: string;
  n: number;
}

describe.each(STORE_KINDS)("TableStore contract — $kind", ({ create }) => {
  async function table(): Promise<TableStore> {
    return create().table("contract");
  }

  it("tells whether a table holds any row outside the given partitions, reading one row at most", async () => {
    const store = await table();
    expect(await store.anyRowOutside([])).toBeUndefined();
    await store.insert("layout", "version", { version: 2 });
    expect(await store.anyRowOutside(["layout"])).toBeUndefined();
    expect(await store.anyRowOutside([])).toEqual({ partitionKey: "layout", rowKey: "version" });
    await store.insert("circle|a", "circle", { n: 1 });
    await store.insert("circle|b", "circle", { n: 2 });
    expect((await store.anyRowOutside(["layout"]))?.partitionKey).toMatch(/^circle\|/);
  });

  it("reads back what was inserted, with an etag", async () => {
    const store = await table();
    const etag = await store.insert<Note>("p", "r1", { text: "hello", n: 1 });
    const row = await store.get<Note>("p", "r1");
    expect(row).toEqual({ partitionKey: "p", rowKey: "r1", etag, data: { text: "hello", n: 1 } });
    expect(await store.get("p", "missing")).toBeUndefined();
  });

  it("refuses to insert a row that exists and keeps the first one", async () => {
    const store = await table();
    await store.insert<Note>("p", "r", { text: "first", n: 1 });
    await expect(store.insert<Note>("p", "r", { text: "second", n: 2 })).rejects.toBeInstanceOf(EntityExistsError);
    expect((await store.get<Note>("p", "r"))?.data.text).toBe("first");
  });

  it("loses no update when two people write at once: the stale etag is refused", async () => {
    const store = await table();
    const original = await store.insert<Note>("p", "r", { text: "v0", n: 0 });
    const first = await store.replace<Note>("p", "r", { text: "alice", n: 1 }, original);
    await expect(store.replace<Note>("p", "r", { text: "bob", n: 1 }, original)).rejects.toBeInstanceOf(ConcurrencyError);
    const row = await store.get<Note>("p", "r");
    expect(row?.data.text).toBe("alice");
    expect(row?.etag).toBe(first);
    expect(first).not.toBe(original);
  });

  it("refuses to replace a row that is gone", async () => {
    const store = await table();
    const etag = await store.insert<Note>("p", "r", { text: "x", n: 0 });
    await store.delete("p", "r");
    await expect(store.replace<Note>("p", "r", { text: "y", n: 1 }, etag)).rejects.toBeInstanceOf(EntityNotFoundError);
  });

  it("deletes only when the etag still matches, and deleting a missing row is harmless", async () => {
    const store = await table();
    const etag = await store.insert<Note>("p", "r", { text: "x", n: 0 });
    await store.upsert<Note>("p", "r", { text: "changed", n: 1 });
    await expect(store.delete("p", "r", etag)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.get("p", "r")).toBeDefined();
    await store.delete("p", "r");
    expect(await store.get("p", "r")).toBeUndefined();
    await store.delete("p", "r");
  });

  it("commits a transaction as a whole", async () => {
    const store = await table();
    await store.insert<Note>("p", "keep", { text: "old", n: 0 });
    await store.insert<Note>("p", "gone", { text: "x", n: 0 });
    const keep = await store.get<Note>("p", "keep");
    const etags = await store.transact<Note>("p", [
      { kind: "insert", rowKey: "a", data: { text: "a", n: 1 } },
      { kind: "upsert", rowKey: "b", data: { text: "b", n: 2 } },
      { kind: "replace", rowKey: "keep", data: { text: "new", n: 3 }, etag: keep!.etag },
      { kind: "delete", rowKey: "gone" },
    ]);
    expect(etags.slice(0, 3).every((etag) => typeof etag === "string" && etag.length > 0)).toBe(true);
    expect(etags[3]).toBeUndefined();
    const rows = await store.list<Note>("p");
    expect(rows.map((row) => [row.rowKey, row.data.text])).toEqual([
      ["a", "a"],
      ["b", "b"],
      ["keep", "new"],
    ]);
  });

  it("rolls back a whole transaction when one operation fails", async () => {
    const store = await table();
    const etag = await store.insert<Note>("p", "existing", { text: "v1", n: 1 });
    await store.replace<Note>("p", "existing", { text: "v2", n: 2 }, etag);
    const attempt = store.transact<Note>("p", [
      { kind: "insert", rowKey: "new", data: { text: "new", n: 0 } },
      { kind: "upsert", rowKey: "other", data: { text: "other", n: 0 } },
      { kind: "replace", rowKey: "existing", data: { text: "stale", n: 9 }, etag },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(TransactionError);
    const error = await attempt.catch((e: unknown) => e);
    expect((error as TransactionError).cause).toBeInstanceOf(ConcurrencyError);
    const rows = await store.list<Note>("p");
    expect(rows.map((row) => [row.rowKey, row.data.text])).toEqual([["existing", "v2"]]);
  });

  it("refuses a transaction of more than 100 operations without writing anything", async () => {
    const store = await table();
    const operations = Array.from({ length: 101 }, (_, i) => ({ kind: "insert" as const, rowKey: `r${String(i).padStart(3, "0")}`, data: { text: "x", n: i } }));
    await expect(store.transact<Note>("p", operations)).rejects.toBeInstanceOf(TransactionError);
    expect(await store.list("p")).toEqual([]);
  });

  it("keeps names with characters Azure forbids in keys intact", async () => {
    const store = await table();
    const names = ["Contoso / Fabrikam", "back\\slash", "#1 Partner?", "tab\tand\nnewline\u0001", "Ünïcødé 🤝 Партнёр", "pipe|and~tilde%percent", "x".repeat(5000)];
    for (const name of names) {
      const key = joinKey("company", encodeKeyPart(name));
      await store.upsert("p", key, { name });
      const row = await store.get<{ name: string }>("p", key);
      expect(row?.data.name).toBe(name);
    }
    const rows = await store.list<{ name: string }>("p");
    expect(rows.map((row) => row.data.name).sort()).toEqual([...names].sort());
    expect(decodeKeyPart(encodeKeyPart("Contoso / Fabrikam #1?"))).toBe("Contoso / Fabrikam #1?");
  });

  it("tells distinct long names apart", async () => {
    const long = "Northwest Alliance of Partners ".repeat(20);
    expect(encodeKeyPart(long + "A")).not.toBe(encodeKeyPart(long + "B"));
    expect(encodeKeyPart(long + "A").length).toBeLessThanOrEqual(180);
  });

  it("rejects a raw key with a forbidden character instead of corrupting storage", async () => {
    const store = await table();
    await expect(store.upsert("p", "a/b", { text: "x" })).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(store.upsert("p#", "ok", { text: "x" })).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(store.upsert("p", "k".repeat(600), { text: "x" })).rejects.toBeInstanceOf(InvalidKeyError);
    expect(await store.list("p")).toEqual([]);
  });

  it("lists a partition by prefix and range, in key order, without touching other partitions", async () => {
    const store = await table();
    await store.transact("p", ["a|1", "a|2", "b|1", "b|2", "c"].map((rowKey) => ({ kind: "insert" as const, rowKey, data: { rowKey } })));
    await store.insert("q", "a|3", { rowKey: "other partition" });
    expect((await store.list("p", { prefix: "a|" })).map((r) => r.rowKey)).toEqual(["a|1", "a|2"]);
    expect((await store.list("p", { from: "a|2", to: "b|2" })).map((r) => r.rowKey)).toEqual(["a|2", "b|1"]);
    expect((await store.list("p", { prefix: "b|", from: "b|2" })).map((r) => r.rowKey)).toEqual(["b|2"]);
    expect((await store.list("empty")).length).toBe(0);
  });

  it("pages through more than 1,000 rows", async () => {
    const store = await table();
    const total = 2_345;
    for (let start = 0; start < total; start += 100) {
      const batch = Array.from({ length: Math.min(100, total - start) }, (_, i) => ({
        kind: "insert" as const,
        rowKey: `row-${String(start + i).padStart(5, "0")}`,
        data: { n: start + i },
      }));
      await store.transact("big", batch);
    }
    const rows = await store.list<{ n: number }>("big");
    expect(rows.length).toBe(total);
    expect(rows[0]?.data.n).toBe(0);
    expect(rows[total - 1]?.data.n).toBe(total - 1);
    expect(new Set(rows.map((row) => row.rowKey)).size).toBe(total);
  });

  it("stores a document larger than one Azure string property", async () => {
    const store = await table();
    const text = "Joint business planning; ".repeat(4_000);
    await store.upsert("p", "big", { text });
    expect((await store.get<{ text: string }>("p", "big"))?.data.text).toBe(text);
  });
});
