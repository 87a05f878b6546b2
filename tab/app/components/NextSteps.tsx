import { makeStyles, tokens } from "@fluentui/react-components";
import type { DashboardView } from "../../shared/dashboard-types.js";
import { areaName, levelText, stageName } from "../format.js";
import { EmptyState, Section } from "./States.js";
import { WeakAreaAction } from "./WeakAreaAction.js";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "grid", gap: tokens.spacingVerticalM },
  area: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  stage: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  steps: { marginTop: tokens.spacingVerticalXS, marginBottom: 0 },
});

/** The circle's weakest areas and the model's next steps from the stage the circle is at. */
export function NextSteps({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const medians = new Map(view.circleScore.areas.map((aggregate) => [aggregate.area, aggregate.median]));
  return (
    <Section id="next-steps" title="What to work on next" hint="The circle's weakest areas, with the model's next steps from where the circle stands. Make one an action the circle agrees on.">
      {view.weakest.length === 0 ? (
        <EmptyState>Every area the circle has rated is Dynamic: keep reviewing and improving together.</EmptyState>
      ) : (
        <ol className={styles.list} aria-label="Weakest areas and next steps">
          {view.weakest.map((weak) => (
            <li key={weak.area}>
              <h3 className={styles.area}>{areaName(weak.area)}</h3>
              <span className={styles.stage}>
                Circle median: {stageName(weak.stage)} ({levelText(medians.get(weak.area) ?? 0)})
              </span>
              <ul className={styles.steps}>
                {weak.nextSteps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ul>
              <WeakAreaAction view={view} weak={weak} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
