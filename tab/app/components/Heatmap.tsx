import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { AREAS } from "../../../core/model/index.js";
import type { AreaCell, DashboardView, MemberView } from "../../shared/dashboard-types.js";
import { STAGE_BACKGROUNDS, areaName, levelText, stageName } from "../format.js";

const useStyles = makeStyles({
  scroller: { overflowX: "auto" },
  table: { borderCollapse: "separate", borderSpacing: "2px", width: "100%", fontSize: tokens.fontSizeBase200 },
  columnHeader: { fontWeight: tokens.fontWeightSemibold, verticalAlign: "bottom", padding: "4px", minWidth: "76px", textAlign: "center" },
  rowHeader: { textAlign: "left", padding: "4px 8px", fontWeight: tokens.fontWeightRegular, whiteSpace: "nowrap" },
  button: {
    background: "none",
    border: "none",
    padding: 0,
    color: tokens.colorBrandForeground1,
    font: "inherit",
    cursor: "pointer",
    textDecoration: "underline",
    textAlign: "left",
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
});

interface Position {
  row: number;
  column: number;
}

/**
 * Member companies × the 10 areas: each cell says its stage in words and in colour. A grid: arrow
 * keys, Home and End move between cells; a company's name selects it for the radar.
 */
/** "2 people answered · they differ on 1 area": a company's assessment is its people's assessment. */
export function peopleAnsweredText(people: number, disagreements: number): string {
  const answered = `${people} ${people === 1 ? "person" : "people"} answered`;
  return disagreements > 0 ? `${answered} · they differ on ${disagreements} ${disagreements === 1 ? "area" : "areas"}` : answered;
}

export function Heatmap({ view, selected, onSelect }: { view: DashboardView; selected: string; onSelect: (companyId: string) => void }) {
  const styles = useStyles();
  const [focus, setFocus] = useState<Position>({ row: 0, column: 0 });
  const tableRef = useRef<HTMLTableElement>(null);
  const rows = view.members;
  const medianByArea = new Map(view.circleScore.areas.map((aggregate) => [aggregate.area, aggregate]));
  const latestCycle = view.cycles[view.cycles.length - 1];
  const rowCount = rows.length + 1;

  useEffect(() => {
    performance.mark("dashboard:heatmap-rendered");
  }, []);

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
    <div className={styles.scroller}>
      <table ref={tableRef} role="grid" aria-label="Maturity heatmap: member companies by area" className={styles.table} onKeyDown={move}>
        <thead>
          <tr>
            <th scope="col" className={styles.rowHeader}>
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
                <button type="button" className={styles.button} onClick={() => onSelect(member.companyId)} aria-label={`${member.companyName}: show in the radar`}>
                  {member.companyName}
                </button>
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
                member.latest.cells.map((cell, column) => <StageCell key={cell.area} cell={cell} member={member} className={styles.cell} levelClass={styles.level} {...cellProps(row, column)} />)
              )}
            </tr>
          ))}
          <tr className={styles.medianRow}>
            <th scope="row" className={styles.rowHeader}>
              Circle median
            </th>
            {AREAS.map((area, column) => {
              const aggregate = medianByArea.get(area.id);
              return (
                <td
                  key={area.id}
                  className={styles.cell}
                  style={aggregate ? { backgroundColor: STAGE_BACKGROUNDS[aggregate.medianStage] } : undefined}
                  title={aggregate ? `${areaName(area.id)}: circle median ${levelText(aggregate.median)}` : undefined}
                  {...cellProps(rows.length, column)}
                >
                  {aggregate ? stageName(aggregate.medianStage) : "—"}
                  {aggregate && <span className={styles.level}>{levelText(aggregate.median)}</span>}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function StageCell({ cell, member, className, levelClass, ...rest }: { cell: AreaCell; member: MemberView; className: string; levelClass: string; "data-cell": string; tabIndex: number; onFocus: () => void }) {
  if (cell.answer === "not-applicable") {
    return (
      <td className={className} title={`${member.companyName}, ${areaName(cell.area)}: not applicable`} {...rest}>
        n/a
      </td>
    );
  }
  if (cell.answer === "unanswered") {
    return (
      <td className={className} title={`${member.companyName}, ${areaName(cell.area)}: not answered`} aria-label="Not answered" {...rest}>
        —
      </td>
    );
  }
  return (
    <td className={className} style={{ backgroundColor: STAGE_BACKGROUNDS[cell.answer] }} title={`${member.companyName}, ${areaName(cell.area)}: ${stageName(cell.answer)}`} {...rest}>
      {stageName(cell.answer)}
      <span className={levelClass}>{cell.level}</span>
    </td>
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
