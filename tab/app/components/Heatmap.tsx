import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Fragment, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { AREAS, type AreaId } from "../../../core/model/index.js";
import type { AreaAggregateView, AreaCell, DashboardView, MemberView } from "../../shared/dashboard-types.js";
import { STAGE_BACKGROUNDS, areaName, levelText, stageName } from "../format.js";
import { NARROW, WIDE } from "../layout.js";
import { SideScroller } from "./SideScroller.js";

const useStyles = makeStyles({
  wide: { [NARROW]: { display: "none" } },
  narrow: { [WIDE]: { display: "none" } },
  table: { borderCollapse: "separate", borderSpacing: "2px", width: "100%", fontSize: tokens.fontSizeBase200 },
  columnHeader: { fontWeight: tokens.fontWeightSemibold, verticalAlign: "bottom", padding: "4px", minWidth: "76px", textAlign: "center" },
  /** The company column stays in view while the areas scroll sideways. */
  rowHeader: {
    textAlign: "left",
    padding: "4px 8px 4px 0",
    fontWeight: tokens.fontWeightRegular,
    minWidth: "8em",
    maxWidth: "13em",
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    // Covers the 2 px border spacing next to it, so cells scrolling under it do not peek through.
    boxShadow: `2px 0 0 ${tokens.colorNeutralBackground1}`,
  },
  button: {
    background: "none",
    border: "none",
    padding: 0,
    color: tokens.colorBrandForeground1,
    font: "inherit",
    cursor: "pointer",
    textDecoration: "underline",
    textAlign: "left",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px", borderRadius: tokens.borderRadiusSmall },
  },
  selectedRow: { fontWeight: tokens.fontWeightBold },
  cell: {
    textAlign: "center",
    padding: "6px 4px",
    borderRadius: tokens.borderRadiusSmall,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  empty: { color: tokens.colorNeutralForeground3 },
  level: { display: "block", fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground1 },
  medianRow: { borderTop: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}` },
  meta: { display: "block", fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
  companies: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalL },
  companyName: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  areas: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: "2px", margin: 0, fontSize: tokens.fontSizeBase200 },
  areaName: { margin: 0 },
  chip: {
    margin: 0,
    minWidth: "7.5em",
    padding: "2px 8px",
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground1,
    display: "flex",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
});

interface Position {
  row: number;
  column: number;
}

/** What one company's (or the circle's) cell in one area says: in words, as a level, and in colour. */
interface CellContent {
  text: string;
  level: string | undefined;
  background: string | undefined;
  description: string;
}

function memberCell(member: MemberView, cell: AreaCell): CellContent {
  const where = `${member.companyName}, ${areaName(cell.area)}`;
  if (cell.answer === "not-applicable") return { text: "n/a", level: undefined, background: undefined, description: `${where}: not applicable` };
  if (cell.answer === "unanswered") return { text: "—", level: undefined, background: undefined, description: `${where}: not answered` };
  return { text: stageName(cell.answer), level: cell.level === null ? undefined : String(cell.level), background: STAGE_BACKGROUNDS[cell.answer], description: `${where}: ${stageName(cell.answer)}` };
}

function medianCell(area: AreaId, aggregate: AreaAggregateView | undefined): CellContent {
  if (!aggregate) return { text: "—", level: undefined, background: undefined, description: `${areaName(area)}: no circle median yet` };
  return { text: stageName(aggregate.medianStage), level: levelText(aggregate.median), background: STAGE_BACKGROUNDS[aggregate.medianStage], description: `${areaName(area)}: circle median ${levelText(aggregate.median)}` };
}

/**
 * Member companies × the 10 areas: each cell says its stage in words and in colour. Wide, a grid:
 * arrow keys, Home and End move between cells, and it scrolls sideways inside its card when the card
 * is too narrow, with the company column kept in view. Narrow (Teams mobile), one block per company
 * with its 10 areas, so nothing needs sideways scrolling. A company's name selects it for the radar.
 */
/** "2 people answered · they differ on 1 area": a company's assessment is its people's assessment. */
export function peopleAnsweredText(people: number, disagreements: number): string {
  const answered = `${people} ${people === 1 ? "person" : "people"} answered`;
  return disagreements > 0 ? `${answered} · they differ on ${disagreements} ${disagreements === 1 ? "area" : "areas"}` : answered;
}

export function Heatmap({ view, selected, onSelect }: { view: DashboardView; selected: string; onSelect: (companyId: string) => void }) {
  const styles = useStyles();
  useEffect(() => {
    performance.mark("dashboard:heatmap-rendered");
  }, []);
  return (
    <>
      <div className={styles.wide}>
        <HeatmapGrid view={view} selected={selected} onSelect={onSelect} />
      </div>
      <div className={styles.narrow}>
        <HeatmapList view={view} onSelect={onSelect} />
      </div>
    </>
  );
}

function CompanyButton({ member, onSelect }: { member: MemberView; onSelect: (companyId: string) => void }) {
  const styles = useStyles();
  return (
    <button type="button" className={styles.button} onClick={() => onSelect(member.companyId)} aria-label={`${member.companyName}: show in the radar`}>
      {member.companyName}
    </button>
  );
}

function HeatmapGrid({ view, selected, onSelect }: { view: DashboardView; selected: string; onSelect: (companyId: string) => void }) {
  const styles = useStyles();
  const [focus, setFocus] = useState<Position>({ row: 0, column: 0 });
  const tableRef = useRef<HTMLTableElement>(null);
  const rows = view.members;
  const medianByArea = new Map(view.circleScore.areas.map((aggregate) => [aggregate.area, aggregate]));
  const latestCycle = view.cycles[view.cycles.length - 1];
  const rowCount = rows.length + 1;

  const move = (event: KeyboardEvent<HTMLTableElement>): void => {
    const next = nextPosition(focus, event.key, rowCount, AREAS.length);
    if (!next) return;
    event.preventDefault();
    const cellAt = (position: Position) => tableRef.current?.querySelector<HTMLElement>(`[data-cell="${position.row}:${position.column}"]`);
    // A company that has not assessed has one wide cell, at column 0.
    const target = cellAt(next) ? next : { row: next.row, column: 0 };
    setFocus(target);
    cellAt(target)?.focus();
  };

  const cellProps = (row: number, column: number) => ({
    "data-cell": `${row}:${column}`,
    tabIndex: focus.row === row && focus.column === column ? 0 : -1,
    onFocus: () => setFocus({ row, column }),
  });

  return (
    <SideScroller label="Maturity heatmap" seeWhat={`all ${AREAS.length} areas`} focusable={false}>
      <table ref={tableRef} role="grid" aria-label="Maturity heatmap: member companies by area" className={styles.table} onKeyDown={move}>
        <thead>
          <tr>
            <th scope="col" className={styles.rowHeader} data-sticky-start="">
              Company
            </th>
            {AREAS.map((area) => (
              <th key={area.id} scope="col" className={styles.columnHeader}>
                {area.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((member, row) => (
            <tr key={member.companyId} className={member.companyId === selected ? styles.selectedRow : undefined} aria-selected={member.companyId === selected}>
              <th scope="row" className={styles.rowHeader}>
                <CompanyButton member={member} onSelect={onSelect} />
                {member.isViewer && <span className={styles.meta}>your company</span>}
                {member.latest && member.latest.cycle !== latestCycle && <span className={styles.meta}>as of {member.latest.cycle}</span>}
                {member.latest && (
                  <span className={styles.meta} data-testid="people-answered">
                    {peopleAnsweredText(member.latest.peopleAnswered, member.latest.disagreements.length)}
                  </span>
                )}
              </th>
              {member.latest === null ? (
                <td colSpan={AREAS.length} className={mergeClasses(styles.cell, styles.empty)} {...cellProps(row, 0)}>
                  Not assessed yet
                </td>
              ) : (
                member.latest.cells.map((cell, column) => <GridCell key={cell.area} content={memberCell(member, cell)} {...cellProps(row, column)} />)
              )}
            </tr>
          ))}
          <tr className={styles.medianRow}>
            <th scope="row" className={styles.rowHeader}>
              Circle median
            </th>
            {AREAS.map((area, column) => (
              <GridCell key={area.id} content={medianCell(area.id, medianByArea.get(area.id))} {...cellProps(rows.length, column)} />
            ))}
          </tr>
        </tbody>
      </table>
    </SideScroller>
  );
}

function GridCell({ content, ...rest }: { content: CellContent; "data-cell": string; tabIndex: number; onFocus: () => void }) {
  const styles = useStyles();
  return (
    <td className={styles.cell} style={content.background ? { backgroundColor: content.background } : undefined} title={content.description} {...(content.text === "—" ? { "aria-label": content.description } : {})} {...rest}>
      {content.text}
      {content.level !== undefined && <span className={styles.level}>{content.level}</span>}
    </td>
  );
}

/** Teams mobile: the same cells, one company after another, each area on its own line. */
function HeatmapList({ view, onSelect }: { view: DashboardView; onSelect: (companyId: string) => void }) {
  const styles = useStyles();
  const medianByArea = new Map(view.circleScore.areas.map((aggregate) => [aggregate.area, aggregate]));
  const latestCycle = view.cycles[view.cycles.length - 1];
  return (
    <ul className={styles.companies} aria-label="Maturity by company">
      {view.members.map((member) => (
        <li key={member.companyId}>
          <h3 className={styles.companyName}>
            <CompanyButton member={member} onSelect={onSelect} />
            {member.isViewer && <span className={styles.meta}>your company</span>}
            {member.latest && member.latest.cycle !== latestCycle && <span className={styles.meta}>as of {member.latest.cycle}</span>}
          </h3>
          {member.latest === null ? (
            <p className={styles.empty}>Not assessed yet</p>
          ) : (
            <AreaList label={`${member.companyName} by area`} cells={member.latest.cells.map((cell) => [cell.area, memberCell(member, cell)])} />
          )}
        </li>
      ))}
      <li>
        <h3 className={styles.companyName}>Circle median</h3>
        <AreaList label="Circle median by area" cells={AREAS.map((area) => [area.id, medianCell(area.id, medianByArea.get(area.id))])} />
      </li>
    </ul>
  );
}

function AreaList({ label, cells }: { label: string; cells: readonly (readonly [AreaId, CellContent])[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.areas} aria-label={label}>
      {cells.map(([area, content]) => (
        <Fragment key={area}>
          <dt className={styles.areaName}>{areaName(area)}</dt>
          <dd className={styles.chip} style={content.background ? { backgroundColor: content.background } : undefined}>
            <span>{content.text}</span>
            {content.level !== undefined && <span>{content.level}</span>}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

function nextPosition(current: Position, key: string, rows: number, columns: number): Position | undefined {
  switch (key) {
    case "ArrowRight":
      return { ...current, column: Math.min(columns - 1, current.column + 1) };
    case "ArrowLeft":
      return { ...current, column: Math.max(0, current.column - 1) };
    case "ArrowDown":
      return { ...current, row: Math.min(rows - 1, current.row + 1) };
    case "ArrowUp":
      return { ...current, row: Math.max(0, current.row - 1) };
    case "Home":
      return { ...current, column: 0 };
    case "End":
      return { ...current, column: columns - 1 };
    default:
      return undefined;
  }
}
