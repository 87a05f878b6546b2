import type { Response } from "restify";
import type { ApiErrorBody } from "../shared/dashboard-types.js";

/** A request the API turns down: the status, a code for programs and a sentence for people. */
export class ApiRefusal extends Error {
  override readonly name = "ApiRefusal";

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  const body: ApiErrorBody = { error: { code, message } };
  if (status === 401) res.header("www-authenticate", 'Bearer realm="partnering-maturity"');
  res.header("cache-control", "no-store");
  res.json(status, body);
}
