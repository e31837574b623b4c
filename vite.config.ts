import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { hmr: { port: 24678 } },
  build: { target: "es2022" },
  ssr: {
    // Native and binary packages stay outside the server bundle.
    external: ["@electric-sql/pglite", "argon2", "pg", "pino", "exceljs", "meilisearch"],
  },
  plugins: [
    remix({
      // Separate build dirs let several checkouts' browser tests run side by side.
      buildDirectory: process.env.REMIX_BUILD_DIR ?? "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
});
