import { makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy } from "react";
import { STAGES, levelOf } from "../../../core/model/index.js";
import type { DashboardView } from "../../shared/dashboard-types.js";
import { areaName, scoreText, signedText, stageName } from "../format.js";
import { EmptyState, LoadingState, Section } from "./States.js";
import { TableHead, numeric } from "./TableHead.js";
import { useTableStyles } from "./table-styles.js";

const TrendChart = lazy(() => import("../charts/TrendChart.js"));

const useStyles = makeStyles({
  layout: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalM },
  change: { marginTop: tokens.spacingVerticalM },
  /** Chart.js sizes itself from its container: a fixed height means it draws once, at its final size. */
  chart: { position: "relative", minWidth: 0, maxWidth: "640px", height: "280px" },
});

/** The circle's overall maturity across cycles. Each cycle counts every member's latest self-assessment up to then. */
export function TrendSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const tables = useTableStyles();
  const { points, change } = view.trend;
  const targetLevel = levelOf(view.target.targetStage);
  return (
    <Section id="trend" title="Trend across cycles" hint="Each cycle counts every member's latest self-assessment up to that cycle, so a company that skipped a cycle still counts.">
      {points.length < 2 && <EmptyState>The trend appears after a second cycle. Assessments are quarterly: ask members to assess again next quarter (type <code>assess</code> to the bot).</EmptyState>}
      <div className={styles.layout}>
        <div className={styles.chart}>
          <Suspense fallback={<LoadingState label="Drawing the trend…" />}>
            <TrendChart
              cycles={points.map((point) => point.cycle)}
              overall={points.map((point) => point.overall?.score ?? null)}
              targetLevel={targetLevel}
              targetLabel={`Target: ${stageName(view.target.targetStage)} (${targetLevel})`}
              levelLabels={STAGES.map((stage) => `${stage.level} ${stage.name}`)}
              description={`Line chart of the circle's overall maturity over ${points.length} cycles; the figures are in the table below it.`}
            />
          </Suspense>
        </div>
        <table className={tables.table} aria-label="Circle maturity per cycle">
          <TableHead columns={["Cycle", "Overall", numeric("Companies counted"), numeric("Assessed in the cycle")]} />
          <tbody>
            {points.map((point) => (
              <tr key={point.cycle}>
                <th scope="row" className={tables.nowrap}>
                  {point.cycle}
                </th>
                <td className={tables.nowrap}>{point.overall ? `${scoreText(point.overall.score)} ${stageName(point.overall.stage)}` : "—"}</td>
                <td className={tables.number}>{point.assessedCount}</td>
                <td className={tables.number}>{point.assessedThisCycle}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {change && (
        <p className={styles.change}>
          From {change.from} to {change.to}: {change.overallChange === null ? "no area to compare" : `${signedText(change.overallChange)} on average per area`}.
          {change.improved.length > 0 && ` Improved: ${change.improved.map(areaName).join(", ")}.`}
          {change.declined.length > 0 && ` Declined: ${change.declined.map(areaName).join(", ")}.`}
        </p>
      )}
    </Section>
  );
}
