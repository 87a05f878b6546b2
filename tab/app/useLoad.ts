import { useCallback, useEffect, useState } from "react";
import { ApiFailure } from "./api.js";

export type Loaded<T> = { state: "loading" } | { state: "failed"; failure: ApiFailure } | { state: "ready"; data: T };

/**
 * Runs `load` when its key changes (and on retry); the result of a superseded run is ignored.
 * `refresh` loads again in the background and swaps the data in when it arrives, so what is on
 * screen (and where focus is) stays while a change made on the page shows up.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): [Loaded<T>, () => void, () => Promise<void>] {
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    let current = true;
    setLoaded({ state: "loading" });
    load().then(
      (data) => current && setLoaded({ state: "ready", data }),
      (error: unknown) => current && setLoaded({ state: "failed", failure: asFailure(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is a new function on every render; `key` and `attempt` say when to load again.
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const refresh = async (): Promise<void> => {
    const data = await load();
    setLoaded({ state: "ready", data });
  };
  return [loaded, retry, refresh];
}

export function asFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  return new ApiFailure(0, "unexpected", "Something went wrong while loading. Try again.");
}
