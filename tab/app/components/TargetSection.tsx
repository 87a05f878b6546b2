import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { CSSProperties } from "react";
import { STAGES } from "../../../core/model/index.js";
import type { DashboardView, TargetAreaView } from "../../shared/dashboard-types.js";
import { STAGE_BACKGROUNDS, areaName, levelText, stageName } from "../format.js";
import { NARROW } from "../layout.js";
import { IN_HIGH_CONTRAST } from "../theme.js";
import { Section } from "./States.js";

/** The bars run from 0 to the top stage's level, Dynamic (4). */
const TOP_STAGE = STAGES[STAGES.length - 1] ?? { level: 4, name: "Dynamic" };
const TOP_LEVEL = TOP_STAGE.level;

const position = (level: number): string => `${(level / TOP_LEVEL) * 100}%`;

const useStyles = makeStyles({
  summary: { marginTop: 0 },
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalXS },
  /**
   * Every row has the same fixed tracks, so every bar has the same width and starts at the same x:
   * the target lines of all rows stand on one vertical.
   */
  row: {
    display: "grid",
    gridTemplateColumns: "11em minmax(6em, 1fr) 13em",
    gridTemplateAreas: '"name bar text"',
    columnGap: tokens.spacingHorizontalS,
    alignItems: "center",
    fontSize: tokens.fontSizeBase200,
    [NARROW]: { gridTemplateColumns: "minmax(0, 1fr) auto", gridTemplateAreas: '"name text" "bar bar"', rowGap: "2px" },
  },
  name: { gridArea: "name" },
  text: { gridArea: "text", whiteSpace: "nowrap" },
  track: {
    gridArea: "bar",
    height: "12px",
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    position: "relative",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
  },
  fill: {
    display: "block",
    boxSizing: "border-box",
    height: "100%",
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: "var(--stage-fill)",
    // The stage tints are pale next to the track; the bar's end stands out in every theme.
    borderRight: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStrokeAccessible}`,
    // High contrast has no stage colours: a solid bar in the text colour.
    [IN_HIGH_CONTRAST]: { backgroundColor: tokens.colorNeutralForeground1 },
  },
  target: {
    position: "absolute",
    top: "-4px",
    bottom: "-4px",
    width: "3px",
    transform: "translateX(-50%)",
    backgroundColor: tokens.colorNeutralForeground1,
    // A halo in the card's colour keeps the line visible over a bar of any colour.
    boxShadow: `0 0 0 1px ${tokens.colorNeutralBackground1}`,
  },
  scale: { gridArea: "bar", position: "relative", height: "1.4em", fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
  scaleLabel: { position: "absolute", bottom: 0, transform: "translateX(-50%)", whiteSpace: "nowrap" },
  scaleEnd: { transform: "translateX(-100%)" },
  targetLabel: { fontWeight: tokens.fontWeightBold, color: tokens.colorNeutralForeground1 },
});

function rowText(area: TargetAreaView): string {
  const where = `${stageName(area.medianStage)} ${levelText(area.median)}`;
  return area.atTarget ? `${where} · at target ✓` : `${where} · ${levelText(area.targetLevel - area.median)} to go`;
}

/** The seed's realistic goal: Proactive in most areas. Each bar is the circle's median; the line is the target. */
export function TargetSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const { target } = view;
  const targetName = stageName(target.targetStage);
  const counted = target.areas.length;
  const targetLevel = target.areas[0]?.targetLevel;
  return (
    <Section
      id="target"
      title={`Current vs target: ${targetName} in most areas`}
      hint={`Each bar is the circle's median level in an area, from 0 to ${TOP_LEVEL} (${TOP_STAGE.name}); the upright line marks the target, ${targetName}.`}
    >
      <p className={styles.summary}>
        {target.areasAtTarget} of {counted} areas have a circle median at {targetName} or higher.{" "}
        {target.circleReachesTarget ? "The circle reaches the target." : `The circle reaches the target with more than ${Math.floor(counted * target.share)} of ${counted}.`} {target.membersAtTarget}{" "}
        of {target.membersAssessed} assessed companies are {targetName} in most areas.
      </p>
      <ul className={styles.list} aria-label="Circle median per area against the target">
        {targetLevel !== undefined && (
          <li className={styles.row} aria-hidden="true">
            <span className={styles.scale}>
              {STAGES.map((stage) => (
                <span
                  key={stage.id}
                  className={mergeClasses(styles.scaleLabel, stage.level === TOP_LEVEL && styles.scaleEnd, stage.level === targetLevel && styles.targetLabel)}
                  style={{ left: position(stage.level) }}
                >
                  {stage.name}
                </span>
              ))}
            </span>
          </li>
        )}
        {target.areas.map((area) => (
          <li key={area.area} className={styles.row}>
            <span className={styles.name}>{areaName(area.area)}</span>
            <span className={styles.track} aria-hidden="true">
              <span className={styles.fill} style={{ width: position(area.median), "--stage-fill": STAGE_BACKGROUNDS[area.medianStage] } as CSSProperties} />
              <span className={styles.target} data-target-line="" style={{ left: position(area.targetLevel) }} />
            </span>
            <span className={styles.text}>{rowText(area)}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
