import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { DashboardApi } from "../api.js";
import { EmptyState, ErrorState, LoadingState, Section } from "../components/States.js";
import { useLoad } from "../useLoad.js";

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, maxWidth: "720px" },
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalS },
  item: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** The personal tab "My circles", and the standalone start page. */
export function MyCirclesPage({ api, onOpen, personal }: { api: DashboardApi; onOpen: (circleId: string) => void; personal: boolean }) {
  const styles = useStyles();
  const [loaded, retry] = useLoad("me", () => api.myCircles());
  return (
    <main className={styles.page}>
      <Section id="my-circles" title="My circles" hint={personal ? "The circles of trust your company belongs to." : "Pick a circle to see its dashboard."}>
        {loaded.state === "loading" && <LoadingState label="Loading your circles…" />}
        {loaded.state === "failed" && <ErrorState failure={loaded.failure} onRetry={retry} />}
        {loaded.state === "ready" && loaded.data.circles.length === 0 && (
          <EmptyState>You are not in a circle of trust yet. Ask a member of a circle to invite your company, or create a circle with the bot.</EmptyState>
        )}
        {loaded.state === "ready" && loaded.data.circles.length > 0 && (
          <ul className={styles.list}>
            {loaded.data.circles.map((circle) => (
              <li key={circle.circleId} className={styles.item}>
                <span>
                  <strong>{circle.name}</strong>
                  <br />
                  <span className={styles.meta}>
                    {circle.memberCount} member {circle.memberCount === 1 ? "company" : "companies"} · your company: {circle.company.companyName}
                  </span>
                </span>
                <Button appearance="primary" onClick={() => onOpen(circle.circleId)} aria-label={`Open dashboard of ${circle.name}`}>
                  Open dashboard
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </main>
  );
}
