import { FluentProvider, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { dashboardApi } from "./api.js";
import { ThemeSwitch } from "./components/ThemeSwitch.js";
import type { Host } from "./host.js";
import { ConfigPage } from "./pages/ConfigPage.js";
import { DashboardPage } from "./pages/DashboardPage.js";
import { MyCirclesPage } from "./pages/MyCirclesPage.js";
import { fluentThemeFor, type TeamsThemeName } from "./theme.js";
import { ActiveTheme } from "./theme-context.js";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  bar: {
    display: "flex",
    justifyContent: "flex-end",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0`,
  },
});

type Route = { page: "config" } | { page: "personal" | "dashboard"; circleId: string | undefined };

/** /tab/config is the channel tab's settings page, /tab/personal the personal tab "My circles", /tab/ the channel tab. */
export function routeOf(location: Pick<Location, "pathname" | "search">): Route {
  const circleId = new URLSearchParams(location.search).get("circle") ?? undefined;
  const path = location.pathname.replace(/\/+$/, "");
  if (path.endsWith("/config")) return { page: "config" };
  if (path.endsWith("/personal")) return { page: "personal", circleId };
  return { page: "dashboard", circleId };
}

function useRoute(): [Route, (circleId: string | undefined) => void] {
  const [route, setRoute] = useState(() => routeOf(window.location));
  useEffect(() => {
    const onPopState = (): void => setRoute(routeOf(window.location));
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);
  const openCircle = useCallback((circleId: string | undefined) => {
    const url = new URL(window.location.href);
    if (circleId) url.searchParams.set("circle", circleId);
    else url.searchParams.delete("circle");
    window.history.pushState(null, "", url);
    setRoute(routeOf(url));
  }, []);
  return [route, openCircle];
}

export function App({ host }: { host: Host }) {
  const styles = useStyles();
  const [themeName, setThemeName] = useState<TeamsThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setThemeName), [host]);
  const api = useMemo(() => dashboardApi(host.authToken, window.location.search), [host]);
  const [route, openCircle] = useRoute();
  const theme = fluentThemeFor(themeName);
  return (
    <FluentProvider theme={theme} className={styles.root} data-theme={themeName}>
      <ActiveTheme.Provider value={theme}>
        {host.kind === "standalone" && (
          <header className={styles.bar}>
            <ThemeSwitch value={themeName} onChange={setThemeName} />
          </header>
        )}
        {route.page === "config" && <ConfigPage api={api} host={host} />}
        {route.page !== "config" && route.circleId === undefined && <MyCirclesPage api={api} onOpen={openCircle} personal={route.page === "personal"} />}
        {route.page !== "config" && route.circleId !== undefined && (
          <DashboardPage api={api} circleId={route.circleId} onBack={route.page === "personal" || host.kind === "standalone" ? () => openCircle(undefined) : undefined} />
        )}
      </ActiveTheme.Provider>
    </FluentProvider>
  );
}
