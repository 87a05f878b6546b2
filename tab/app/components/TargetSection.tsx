import { makeStyles, tokens } from "@fluentui/react-components";
import type { DashboardView } from "../../shared/dashboard-types.js";
import { STAGE_BACKGROUNDS, areaName, levelText, stageName } from "../format.js";
import { Section } from "./States.js";

const useStyles = makeStyles({
  summary: { marginTop: 0 },
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalXS },
  row: { display: "grid", gridTemplateColumns: "minmax(140px, 200px) 1fr minmax(150px, auto)", gap: tokens.spacingHorizontalS, alignItems: "center", fontSize: tokens.fontSizeBase200 },
  track: { height: "12px", backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall, position: "relative", border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  fill: { height: "100%", borderRadius: tokens.borderRadiusSmall },
  target: { position: "absolute", top: "-3px", bottom: "-3px", width: "2px", backgroundColor: tokens.colorNeutralForeground1 },
});

/** The seed's realistic goal: Proactive in most areas. Each bar is the circle's median; the line is the target. */
export function TargetSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const { target } = view;
  const targetName = stageName(target.targetStage);
  const counted = target.areas.length;
  return (
    <Section id="target" title={`Current vs target: ${targetName} in most areas`}>
      <p className={styles.summary}>
        {target.areasAtTarget} of {counted} areas have a circle median at {targetName} or higher.{" "}
        {target.circleReachesTarget ? `The circle reaches the target.` : `The target needs more than ${Math.floor(counted * target.share)} of ${counted}.`} {target.membersAtTarget} of{" "}
        {target.membersAssessed} assessed companies are {targetName} in most areas.
      </p>
      <ul className={styles.list} aria-label="Circle median per area against the target">
        {target.areas.map((area) => (
          <li key={area.area} className={styles.row}>
            <span>{areaName(area.area)}</span>
            <span className={styles.track} aria-hidden="true">
              <span className={styles.fill} style={{ display: "block", width: `${(area.median / 4) * 100}%`, backgroundColor: STAGE_BACKGROUNDS[area.medianStage] }} />
              <span className={styles.target} style={{ left: `${(area.targetLevel / 4) * 100}%` }} />
            </span>
            <span>
              {stageName(area.medianStage)} ({levelText(area.median)} of {area.targetLevel}) {area.atTarget ? "✓ at target" : `${levelText(area.targetLevel - area.median)} to go`}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
