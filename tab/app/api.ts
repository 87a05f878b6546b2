import type { RhythmKind } from "../../core/schedule/types.js";
import type {
  ActionChanged,
  ApiErrorBody,
  DashboardView,
  InvitationCreated,
  InvitationRevoked,
  MyCirclesResponse,
  NewActionRequest,
  RhythmChanged,
  RhythmRequest,
  RhythmsResponse,
} from "../shared/dashboard-types.js";

/** A failed API call, with the server's sentence for people when it sent one. */
export class ApiFailure extends Error {
  override readonly name = "ApiFailure";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DashboardApi {
  /** The give-and-take view of one period as CSV (tab/api/give-and-take-routes.ts). */
  exportGiveAndTakeCsv(circleId: string, period: string): Promise<{ blob: Blob; fileName: string }>;
  myCircles(): Promise<MyCirclesResponse>;
  dashboard(circleId: string): Promise<DashboardView>;
  exportCsv(circleId: string): Promise<{ blob: Blob; fileName: string }>;
  rhythms(circleId: string): Promise<RhythmsResponse>;
  createAction(circleId: string, action: NewActionRequest): Promise<ActionChanged>;
  completeAction(circleId: string, actionId: string): Promise<ActionChanged>;
  invite(circleId: string, invitedAs: string): Promise<InvitationCreated>;
  revokeInvitation(circleId: string, invitationId: string): Promise<InvitationRevoked>;
  setRhythm(circleId: string, kind: RhythmKind, rhythm: RhythmRequest): Promise<RhythmChanged>;
  pauseRhythm(circleId: string, kind: RhythmKind, paused: boolean): Promise<RhythmChanged>;
}

/**
 * Calls the dashboard API on the server that served the tab, with the Teams SSO token when there is
 * one. Standalone, `?devUser=tenantId/userId` in the page address picks the local-mode user.
 */
export function dashboardApi(authToken: () => Promise<string | undefined>, pageSearch: string): DashboardApi {
  const devUser = new URLSearchParams(pageSearch).get("devUser");
  const request = async (path: string, body?: unknown): Promise<Response> => {
    const token = await authToken();
    const headers: Record<string, string> = { accept: "application/json, text/csv" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (devUser) headers["x-dev-user"] = devUser;
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(path, body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) });
    } catch {
      throw new ApiFailure(0, "offline", "The dashboard could not reach its server. Check your connection and try again.");
    }
    if (!response.ok) throw await failureFrom(response);
    return response;
  };
  const circlePath = (circleId: string, rest: string): string => `/api/circles/${encodeURIComponent(circleId)}/${rest}`;
  const post = async <T>(circleId: string, rest: string, body: unknown = {}): Promise<T> => (await request(circlePath(circleId, rest), body)).json() as Promise<T>;
  return {
    exportGiveAndTakeCsv: async (circleId, period) => {
      const response = await request(circlePath(circleId, `give-and-take.csv?period=${encodeURIComponent(period)}`));
      return { blob: await response.blob(), fileName: fileNameFrom(response.headers.get("content-disposition")) };
    },
    myCircles: async () => (await request("/api/me/circles")).json() as Promise<MyCirclesResponse>,
    dashboard: async (circleId) => (await request(circlePath(circleId, "dashboard"))).json() as Promise<DashboardView>,
    exportCsv: async (circleId) => {
      const response = await request(circlePath(circleId, "export.csv"));
      return { blob: await response.blob(), fileName: fileNameFrom(response.headers.get("content-disposition")) };
    },
    rhythms: async (circleId) => (await request(circlePath(circleId, "rhythms"))).json() as Promise<RhythmsResponse>,
    createAction: (circleId, action) => post(circleId, "actions", action),
    completeAction: (circleId, actionId) => post(circleId, `actions/${encodeURIComponent(actionId)}/done`),
    invite: (circleId, invitedAs) => post(circleId, "invitations", { invitedAs }),
    revokeInvitation: (circleId, invitationId) => post(circleId, `invitations/${encodeURIComponent(invitationId)}/revoke`),
    setRhythm: (circleId, kind, rhythm) => post(circleId, `rhythms/${kind}`, rhythm),
    pauseRhythm: (circleId, kind, paused) => post(circleId, `rhythms/${kind}/${paused ? "pause" : "resume"}`),
  };
}

async function failureFrom(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => undefined)) as Partial<ApiErrorBody> | undefined;
  const message = body?.error?.message ?? `The server answered ${response.status}. Try again in a moment.`;
  return new ApiFailure(response.status, body?.error?.code ?? "http-error", message);
}

function fileNameFrom(disposition: string | null): string {
  const encoded = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] : undefined;
  return encoded ? decodeURIComponent(encoded) : "circle-results.csv";
}
