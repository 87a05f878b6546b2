import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { connectToHost } from "./host.js";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
const root = createRoot(container);

void connectToHost(window).then((host) => root.render(<App host={host} />));
