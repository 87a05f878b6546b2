import { createHash } from "node:crypto";
import { InvalidKeyError } from "./table-store.js";

/**
 * Keys are built from parts joined by KEY_SEPARATOR. Each part that may hold user text goes
 * through encodeKeyPart so that characters Azure forbids in keys (`/ \ # ?`, control characters),
 * the separator itself, and very long names cannot break a key.
 */
export const KEY_SEPARATOR = "|";
/** Azure allows 1 KiB per key; parts are kept far below so that several fit in one key. */
const MAX_PART_LENGTH = 180;
const HASHED_PREFIX_LENGTH = 120;
const AZURE_KEY_LIMIT_BYTES = 1024;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_KEY_CHARACTERS = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/**
 * Reversible for parts up to MAX_PART_LENGTH encoded characters: percent-encoding with `~` instead of `%`.
 * Longer parts keep a readable prefix and a SHA-256 digest of the whole part, so distinct names stay distinct.
 */
export function encodeKeyPart(text: string): string {
  const encoded = encodeURIComponent(text)
    .replace(/[!'()*~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%/g, "~");
  if (encoded.length <= MAX_PART_LENGTH) return encoded;
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 40);
  return `${encoded.slice(0, HASHED_PREFIX_LENGTH).replace(/~[0-9A-F]?$/, "")}~~${digest}`;
}

export function decodeKeyPart(encoded: string): string {
  if (encoded.includes("~~")) throw new InvalidKeyError("This key part was shortened and cannot be decoded; read the name from the row's data.");
  return decodeURIComponent(encoded.replace(/~/g, "%"));
}

/** Joins already-safe parts (ids, encoded parts) into one key. */
export function joinKey(...parts: readonly string[]): string {
  return parts.join(KEY_SEPARATOR);
}

/** Throws InvalidKeyError for a key Azure would reject; both stores call it so the contract is the same. */
export function assertValidKey(kind: "PartitionKey" | "RowKey", key: string): void {
  if (FORBIDDEN_KEY_CHARACTERS.test(key)) throw new InvalidKeyError(`${kind} contains a character Azure Table Storage forbids (/ \\ # ? or a control character).`);
  if (Buffer.byteLength(key, "utf16le") > AZURE_KEY_LIMIT_BYTES) throw new InvalidKeyError(`${kind} is longer than Azure's 1 KiB limit.`);
}
