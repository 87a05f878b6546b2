import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import type { ActionView, DashboardView } from "../../shared/dashboard-types.js";
import { useChange } from "../acting.js";
import { areaName, formatDate } from "../format.js";
import { ChangeStatus } from "./ChangeStatus.js";
import { EmptyState, Section } from "./States.js";

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalM },
  item: { display: "flex", flexWrap: "wrap", alignItems: "flex-start", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  text: { minWidth: 0, flex: "1 1 200px" },
  actionTitle: { marginLeft: tokens.spacingHorizontalXS, overflowWrap: "anywhere" },
  meta: { display: "block", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** The circle's actions, open ones first; an open one can be marked done here, as with the bot's "Mark done". */
export function ActionsSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const change = useChange();
  return (
    <Section id="actions" title="Agreed actions">
      <ChangeStatus outcome={change.outcome} focusWhenDone />
      {view.actions.length === 0 ? (
        <EmptyState>
          {view.weakest.length > 0
            ? "No actions agreed yet. Make one from a weak area in “What to work on next”."
            : "No actions agreed yet. Once members have assessed, “What to work on next” suggests next steps for the circle's weakest areas."}
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="The circle's actions, open ones first">
          {view.actions.map((action) => (
            <li key={action.actionId} className={styles.item}>
              <span className={styles.text}>
                <Badge appearance="tint" color={action.status === "done" ? "success" : "informative"}>
                  {action.status === "done" ? "Done" : "Open"}
                </Badge>
                <span className={styles.actionTitle}>{action.title}</span>
                <span className={styles.meta}>{metaOf(action)}</span>
              </span>
              {action.status === "open" && (
                <Button size="small" disabled={change.busy} aria-label={`Mark done: ${action.title}`} onClick={() => void change.run(({ api, circleId }) => api.completeAction(circleId, action.actionId))}>
                  Mark done
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function metaOf(action: ActionView): string {
  return [action.owner && `Owner: ${action.owner}`, action.area && areaName(action.area), action.dueBy && `due ${formatDate(action.dueBy)}`].filter(Boolean).join(" · ");
}
