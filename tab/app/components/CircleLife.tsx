import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import type { DashboardView, MeetingView } from "../../shared/dashboard-types.js";
import { areaName, formatDate } from "../format.js";
import { EmptyState, Section } from "./States.js";
import { TableHead } from "./TableHead.js";
import { useTableStyles } from "./table-styles.js";

const useStyles = makeStyles({
  headline: { marginTop: 0, fontSize: tokens.fontSizeBase400 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "grid", gap: tokens.spacingVerticalXS },
  subheading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
});

const MEETING_STATUS_TEXT: Readonly<Record<MeetingView["status"], string>> = { held: "held", planned: "not confirmed as held", missed: "missed", cancelled: "skipped" };

/** The meeting rhythm in practice: quarterly is good, monthly is great, weekly is nirvana. */
export function MeetingsSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const tables = useTableStyles();
  const { meetings } = view;
  const nothing = meetings.plannedSoFar === 0 && meetings.skipped === 0 && meetings.upcoming.length === 0;
  return (
    <Section id="meetings" title="Meetings held" hint="The seed's rhythm: quarterly is good, monthly is great, weekly is nirvana.">
      {nothing ? (
        <EmptyState>No meetings recorded yet. Agree a meeting rhythm for the circle with the bot in this channel, and the meetings will show here.</EmptyState>
      ) : (
        <>
          <p className={styles.headline}>
            <strong>
              {meetings.held} of {meetings.plannedSoFar}
            </strong>{" "}
            planned meetings held so far{meetings.skipped > 0 ? ` (${meetings.skipped} skipped)` : ""}.
          </p>
          {meetings.byCycle.length > 0 && (
            <table className={tables.table} aria-label="Meetings planned and held per cycle">
              <TableHead columns={["Cycle", "Planned", "Held"]} />
              <tbody>
                {meetings.byCycle.map((row) => (
                  <tr key={row.cycle}>
                    <th scope="row" className={tables.cell}>
                      {row.cycle}
                    </th>
                    <td className={tables.number}>{row.planned}</td>
                    <td className={tables.number}>{row.held}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 className={styles.subheading}>Next</h3>
          {meetings.upcoming.length === 0 ? (
            <p className={styles.muted}>No meeting planned yet.</p>
          ) : (
            <ul className={styles.list}>
              {meetings.upcoming.map((meeting) => (
                <li key={`${meeting.title}-${meeting.plannedFor}`}>
                  {meeting.title}
                  {meeting.plannedFor && `, ${formatDate(meeting.plannedFor)}`}
                </li>
              ))}
            </ul>
          )}
          {meetings.recent.length > 0 && (
            <>
              <h3 className={styles.subheading}>Recent</h3>
              <ul className={styles.list}>
                {meetings.recent.map((meeting) => (
                  <li key={`${meeting.title}-${meeting.plannedFor ?? meeting.heldAt}`}>
                    {meeting.title} — {MEETING_STATUS_TEXT[meeting.status]}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Section>
  );
}

export function ActionsSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  return (
    <Section id="actions" title="Agreed actions">
      {view.actions.length === 0 ? (
        <EmptyState>No actions agreed yet. Pick one next step from “What to work on next” at your next circle meeting.</EmptyState>
      ) : (
        <ul className={styles.list}>
          {view.actions.map((action) => (
            <li key={action.title}>
              <Badge appearance="tint" color={action.status === "done" ? "success" : "informative"}>
                {action.status === "done" ? "Done" : "Open"}
              </Badge>{" "}
              {action.title}
              <span className={styles.muted}>
                {action.owner && ` · ${action.owner}`}
                {action.area && ` · ${areaName(action.area)}`}
                {action.dueBy && ` · due ${formatDate(action.dueBy)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
