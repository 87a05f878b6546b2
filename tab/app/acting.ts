import { createContext, useContext, useState } from "react";
import { ApiFailure, type DashboardApi } from "./api.js";

/**
 * What the dashboard's sections need to change the circle: the API, the circle, and a way to show
 * the change everywhere on the page without reloading it.
 */
export interface Acting {
  api: DashboardApi;
  circleId: string;
  /** Loads the dashboard again in the background; the sections then show the new state. */
  refresh: () => Promise<void>;
}

export const ActingContext = createContext<Acting | undefined>(undefined);

export function useActing(): Acting {
  const acting = useContext(ActingContext);
  if (!acting) throw new Error("A dashboard section that changes the circle must be inside ActingContext");
  return acting;
}

/** What the last change said: its sentence from the server, or why it failed. */
export type ChangeOutcome = { kind: "none" } | { kind: "done"; message: string } | { kind: "failed"; message: string };

export interface Change {
  busy: boolean;
  outcome: ChangeOutcome;
  /** Runs one change; on success the page is refreshed and the server's sentence shown. Resolves to the answer, or undefined when it failed. */
  run<T extends { message: string }>(change: (acting: Acting) => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

export function useChange(): Change {
  const acting = useActing();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ChangeOutcome>({ kind: "none" });
  const run = async <T extends { message: string }>(change: (acting: Acting) => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setOutcome({ kind: "none" });
    try {
      const answer = await change(acting);
      await acting.refresh().catch(() => undefined);
      setOutcome({ kind: "done", message: answer.message });
      return answer;
    } catch (error) {
      setOutcome({ kind: "failed", message: error instanceof ApiFailure ? error.message : "Something went wrong; nothing was changed. Try again." });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run, clear: () => setOutcome({ kind: "none" }) };
}
