/** Leads passed between member companies: the life cycle and the practice figures (pure). */
export * from "./lifecycle.js";
export * from "./practice.js";
