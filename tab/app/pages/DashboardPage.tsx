import { Button, Link, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { DashboardView, RhythmsResponse } from "../../shared/dashboard-types.js";
import { ActingContext } from "../acting.js";
import { ApiFailure, type DashboardApi } from "../api.js";
import { ActionsSection } from "../components/ActionsSection.js";
import { MeetingsSection } from "../components/CircleLife.js";
import { Heatmap } from "../components/Heatmap.js";
import { InvitationsSection } from "../components/InvitationsSection.js";
import { NextSteps } from "../components/NextSteps.js";
import { MyRatingsSection, PartnerFriendlinessSection, SelfVsPartnersSection } from "../components/Partners.js";
import { RadarSection } from "../components/RadarSection.js";
import { RhythmsSection } from "../components/RhythmsSection.js";
import { EmptyState, ErrorState, LoadingState, Section } from "../components/States.js";
import { TargetSection } from "../components/TargetSection.js";
import { TrendSection } from "../components/TrendSection.js";
import { GiveAndTakeSection } from "../components/GiveAndTake.js";
import { scoreText, stageName } from "../format.js";
import { NARROW } from "../layout.js";
import { asFailure, useLoad } from "../useLoad.js";

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, display: "grid", gap: tokens.spacingVerticalL, maxWidth: "1400px", [NARROW]: { padding: tokens.spacingHorizontalS } },
  header: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  subtitle: { margin: 0, color: tokens.colorNeutralForeground2 },
  figures: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXL, margin: 0 },
  figure: { display: "grid" },
  figureValue: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  figureLabel: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  /** Two cards side by side where both fit, else one under the other; never wider than the page. */
  columns: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(420px, 100%), 1fr))", gap: tokens.spacingVerticalL },
  exportError: { color: tokens.colorPaletteRedForeground1 },
});

export function DashboardPage({ api, circleId, onBack }: { api: DashboardApi; circleId: string; onBack: (() => void) | undefined }) {
  const styles = useStyles();
  // The rhythms come with the dashboard, so the page appears whole; every change refreshes both.
  // Rhythms that cannot be read are said so in their own section, the rest of the dashboard still shows.
  const [loaded, retry, refresh] = useLoad(circleId, async () => {
    const [view, rhythms] = await Promise.all([api.dashboard(circleId), api.rhythms(circleId).catch(asFailure)]);
    return { view, rhythms };
  });
  return (
    <main className={styles.page} aria-busy={loaded.state === "loading"}>
      {onBack && (
        <Link as="button" onClick={onBack}>
          ← My circles
        </Link>
      )}
      {loaded.state === "loading" && <LoadingState label="Loading the circle's dashboard…" />}
      {loaded.state === "failed" && <ErrorState failure={loaded.failure} onRetry={retry} />}
      {loaded.state === "ready" && (
        <ActingContext.Provider value={{ api, circleId, refresh }}>
          <Dashboard view={loaded.data.view} rhythms={loaded.data.rhythms} api={api} />
        </ActingContext.Provider>
      )}
    </main>
  );
}

function Dashboard({ view, rhythms, api }: { view: DashboardView; rhythms: RhythmsResponse | ApiFailure; api: DashboardApi }) {
  const styles = useStyles();
  const [selected, setSelected] = useState(view.viewer.companyId);
  const assessed = view.members.filter((member) => member.latest !== null);
  return (
    <>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>{view.circle.name}</h1>
          <p className={styles.subtitle}>{subtitleOf(view)}</p>
        </div>
        <ExportButton api={api} circleId={view.circle.circleId} />
      </header>
      <Figures view={view} />
      {assessed.length === 0 ? (
        <Section id="no-assessments" title="Maturity">
          <EmptyState>
            No one has assessed yet — type <code>assess</code> to the bot to rate your company in the 10 areas. The dashboard fills in as members assess.
          </EmptyState>
        </Section>
      ) : (
        <>
          <Section id="heatmap" title="Heatmap: who is strong where" hint="Each company's latest self-assessment. Select a company's name to see it in the radar.">
            <Heatmap view={view} selected={selected} onSelect={setSelected} />
          </Section>
          <div className={styles.columns}>
            <RadarSection view={view} selected={selected} onSelect={setSelected} />
            <TrendSection view={view} />
          </div>
          <div className={styles.columns}>
            <TargetSection view={view} />
            <NextSteps view={view} />
          </div>
        </>
      )}
      <div className={styles.columns}>
        <PartnerFriendlinessSection view={view} />
        <SelfVsPartnersSection view={view} selected={selected} onSelect={setSelected} />
      </div>
      <GiveAndTakeSection view={view} api={api} />
      <div className={styles.columns}>
        <MeetingsSection view={view} />
        <ActionsSection view={view} />
      </div>
      <div className={styles.columns}>
        <RhythmsSection rhythms={rhythms} />
        <InvitationsSection view={view} />
      </div>
      <MyRatingsSection view={view} />
    </>
  );
}

function subtitleOf(view: DashboardView): string {
  const latestCycle = view.cycles[view.cycles.length - 1];
  return [
    `Circle of trust · your company: ${view.viewer.companyName}`,
    latestCycle && `latest cycle: ${latestCycle}`,
    view.invitations.length > 0 && `invited, not joined yet: ${view.invitations.map((invitation) => invitation.invitedAs).join(", ")}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

function Figures({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const { circleScore, meetings, target } = view;
  const outOf = (count: number, total: number): string => (total === 0 ? "—" : `${count} of ${total}`);
  const figures: [string, string][] = [
    ["Overall maturity", circleScore.overall ? `${scoreText(circleScore.overall.score)} · ${stageName(circleScore.overall.stage)}` : "—"],
    ["Companies assessed", outOf(circleScore.assessedCount, circleScore.memberCount)],
    [`Areas at ${stageName(target.targetStage)} or higher`, outOf(target.areasAtTarget, target.areas.length)],
    ["Meetings held", outOf(meetings.held, meetings.plannedSoFar)],
  ];
  return (
    <dl className={styles.figures} aria-label="Key figures">
      {figures.map(([label, value]) => (
        <div key={label} className={styles.figure}>
          <dt className={styles.figureLabel}>{label}</dt>
          <dd className={styles.figureValue}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ExportButton({ api, circleId }: { api: DashboardApi; circleId: string }) {
  const styles = useStyles();
  const [state, setState] = useState<{ busy: boolean; error: string | undefined }>({ busy: false, error: undefined });
  const download = async (): Promise<void> => {
    setState({ busy: true, error: undefined });
    try {
      const { blob, fileName } = await api.exportCsv(circleId);
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ busy: false, error: undefined });
    } catch (error) {
      setState({ busy: false, error: error instanceof ApiFailure ? error.message : "The export failed. Try again." });
    }
  };
  return (
    <div>
      <Button appearance="primary" onClick={() => void download()} disabled={state.busy}>
        {state.busy ? "Exporting…" : "Export CSV"}
      </Button>
      {state.error && (
        <p role="alert" className={styles.exportError}>
          {state.error}
        </p>
      )}
    </div>
  );
}
