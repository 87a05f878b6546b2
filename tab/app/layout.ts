/**
 * The tab's one breakpoint. Below it (Teams mobile, 360 px) tables of companies × 10 areas become
 * lists that need no sideways scrolling; from it up they are tables.
 */
export const NARROW_MAX_WIDTH_PX = 639;
export const NARROW = `@media (max-width: ${NARROW_MAX_WIDTH_PX}px)`;
export const WIDE = `@media (min-width: ${NARROW_MAX_WIDTH_PX + 1}px)`;
