// The linter: a few rules that catch real bugs (dropped promises, switches that miss a case, hooks) and the import
// fence that keeps the architecture (only client/src/net/ talks to Colyseus; shared/ and cards/ stay free of I/O).
// Style is Prettier's business (eslint-config-prettier turns off every rule that would argue with it).
import { builtinModules } from "node:module";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const TS_FILES = ["**/*.ts", "**/*.tsx"];
/** A module name as a piece of regex ("/" escaped too, which the dynamic-import selector below relies on). */
const escaped = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

// Node's built-in modules, with or without the node: prefix (fs, fs/promises, node:sqlite, …).
const nodeNames = builtinModules.filter((name) => !name.startsWith("_") && !name.startsWith("node:"));
const NODE_BUILTIN = `^(node:|(${nodeNames.map(escaped).join("|")})(\\/|$))`;

const SERVER_PACKAGES = [
  "express",
  "express-rate-limit",
  "rate-limiter-flexible",
  "helmet",
  "compression",
  "pg",
  "ioredis",
  "pino",
  "prom-client",
  "@colyseus/core",
  "@colyseus/ws-transport",
  "@colyseus/testing",
];
const UI_PACKAGES = [
  "react",
  "react-dom",
  "react-i18next",
  "zustand",
  "wouter",
  "framer-motion",
  "@dnd-kit/core",
  "qrcode.react",
];
const packages = (names) => `^(${names.map(escaped).join("|")})(\\/|$)`;

/** One fence: each rule is a regex on the import's source and the reason shown when it is broken. */
function fence(rules) {
  return {
    // Static imports and re-exports; type-only imports too, since they tie the folder to the other side just the same.
    "no-restricted-imports": ["error", { patterns: rules.map(([regex, message]) => ({ regex, message })) }],
    // Dynamic import("…"), which no-restricted-imports does not look at (the SDK itself is loaded that way).
    "no-restricted-syntax": [
      "error",
      ...rules.map(([regex, message]) => ({
        // esquery reads a regex up to the first "/", so slashes are written \u002F.
        selector: `ImportExpression[source.value=/${regex.replaceAll("\\/", "\\u002F")}/]`,
        message,
      })),
    ],
  };
}

const NO_NODE = [NODE_BUILTIN, "Node's built-in modules are for the server: this folder also runs in the browser."];
const NO_SERVER = ["^#server\\/", "The server's code stays on the server."];
const NO_COLYSEUS = ["^@colyseus\\/", "Only client/src/net/ talks to Colyseus; read the stores it writes instead."];

const sharedFence = fence([
  NO_NODE,
  NO_SERVER,
  ["^#(client|tests)\\/", "shared/ and cards/ are the game itself: they import nothing from the client or the tests."],
  [
    "^(\\.\\.\\/)+(server|client|tests)(\\/|$)",
    "shared/ and cards/ import nothing from server/, client/ or tests/ (and across folders, imports use #shared/…).",
  ],
  [packages(SERVER_PACKAGES), "A server-only package: shared/ and cards/ do no I/O."],
  [
    "^@colyseus\\/",
    "shared/ and cards/ know nothing of Colyseus: the server projects the plain state into its schema.",
  ],
  [packages(UI_PACKAGES), "shared/ and cards/ know nothing of React or the browser's libraries."],
  ["^(#cards\\/|\\.\\/|\\.\\.\\/cards\\/)files\\.ts$", "cards/files.ts reads the disk: the server's, not the game's."],
]);
const clientFence = [NO_NODE, NO_SERVER, ["^(\\.\\.\\/)+server(\\/|$)", NO_SERVER[1]]];

export default defineConfig(
  globalIgnores([
    "**/node_modules/",
    "**/dist/",
    "coverage/",
    "data/",
    "test-results/",
    "playwright-report/",
    "bench/results/",
    "cards/kit/",
  ]),
  // A disable comment that no longer hides anything is an error: it would hide the next real finding there.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: TS_FILES,
    languageOptions: {
      // Type information for the rules below that need it; one TypeScript service for the whole tsconfig.json.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // Not on JSX attributes: an async onSubmit/onClick is the React idiom here, and net/'s calls resolve (a refusal is
      // a value), they do not reject. Still checked where a dropped rejection would bite: listeners, callbacks, ifs.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        // A default case may stand for the rest of a union on purpose; a switch without one must name every member.
        { considerDefaultExhaustiveForUnions: true, allowDefaultCaseForExhaustiveSwitch: true },
      ],
    },
  },
  {
    rules: {
      // `_name` says "unused on purpose" (a parameter kept for its position, a key taken out by destructuring).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
    },
  },
  // cards/files.ts is the one module of cards/ that reads the disk (the server's and the tests'); nothing in shared/
  // or the rest of cards/ may import it.
  { files: ["shared/**", "cards/**"], ignores: ["cards/files.ts"], rules: sharedFence },
  {
    // Node's globals reach the same modules without an import (process.getBuiltinModule("node:fs")).
    files: ["shared/**", "cards/**"],
    ignores: ["cards/files.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        ...["process", "Buffer", "global", "require", "__dirname", "__filename", "setImmediate"].map((name) => ({
          name,
          message: "A Node global: shared/ also runs in the browser, and takes time and randomness as arguments.",
        })),
      ],
    },
  },
  {
    files: ["client/src/**"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      ...fence([...clientFence, NO_COLYSEUS]),
    },
  },
  // The one place that may import the Colyseus SDK and its schema.
  { files: ["client/src/net/**"], rules: fence(clientFence) },
  prettier,
);
