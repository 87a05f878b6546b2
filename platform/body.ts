import type { IncomingMessage } from "node:http";
import getRawBody from "raw-body";
import { Refusal, type BodyPolicy } from "./http.js";

/**
 * Reads a request body under a route's policy: one of its media types, UTF-8, no content coding,
 * at most `maxBytes` bytes as received. Nothing is decompressed, so the limit bounds the memory a
 * request can cost; no client of this app compresses requests (see README, "The HTTP edge").
 * How long the body may take is the server's requestTimeout (server/app.ts).
 */
export async function readJsonBody(req: IncomingMessage, policy: BodyPolicy): Promise<unknown> {
  refuseContentCoding(req.headers["content-encoding"]);
  refuseMediaType(req.headers["content-type"], policy.mediaTypes);
  const text = await readText(req, policy.maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Refusal(400, "malformed-json", "The request body is not valid JSON.");
  }
}

function refuseContentCoding(header: string | undefined): void {
  const codings = (header ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length > 0) {
    // RFC 9110 §15.5.16: a 415 caused by a content coding names the codings accepted in Accept-Encoding.
    throw new Refusal(415, "unsupported-content-encoding", "Compressed request bodies are not accepted; send the body uncompressed.", { "accept-encoding": "identity" });
  }
}

function refuseMediaType(header: string | undefined, accepted: readonly string[]): void {
  const [mediaType = "", ...parameters] = (header ?? "").split(";").map((part) => part.trim().toLowerCase());
  if (!accepted.includes(mediaType)) {
    throw new Refusal(415, "unsupported-media-type", `The request body must be sent as ${accepted.join(" or ")}.`);
  }
  const charset = parameters.find((parameter) => parameter.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "");
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw new Refusal(415, "unsupported-charset", "The request body must be encoded as UTF-8.");
  }
}

async function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && !/^\d{1,15}$/.test(declared)) throw new Refusal(400, "bad-content-length", "The Content-Length header is not a number.");
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  try {
    return await getRawBody(req, { length: declared, limit: maxBytes, encoding: "utf-8" });
  } catch (error) {
    throw refusalForRead(error, maxBytes);
  }
}

function refusalForRead(error: unknown, maxBytes: number): Refusal {
  const type = typeof error === "object" && error !== null && "type" in error ? String(error.type) : "";
  if (type === "entity.too.large") return tooLarge(maxBytes);
  if (type === "request.size.invalid") return new Refusal(400, "truncated-body", "The request body is shorter or longer than its Content-Length says.");
  return new Refusal(400, "unreadable-body", "The request body could not be read to its end.");
}

function tooLarge(maxBytes: number): Refusal {
  return new Refusal(413, "body-too-large", `The request body is larger than the ${Math.round(maxBytes / 1024)} KiB this address accepts.`);
}
