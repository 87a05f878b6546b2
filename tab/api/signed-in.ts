import { z } from "zod";
import type { Reply, Route, RouteRequest } from "../../platform/http.js";
import { InvalidKeyError } from "../../storage/table-store.js";
import type { TabAuthenticator, TabIdentity } from "./auth.js";
import { ApiRefusal } from "./refusals.js";

const circleIdParam = z
  .string({ message: "The circle id is missing from the address." })
  .min(1, "The circle id is missing from the address.")
  .max(200, "The circle id in the address is too long to be a circle id.")
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, "The circle id in the address contains characters a circle id never has.");

export type IdentifiedHandler = (identity: TabIdentity, request: RouteRequest, reply: Reply) => Promise<void>;

/**
 * Authenticates, then runs the handler. Refusals, storage being down and unexpected failures are
 * answered by the HTTP edge (platform/edge.ts); only the storage key check is the API's own.
 */
export function signedIn(authenticator: TabAuthenticator, handler: IdentifiedHandler): Route["handle"] {
  return async (request, reply) => {
    const identity = await authenticator.identify(request.headers);
    try {
      await handler(identity, request, reply);
    } catch (error) {
      if (error instanceof InvalidKeyError) throw new ApiRefusal(400, "bad-circle-id", "The circle id in the address is not a valid circle id.");
      throw error;
    }
  };
}

export function circleIdOf(request: RouteRequest): string {
  const parsed = circleIdParam.safeParse(request.params.circleId);
  if (!parsed.success) throw new ApiRefusal(400, "bad-circle-id", parsed.error.issues[0]?.message ?? "The circle id in the address is not valid.");
  return parsed.data;
}

