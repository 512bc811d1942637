// Builds the browser app from client/ into dist/, which the server serves; `npm run dev` proxies the API to a running server.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const server = `http://localhost:${process.env.PORT ?? 2567}`;

export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist", emptyOutDir: true },
  server: {
    proxy: {
      "/api": server,
      "/matchmake": server,
      "^/[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+\\?": { target: server, ws: true },
    },
  },
});
