import { Link, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { DashboardApi } from "../api.js";
import { EmptyState, ErrorState, LoadingState, Section } from "../components/States.js";
import type { Host, TabInstanceConfig } from "../host.js";
import { useLoad } from "../useLoad.js";
import type { CircleSummary } from "../../shared/dashboard-types.js";
import { channelTabEntityId, channelTabName, dashboardUrl } from "../../../platform/tab-links.js";

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, maxWidth: "720px" },
  note: { color: tokens.colorNeutralForeground2 },
});

/** The channel tab's configuration for a circle: what Teams saves and shows in the channel. */
export function tabConfigFor(circle: CircleSummary, origin: string): TabInstanceConfig {
  const websiteUrl = dashboardUrl(origin, circle.circleId);
  return {
    contentUrl: `${websiteUrl}&theme={theme}`,
    websiteUrl,
    entityId: channelTabEntityId(circle.circleId),
    suggestedDisplayName: channelTabName(circle.name),
  };
}

/** The channel tab's settings page: pick the circle this channel shows. Save is enabled once one is picked. */
export function ConfigPage({ api, host }: { api: DashboardApi; host: Host }) {
  const styles = useStyles();
  const [loaded, retry] = useLoad("me", () => api.myCircles());
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const pickedRef = useRef<CircleSummary | undefined>(undefined);
  const circles = loaded.state === "ready" ? loaded.data.circles : [];
  pickedRef.current = circles.find((circle) => circle.circleId === picked);

  useEffect(() => {
    host.settings?.onSave(() => (pickedRef.current ? tabConfigFor(pickedRef.current, window.location.origin) : undefined));
  }, [host]);
  useEffect(() => {
    host.settings?.setValid(picked !== undefined);
  }, [host, picked]);

  return (
    <main className={styles.page}>
      <Section id="pick-circle" title="Which circle should this channel show?" hint="The channel's members who belong to the circle will see its maturity dashboard.">
        {loaded.state === "loading" && <LoadingState label="Loading your circles…" />}
        {loaded.state === "failed" && <ErrorState failure={loaded.failure} onRetry={retry} />}
        {loaded.state === "ready" && circles.length === 0 && (
          <EmptyState>You are not in a circle of trust yet, so there is nothing to show here. Create a circle with the bot (or accept an invitation), then add this tab again.</EmptyState>
        )}
        {circles.length > 0 && (
          <RadioGroup aria-labelledby="pick-circle" value={picked ?? ""} onChange={(_event, data) => setPicked(data.value)}>
            {circles.map((circle) => (
              <Radio key={circle.circleId} value={circle.circleId} label={`${circle.name} (${circle.memberCount} member ${circle.memberCount === 1 ? "company" : "companies"})`} />
            ))}
          </RadioGroup>
        )}
        {host.kind === "standalone" && picked && (
          <p className={styles.note}>
            Outside Teams this page only previews the choice. <Link href={`/tab/?circle=${encodeURIComponent(picked)}`}>Open this circle&apos;s dashboard</Link>
          </p>
        )}
      </Section>
    </main>
  );
}
