import { Badge, Button, makeStyles, mergeClasses, tokens, ToggleButton } from "@fluentui/react-components";
import { Fragment, useState } from "react";
import type { Money } from "../../../core/leads/lifecycle.js";
import { evidenceText, type PeriodId } from "../../../core/leads/practice.js";
import type { CompanyPracticeView, DashboardView, GiveAndTakePeriodView, GiveAndTakeView, YourLeadView } from "../../shared/dashboard-types.js";
import { ApiFailure, type DashboardApi } from "../api.js";
import { formatDate, stageName } from "../format.js";
import { NARROW, WIDE } from "../layout.js";
import { SideScroller } from "./SideScroller.js";
import { EmptyState, Section } from "./States.js";
import { numeric, TableHead } from "./TableHead.js";
import { useTableStyles } from "./table-styles.js";

const useStyles = makeStyles({
  periods: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center", marginBottom: tokens.spacingVerticalM },
  subheading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
  zero: { color: tokens.colorNeutralForeground3 },
  cellStrong: { fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "grid", gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
  wide: { [NARROW]: { display: "none" } },
  narrow: { [WIDE]: { display: "none" } },
  cards: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalS },
  card: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalXS },
  figures: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", columnGap: tokens.spacingHorizontalS, margin: 0, fontSize: tokens.fontSizeBase200 },
  figureValue: { margin: 0, textAlign: "right", fontVariantNumeric: "tabular-nums" },
});

/** Below the breakpoint a table becomes a list of small cards, so a 360 px phone never scrolls sideways. */
function NarrowFigures({ label, items }: { label: string; items: readonly { key: string; title: string; rows: readonly [string, string][]; note?: string }[] }) {
  const styles = useStyles();
  return (
    <ul className={mergeClasses(styles.cards, styles.narrow)} aria-label={label}>
      {items.map((item) => (
        <li key={item.key} className={styles.card}>
          <strong>{item.title}</strong>
          {item.note && <span> · {item.note}</span>}
          <dl className={styles.figures}>
            {item.rows.map(([term, value]) => (
              <Fragment key={term}>
                <dt>{term}</dt>
                <dd className={styles.figureValue}>{value}</dd>
              </Fragment>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

const PERIOD_LABELS: Readonly<Record<PeriodId, string>> = { "this-quarter": "This quarter", "two-quarters": "Last two quarters", year: "Last four quarters", all: "All time" };
const SIGNAL_TEXT = { "takes-never-gives": "takes and never gives", "commitments-missed": "commitments missed", "givers-gain": "givers gain" } as const;
const STATUS_TEXT: Readonly<Record<YourLeadView["status"], string>> = { shared: "Waiting", accepted: "Accepted", declined: "Declined", connected: "Connected", won: "Won", lost: "Lost", "no-deal": "No deal" };

function moneyText(totals: readonly Money[]): string {
  return totals.length === 0 ? "—" : totals.map((money) => `${money.amount.toLocaleString("en-US")} ${money.currency}`).join(" + ");
}

/**
 * The seed's two-way street in practice: leads given → received between member companies for a
 * chosen period, each company's balance, won value both ways, time to connect, commitments kept.
 * Customers appear only in "Your company's leads".
 */
export function GiveAndTakeSection({ view, api }: { view: DashboardView; api: DashboardApi }) {
  const styles = useStyles();
  const { giveAndTake } = view;
  const [periodId, setPeriodId] = useState<PeriodId>(giveAndTake.defaultPeriod);
  const period = giveAndTake.periods.find((candidate) => candidate.id === periodId) ?? giveAndTake.periods[0];
  if (!period) return null;
  const total = period.practice.reduce((sum, company) => sum + company.given, 0);
  return (
    <Section id="give-and-take" title="Give and take: leads between partners" hint='"Partnering is a two way street. All parties must get opportunities" — and "bad partnering is when someone takes and never gives".'>
      <div className={styles.periods} role="group" aria-label="Period">
        {giveAndTake.periods.map((candidate) => (
          <ToggleButton key={candidate.id} size="small" checked={candidate.id === period.id} onClick={() => setPeriodId(candidate.id)}>
            {PERIOD_LABELS[candidate.id]}
          </ToggleButton>
        ))}
        <GiveAndTakeExport api={api} circleId={view.circle.circleId} periodId={period.id} />
      </div>
      {total === 0 ? (
        <EmptyState>No leads were passed in {period.name}. Share one with the bot: type <code>lead</code> in your personal chat, or press “Share a lead” on the circles card.</EmptyState>
      ) : (
        <>
          <Matrix period={period} />
          <Balance period={period} />
          <Evidence period={period} selfStages={giveAndTake.selfStages} />
        </>
      )}
      <YourLeads leads={giveAndTake.yourLeads} companyName={view.viewer.companyName} />
    </Section>
  );
}

function Matrix({ period }: { period: GiveAndTakePeriodView }) {
  const styles = useStyles();
  const tables = useTableStyles();
  return (
    <>
      <h3 className={styles.subheading}>Leads given → received, {period.name}</h3>
      <NarrowFigures
        label={`Leads each company gave, ${period.name}`}
        items={period.companies.map((giver, row) => ({
          key: giver.companyId,
          title: giver.companyName,
          note: `gave ${period.practice[row]?.given ?? 0}`,
          rows: period.companies.flatMap((receiver, column): [string, string][] => (row === column ? [] : [[`to ${receiver.companyName}`, String(period.matrix[row]?.[column] ?? 0)]])),
        }))}
      />
      <div className={styles.wide}>
      <SideScroller label="Give-and-take matrix" seeWhat="every receiving company">
        <table className={tables.table} aria-label={`Leads given (rows) to received (columns), ${period.name}`} data-testid="give-and-take-matrix">
          <TableHead columns={["Gave ↓ · received →", ...period.companies.map((company) => numeric(company.companyName)), numeric("Given")]} />
          <tbody>
            {period.companies.map((giver, row) => (
              <tr key={giver.companyId}>
                <th scope="row" className={tables.cell}>
                  {giver.companyName}
                </th>
                {period.companies.map((receiver, column) => {
                  const count = period.matrix[row]?.[column] ?? 0;
                  return (
                    <td key={receiver.companyId} className={tables.number}>
                      {row === column ? <span className={styles.zero}>·</span> : <span className={count === 0 ? styles.zero : styles.cellStrong}>{count}</span>}
                    </td>
                  );
                })}
                <td className={tables.number}>{period.practice[row]?.given ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </SideScroller>
      </div>
    </>
  );
}

function daysToConnectText(company: CompanyPracticeView): string {
  return company.medianDaysToConnect === null ? "—" : company.medianDaysToConnect.toFixed(1);
}

function commitmentsText(company: CompanyPracticeView): string {
  return company.commitmentsDue === 0 ? "—" : `${company.commitmentsKept} of ${company.commitmentsDue}`;
}

function Balance({ period }: { period: GiveAndTakePeriodView }) {
  const styles = useStyles();
  const tables = useTableStyles();
  return (
    <>
      <h3 className={styles.subheading}>Each company's balance</h3>
      <NarrowFigures
        label={`Each company's balance (list), ${period.name}`}
        items={period.practice.map((company) => ({
          key: company.companyId,
          title: company.companyName,
          ...(company.signals.length > 0 ? { note: company.signals.map((signal) => SIGNAL_TEXT[signal]).join(", ") } : {}),
          rows: [
            ["Given / received", `${company.given} / ${company.received}`],
            ["Won from its leads", moneyText(company.wonGiven)],
            ["Won from partners' leads", moneyText(company.wonReceived)],
            ["Median days to connect", daysToConnectText(company)],
            ["Commitments kept", commitmentsText(company)],
          ],
        }))}
      />
      <div className={styles.wide}>
      <SideScroller label="Give-and-take balance" seeWhat="all figures">
        <table className={tables.table} aria-label={`Each company's balance, ${period.name}`}>
          <TableHead columns={["Company", numeric("Given"), numeric("Received"), numeric("Won from its leads"), numeric("Won from partners' leads"), numeric("Median days to connect"), numeric("Commitments kept"), "Practice"]} />
          <tbody>
            {period.practice.map((company) => (
              <tr key={company.companyId}>
                <th scope="row" className={tables.cell}>
                  {company.companyName}
                </th>
                <td className={tables.number}>{company.given}</td>
                <td className={tables.number}>{company.received}</td>
                <td className={tables.number}>{moneyText(company.wonGiven)}</td>
                <td className={tables.number}>{moneyText(company.wonReceived)}</td>
                <td className={tables.number}>{daysToConnectText(company)}</td>
                <td className={tables.number}>{commitmentsText(company)}</td>
                <td className={tables.cell}>
                  {company.signals.map((signal) => (
                    <Badge key={signal} appearance="tint" color={signal === "givers-gain" ? "success" : "danger"}>
                      {SIGNAL_TEXT[signal]}
                    </Badge>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </SideScroller>
      </div>
    </>
  );
}

/** Practice next to self-assessment, for Pipeline and Leads, in core/leads' words. */
function Evidence({ period, selfStages }: { period: GiveAndTakePeriodView; selfStages: GiveAndTakeView["selfStages"] }) {
  const styles = useStyles();
  const says = (companyId: string, area: "pipeline" | "leads"): string | undefined => {
    const stage = selfStages.find((entry) => entry.companyId === companyId)?.[area];
    return stage ? stageName(stage) : undefined;
  };
  return (
    <>
      <h3 className={styles.subheading}>What they say, and what they do</h3>
      <ul className={styles.list} aria-label="Self-assessment next to practice">
        {period.practice.flatMap((company) => [
          <li key={`${company.companyId}-pipeline`}>
            <strong>{company.companyName}</strong> {evidenceText("pipeline", says(company.companyId, "pipeline"), { ...company, medianDaysToConnect: company.medianDaysToConnect ?? undefined }, period)}.
          </li>,
          <li key={`${company.companyId}-leads`}>
            <strong>{company.companyName}</strong> {evidenceText("leads", says(company.companyId, "leads"), { ...company, medianDaysToConnect: company.medianDaysToConnect ?? undefined }, period)}.
          </li>,
        ])}
      </ul>
    </>
  );
}

function YourLeads({ leads, companyName }: { leads: readonly YourLeadView[]; companyName: string }) {
  const styles = useStyles();
  const tables = useTableStyles();
  return (
    <>
      <h3 className={styles.subheading}>{companyName}'s leads</h3>
      {leads.length === 0 ? (
        <p className={styles.muted}>Your company has not given or received a lead yet.</p>
      ) : (
        <>
        <NarrowFigures
          label={`Leads ${companyName} gave or received (list)`}
          items={leads.slice(0, 15).map((lead) => ({
            key: lead.leadId,
            title: lead.customer,
            note: `${lead.role === "gave" ? "gave to" : "from"} ${lead.partner.companyName}`,
            rows: [
              ["Shared", formatDate(lead.sharedAt)],
              ["Status", `${STATUS_TEXT[lead.status]}${lead.commitment === "missed" ? " · commitment missed" : ""}`],
              ["Value", lead.wonValue ? moneyText([lead.wonValue]) : lead.estimate ? `est. ${moneyText([lead.estimate])}` : "—"],
            ],
          }))}
        />
        <div className={styles.wide}>
        <SideScroller label="Your company's leads" seeWhat="every column">
          <table className={tables.table} aria-label={`Leads ${companyName} gave or received; only you and the partner see the customer`}>
            <TableHead columns={["Shared", "", "Partner", "Customer", "Status", "Connect by", numeric("Value")]} />
            <tbody>
              {leads.slice(0, 15).map((lead) => (
                <tr key={lead.leadId}>
                  <td className={tables.nowrap}>{formatDate(lead.sharedAt)}</td>
                  <td className={tables.cell}>{lead.role === "gave" ? "Gave to" : "From"}</td>
                  <td className={tables.cell}>{lead.partner.companyName}</td>
                  <td className={tables.cell}>{lead.customer}</td>
                  <td className={tables.cell}>
                    {STATUS_TEXT[lead.status]}
                    {lead.commitment === "missed" ? " · commitment missed" : ""}
                  </td>
                  <td className={tables.nowrap}>{formatDate(`${lead.connectBy}T12:00:00Z`)}</td>
                  <td className={tables.number}>{lead.wonValue ? moneyText([lead.wonValue]) : lead.estimate ? `est. ${moneyText([lead.estimate])}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </SideScroller>
        </div>
        </>
      )}
    </>
  );
}

function GiveAndTakeExport({ api, circleId, periodId }: { api: DashboardApi; circleId: string; periodId: PeriodId }) {
  const styles = useStyles();
  const [error, setError] = useState<string | undefined>(undefined);
  const download = async (): Promise<void> => {
    setError(undefined);
    try {
      const { blob, fileName } = await api.exportGiveAndTakeCsv(circleId, periodId);
      const url = URL.createObjectURL(blob);
      Object.assign(document.createElement("a"), { href: url, download: fileName }).click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : "The export failed. Try again.");
    }
  };
  return (
    <>
      <Button size="small" onClick={() => void download()}>
        Export this period (CSV)
      </Button>
      {error && (
        <span role="alert" className={styles.error}>
          {error}
        </span>
      )}
    </>
  );
}
