import { makeStyles, tokens } from "@fluentui/react-components";
import type { DashboardView, MeetingView, MeetingsView } from "../../shared/dashboard-types.js";
import { meetingDay, meetingTime } from "../format.js";
import { EmptyState, Section } from "./States.js";
import { TableHead, numeric } from "./TableHead.js";
import { useTableStyles } from "./table-styles.js";

const useStyles = makeStyles({
  headline: { marginTop: 0, fontSize: tokens.fontSizeBase400 },
  subheading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
});

const MEETING_OUTCOME_TEXT: Readonly<Record<MeetingView["status"], string>> = { held: "Held", planned: "Not confirmed as held", missed: "Missed", cancelled: "Skipped" };

function newestFirst(a: MeetingView, b: MeetingView): number {
  return new Date(b.plannedFor).getTime() - new Date(a.plannedFor).getTime();
}

/** Held out of due, as the reminder cards count it; skipped meetings are counted apart and said so. */
function tallyText({ held, plannedSoFar, skipped }: MeetingsView): { figure: string; rest: string } {
  const apart = skipped === 0 ? "" : `, not counting ${skipped === 1 ? "1 meeting" : `${skipped} meetings`} the circle skipped`;
  if (plannedSoFar === 0) return { figure: "No meeting", rest: ` was due yet${apart}.` };
  return { figure: `${held} of ${plannedSoFar}`, rest: ` meetings held so far${apart}.` };
}

/** The meeting rhythm in practice: quarterly is good, monthly is great, weekly is nirvana. */
export function MeetingsSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const tables = useTableStyles();
  const { meetings } = view;
  const nothing = meetings.plannedSoFar === 0 && meetings.skipped === 0 && meetings.upcoming.length === 0;
  // Every skipped meeting is listed, so the list always shows the ones the count says were skipped.
  const recent = [...meetings.recent, ...meetings.skippedMeetings].sort(newestFirst);
  const tally = tallyText(meetings);
  return (
    <Section id="meetings" title="Meetings held" hint="The seed's rhythm: quarterly is good, monthly is great, weekly is nirvana.">
      {nothing ? (
        <EmptyState>No meetings recorded yet. Agree a meeting rhythm for the circle with the bot in this channel, and the meetings will show here.</EmptyState>
      ) : (
        <>
          <p className={styles.headline}>
            <strong>{tally.figure}</strong>
            {tally.rest}
          </p>
          {meetings.byCycle.length > 0 && (
            <table className={tables.table} aria-label="Meetings due and held per cycle">
              <TableHead columns={["Cycle", numeric("Due"), numeric("Held")]} />
              <tbody>
                {meetings.byCycle.map((row) => (
                  <tr key={row.cycle}>
                    <th scope="row" className={tables.nowrap}>
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
            <table className={tables.table} aria-label="Next meetings">
              <TableHead columns={["When", "Meeting"]} />
              <tbody>
                {meetings.upcoming.map((meeting) => (
                  <tr key={`${meeting.title}-${meeting.plannedFor}`}>
                    <td className={tables.cell}>
                      {meetingDay(meeting.plannedFor)}, {meetingTime(meeting.plannedFor)}
                    </td>
                    <td className={tables.cell}>{meeting.title}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {recent.length > 0 && (
            <>
              <h3 className={styles.subheading}>Recent</h3>
              <table className={tables.table} aria-label="Recent meetings">
                <TableHead columns={["When", "Meeting", "Outcome"]} />
                <tbody>
                  {recent.map((meeting) => (
                    <tr key={`${meeting.title}-${meeting.plannedFor}`}>
                      <td className={tables.cell}>{meetingDay(meeting.plannedFor)}</td>
                      <td className={tables.cell}>{meeting.title}</td>
                      <td className={tables.cell}>{MEETING_OUTCOME_TEXT[meeting.status]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </Section>
  );
}
