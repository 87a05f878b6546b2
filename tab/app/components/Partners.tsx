import { Field, Select, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Fragment } from "react";
import type { PartnerFriendliness } from "../../../core/scoring/partner.js";
import type { AreaCell, DashboardView, PartnerFriendlinessView, SelfVsPartnersView } from "../../shared/dashboard-types.js";
import { AREAS } from "../../../core/model/index.js";
import { VERDICT_LABELS, areaName, levelText, scoreText, signedText, stageName } from "../format.js";
import { NARROW, WIDE } from "../layout.js";
import { SideScroller } from "./SideScroller.js";
import { EmptyState, Section } from "./States.js";
import { TableHead, numeric } from "./TableHead.js";
import { useTableStyles } from "./table-styles.js";

const useStyles = makeStyles({
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground2 },
  picker: { marginBottom: tokens.spacingVerticalS, maxWidth: "360px" },
  summary: { cursor: "pointer" },
  wide: { [NARROW]: { display: "none" } },
  narrow: { [WIDE]: { display: "none" } },
  companyList: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalM },
  companyHeading: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  areaList: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", columnGap: tokens.spacingHorizontalS, rowGap: "2px", margin: 0, fontSize: tokens.fontSizeBase200 },
  areaAnswer: { margin: 0, textAlign: "right" },
  verdict: {
    display: "inline-block",
    padding: "2px 8px",
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** Tints that follow the theme; the words carry the verdict, in neutral text that keeps its contrast. */
const VERDICT_BACKGROUNDS: Readonly<Record<PartnerFriendliness, string>> = {
  "partner-friendly": tokens.colorPaletteGreenBackground2,
  "getting-there": tokens.colorPaletteMarigoldBackground2,
  "not-yet-partner-friendly": tokens.colorPaletteRedBackground2,
};

function VerdictTag({ verdict }: { verdict: PartnerFriendliness }) {
  const styles = useStyles();
  return (
    <span className={styles.verdict} style={{ backgroundColor: VERDICT_BACKGROUNDS[verdict] }}>
      {VERDICT_LABELS[verdict]}
    </span>
  );
}

function waitingText(minimumRaters: number): string {
  return `Not shown yet: needs ratings from at least ${minimumRaters} partner companies besides yours.`;
}

/** How the circle's partners see each member, only ever as an aggregate of several rating companies. */
export function PartnerFriendlinessSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const anyRated = view.partnerFriendliness.some((entry) => entry.status === "rated");
  return (
    <Section
      id="partner-friendliness"
      title="Partner-friendliness"
      hint={`Judged from partners' ratings, shown only when at least ${view.minimumRaters} companies rated; who rated what is never shown.`}
    >
      {!anyRated ? (
        <EmptyState>No company has enough partner ratings yet. Rate a partner by typing <code>assess &lt;partner company&gt;</code> to the bot.</EmptyState>
      ) : (
        <PartnerFriendlinessList view={view} />
      )}
    </Section>
  );
}

function PartnerFriendlinessList({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const tables = useTableStyles();
  return (
    <>
      <table className={mergeClasses(tables.table, styles.wide)} aria-label="Partner-friendliness of each member company">
        <TableHead columns={["Company", "Verdict", "Why"]} />
        <tbody>
          {view.partnerFriendliness.map((entry) => (
            <tr key={entry.companyId}>
              <th scope="row" className={tables.cell}>
                {entry.companyName}
              </th>
              <td className={tables.cell}>
                <Verdict entry={entry} />
              </td>
              <td className={tables.cell}>
                <Why entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className={mergeClasses(styles.narrow, styles.companyList)} aria-label="Partner-friendliness of each member company">
        {view.partnerFriendliness.map((entry) => (
          <li key={entry.companyId}>
            <h3 className={styles.companyHeading}>
              {entry.companyName}: <Verdict entry={entry} />
            </h3>
            <Why entry={entry} />
          </li>
        ))}
      </ul>
    </>
  );
}

function Verdict({ entry }: { entry: PartnerFriendlinessView }) {
  const styles = useStyles();
  return entry.status === "rated" ? <VerdictTag verdict={entry.verdict} /> : <span className={styles.muted}>Waiting for ratings</span>;
}

function Why({ entry }: { entry: PartnerFriendlinessView }) {
  const styles = useStyles();
  return entry.status === "rated" ? <Reasons entry={entry} /> : <span className={styles.muted}>{waitingText(entry.minimumRaters)}</span>;
}

function Reasons({ entry }: { entry: Extract<PartnerFriendlinessView, { status: "rated" }> }) {
  const styles = useStyles();
  const [first = "", ...rest] = entry.reasons;
  const overall = entry.overall ? scoreText(entry.overall.score) : undefined;
  // Most verdicts already name the overall score; say it only when the sentence does not.
  const overallNote = overall && !first.includes(overall) ? `, overall ${overall}` : "";
  return (
    <>
      {first}{" "}
      <span className={styles.muted}>
        (rated by {entry.raters} partner companies{overallNote})
      </span>
      {rest.length > 0 && (
        <details>
          <summary className={styles.summary}>Area by area</summary>
          <ul className={styles.reasons}>
            {rest.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** Where a company rates itself higher or lower than its partners do. */
export function SelfVsPartnersSection({ view, selected, onSelect }: { view: DashboardView; selected: string; onSelect: (companyId: string) => void }) {
  const entry = view.selfVsPartners.find((candidate) => candidate.companyId === selected) ?? view.selfVsPartners[0];
  if (!entry) return null;
  const anyRated = view.selfVsPartners.some((candidate) => candidate.status === "rated");
  return (
    <Section id="self-vs-partners" title="Self vs partners" hint="A positive gap means the company rates itself higher than its partners do (median of their ratings).">
      {!anyRated ? (
        <EmptyState>No company has enough partner ratings yet: each needs ratings from at least {view.minimumRaters} partner companies besides yours.</EmptyState>
      ) : (
        <SelfVsPartnersTable view={view} entry={entry} onSelect={onSelect} />
      )}
    </Section>
  );
}

function SelfVsPartnersTable({ view, entry, onSelect }: { view: DashboardView; entry: SelfVsPartnersView; onSelect: (companyId: string) => void }) {
  const styles = useStyles();
  const tables = useTableStyles();
  return (
    <>
      <Field label="Company" className={styles.picker}>
        <Select value={entry.companyId} onChange={(_event, data) => onSelect(data.value)}>
          {view.selfVsPartners.map((candidate) => (
            <option key={candidate.companyId} value={candidate.companyId}>
              {candidate.companyName}
            </option>
          ))}
        </Select>
      </Field>
      {entry.status === "too-few-raters" ? (
        <EmptyState>{waitingText(entry.minimumRaters)}</EmptyState>
      ) : (
        <table className={tables.table} aria-label={`${entry.companyName}: self-assessment against partners' ratings`}>
          <TableHead columns={["Area", numeric("Self"), numeric("Partners"), numeric("Gap")]} />
          <tbody>
            {entry.areas
              .filter((area) => area.self !== null || area.partners !== null)
              .map((area) => (
                <tr key={area.area}>
                  <th scope="row" className={tables.cell}>
                    {areaName(area.area)}
                  </th>
                  <td className={tables.number}>{area.self === null ? "—" : levelText(area.self)}</td>
                  <td className={tables.number}>{area.partners === null ? "too few ratings" : levelText(area.partners)}</td>
                  <td className={tables.number}>{area.gap === null ? "—" : signedText(area.gap, 1)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The viewer's own company's ratings of its partners: nobody else sees these. */
export function MyRatingsSection({ view }: { view: DashboardView }) {
  const styles = useStyles();
  const tables = useTableStyles();
  return (
    <Section id="my-ratings" title={`${view.viewer.companyName}'s ratings of partners`} hint="Only your company sees its own ratings; partners see them only inside aggregates.">
      {view.myRatings.length === 0 ? (
        <EmptyState>Your company has not rated any partner yet. Type <code>assess &lt;partner company&gt;</code> to the bot to rate one.</EmptyState>
      ) : (
        <>
          <div className={styles.wide}>
            <SideScroller label="Your company's ratings of partners" seeWhat={`all ${AREAS.length} areas`}>
              <table className={tables.table} aria-label="Your company's latest rating of each partner">
                <TableHead columns={["Partner", "Cycle", ...AREAS.map((area) => area.name)]} />
                <tbody>
                  {view.myRatings.map((rating) => (
                    <tr key={rating.subject.companyId}>
                      <th scope="row" className={tables.cell}>
                        {rating.subject.companyName}
                      </th>
                      <td className={tables.nowrap}>{rating.cycle}</td>
                      {rating.cells.map((cell) => (
                        <td key={cell.area} className={tables.cell}>
                          {answerText(cell)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </SideScroller>
          </div>
          <ul className={mergeClasses(styles.narrow, styles.companyList)} aria-label="Your company's latest rating of each partner">
            {view.myRatings.map((rating) => (
              <li key={rating.subject.companyId}>
                <h3 className={styles.companyHeading}>
                  {rating.subject.companyName} <span className={styles.muted}>({rating.cycle})</span>
                </h3>
                <dl className={styles.areaList}>
                  {rating.cells.map((cell) => (
                    <Fragment key={cell.area}>
                      <dt>{areaName(cell.area)}</dt>
                      <dd className={styles.areaAnswer}>{answerText(cell)}</dd>
                    </Fragment>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function answerText(cell: AreaCell): string {
  return cell.answer === "unanswered" ? "—" : cell.answer === "not-applicable" ? "n/a" : stageName(cell.answer);
}
