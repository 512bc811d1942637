// Builds the browser app from client/ into dist/, which the server serves; `npm run dev` proxies the API to a running server.
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import { constants as zlib } from "node:zlib";
import react from "@vitejs/plugin-react";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

const server = `http://localhost:${process.env.PORT ?? 2567}`;
const src = path.resolve(import.meta.dirname, "client/src");

/**
 * The seated table's code in two chunks (and one style sheet) instead of a dozen files: a browser opens at most six
 * connections to a server over HTTP/1.1, and on a phone's network each file costs a round trip, so that the table's
 * files, fetched while the person joins, held the join request itself in the queue (bench/page-load.ts). "motion" is
 * framer-motion with its settings (motion-root.tsx, which every lazily loaded page wears, see lazy-part.tsx) and its
 * features; "table" is what the table's screens import besides. Neither takes what the join page's first chunk
 * already has, nor the SDK (its own chunk, shared with the workshop pages). A page that shares a module with the table
 * (the home page's setup form, the workshop's plenary) loads the table chunk with it.
 */
function chunkGroups(): { plugin: Plugin; motion: (id: string) => boolean; table: (id: string) => boolean } {
  const motion = new Set<string>();
  const table = new Set<string>();
  const plugin: Plugin = {
    name: "jdt-chunk-groups",
    apply: "build",
    buildEnd() {
      // Static imports only: what a chunk needs to run (the dynamic ones are chunks of their own).
      const closure = (from: string[]): Set<string> => {
        const seen = new Set<string>();
        const stack = [...from];
        while (stack.length > 0) {
          const id = stack.pop() as string;
          if (seen.has(id)) continue;
          seen.add(id);
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const at = (file: string) => path.join(src, file);
      const initial = closure([...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry));
      const sdk = closure([at("net/sdk.ts")]);
      motion.clear();
      table.clear();
      for (const id of closure([at("motion-root.tsx")])) if (!initial.has(id)) motion.add(id);
      for (const id of closure([at("features/table/TableScreen.tsx"), at("features/present/PresentationScreen.tsx")])) {
        if (!initial.has(id) && !sdk.has(id) && !motion.has(id)) table.add(id);
      }
    },
  };
  return { plugin, motion: (id) => motion.has(id), table: (id) => table.has(id) };
}

const chunks = chunkGroups();

export default defineConfig({
  root: "client",
  plugins: [
    react(),
    chunks.plugin,
    // Each script and style sheet also written compressed, at the strongest settings (brotli 11, gzip 9), once at build
    // time: the server sends these as they are (server/http/client-files.ts) instead of compressing every request at
    // a quick setting. A tenth fewer bytes on a phone, and no compression work per visitor.
    compression({
      include: /\.(js|css|svg|json)$/,
      threshold: 1024,
      algorithms: [
        defineAlgorithm("brotliCompress", { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm("gzip", { level: 9 }),
      ],
      logLevel: "silent",
    }),
  ],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Only the modules listed: what they import from the first chunk stays there.
          includeDependenciesRecursively: false,
          groups: [
            { name: "motion", test: chunks.motion },
            { name: "table", test: chunks.table },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": server,
      "/matchmake": server,
      "^/[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+\\?": { target: server, ws: true },
    },
  },
});
