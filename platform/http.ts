import type { Server } from "restify";

/** Something that mounts its routes on the server: the bot, the tab API, the tab's static files. */
export type RouteModule = (server: Server) => void;
