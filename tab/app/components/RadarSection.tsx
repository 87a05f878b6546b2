import { Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy } from "react";
import { AREAS } from "../../../core/model/index.js";
import type { DashboardView } from "../../shared/dashboard-types.js";
import { levelText } from "../format.js";
import { LoadingState, Section } from "./States.js";
import { TableHead, numeric } from "./TableHead.js";
import { useTableStyles } from "./table-styles.js";

const RadarChart = lazy(() => import("../charts/RadarChart.js"));

const useStyles = makeStyles({
  layout: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalM },
  /** Chart.js sizes itself from its container: a fixed height means it draws once, at its final size. */
  chart: { maxWidth: "520px", width: "100%", height: "380px", position: "relative", minWidth: 0, justifySelf: "center" },
  picker: { marginBottom: tokens.spacingVerticalS },
});

/** A chosen member against the circle's median, area by area. */
export function RadarSection({ view, selected, onSelect }: { view: DashboardView; selected: string; onSelect: (companyId: string) => void }) {
  const styles = useStyles();
  const tables = useTableStyles();
  const assessed = view.members.filter((member) => member.latest !== null);
  const member = assessed.find((candidate) => candidate.companyId === selected) ?? assessed[0];
  if (!member?.latest) return null;
  const medians = new Map(view.circleScore.areas.map((aggregate) => [aggregate.area, aggregate.median]));
  const levels = new Map(member.latest.cells.map((cell) => [cell.area, cell.level]));
  const areas = AREAS.filter((area) => medians.has(area.id) || levels.get(area.id) != null);
  const memberValues = areas.map((area) => levels.get(area.id) ?? null);
  const medianValues = areas.map((area) => medians.get(area.id) ?? null);
  return (
    <Section id="radar" title="One company against the circle" hint="Stage levels from 1 (Basic) to 4 (Dynamic); the circle's value is the median of its members' latest self-assessments.">
      <Field label="Company" className={styles.picker}>
        <Select value={member.companyId} onChange={(_event, data) => onSelect(data.value)}>
          {assessed.map((candidate) => (
            <option key={candidate.companyId} value={candidate.companyId}>
              {candidate.companyName}
              {candidate.isViewer ? " (your company)" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.layout}>
        <div className={styles.chart}>
          <Suspense fallback={<LoadingState label="Drawing the radar…" />}>
            <RadarChart
              labels={areas.map((area) => area.name)}
              member={{ label: member.companyName, values: memberValues }}
              median={{ label: "Circle median", values: medianValues }}
              description={`Radar chart of ${member.companyName} against the circle median in ${areas.length} areas; the figures are in the table below it.`}
            />
          </Suspense>
        </div>
        <table className={tables.table} aria-label={`${member.companyName} against the circle median`}>
          <TableHead columns={["Area", numeric(member.companyName), numeric("Circle median")]} />
          <tbody>
            {areas.map((area, index) => (
              <tr key={area.id}>
                <th scope="row" className={tables.cell}>
                  {area.name}
                </th>
                <td className={tables.number}>{memberValues[index] == null ? "—" : levelText(memberValues[index] as number)}</td>
                <td className={tables.number}>{medianValues[index] == null ? "—" : levelText(medianValues[index] as number)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
