import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The tab: tab/app → tab/dist, served by the app's own server under /tab/. */
export default defineConfig({
  root: fileURLToPath(new URL("./app", import.meta.url)),
  base: "/tab/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // Loaded only when needed: charts once the dashboard has data, teams-js only inside Teams.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            { name: "charts", test: /node_modules[\\/](chart\.js|react-chartjs-2|@kurkle)[\\/]/ },
            { name: "teams-js", test: /node_modules[\\/]@microsoft[\\/]teams-js[\\/]/ },
          ],
        },
      },
    },
  },
  logLevel: "warn",
});
