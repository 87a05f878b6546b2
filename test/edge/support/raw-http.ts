import net from "node:net";

/**
 * Requests as an attacker writes them: raw bytes on a socket, so that headers can lie, bodies can
 * stop half-way and nothing is fixed up by a well-behaved client. One request per connection.
 */
export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; Content-Length is added (the true length) unless headers set it or `chunked` is true. */
  body?: Buffer | string;
  /** Stop after writing the request, leaving the connection open (a body shorter than its Content-Length). */
  hangUpAfterMs?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function rawRequest(url: string, request: RawRequest): Promise<RawResponse | undefined> {
  const { hostname, port } = new URL(url);
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  const headers: Record<string, string> = { host: `${hostname}:${port}`, connection: "close", ...lowerCased(request.headers ?? {}) };
  if (headers["content-length"] === undefined && headers["transfer-encoding"] === undefined && request.body !== undefined) headers["content-length"] = String(body.length);
  const head = `${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(parseResponse(Buffer.concat(chunks).toString("utf8"))));
    socket.on("connect", () => {
      socket.write(head);
      writeInPieces(socket, body).then(
        () => {
          if (request.hangUpAfterMs !== undefined) setTimeout(() => socket.destroy(), request.hangUpAfterMs);
        },
        () => undefined,
      );
    });
  });
}

/** Large bodies go in pieces, and stop when the server has already answered and closed. */
async function writeInPieces(socket: net.Socket, body: Buffer): Promise<void> {
  const piece = 64 * 1024;
  for (let offset = 0; offset < body.length && !socket.destroyed && socket.writable; offset += piece) {
    const ok = socket.write(body.subarray(offset, offset + piece));
    if (!ok) await new Promise<void>((resolve) => socket.once("drain", resolve).once("close", resolve));
  }
}

function parseResponse(text: string): RawResponse | undefined {
  const match = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of (match[2] ?? "").split("\r\n")) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: Number(match[1]), headers, body: match[3] ?? "" };
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
