// What reaches the browser: every module the app's entry imports at run time (static imports, re-exports, side-effect
// imports and lazy import()s; `import type` is erased and does not count). No validation library among them: the
// server validates what it receives, and the browser validates nothing with zod (it would weigh ~25 KB gzip of the
// join page for nothing, and probe `new Function` against the page's CSP).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const ENTRY = path.join(root, "client/src/main.tsx");

/** Run-time import specifiers of one module's source; lazy import()s too unless `lazy` is false. */
export function runtimeImports(source: string, lazy = true): string[] {
  const found: string[] = [];
  // import x from "m"; import { a, type B } from "m"; export { a } from "m"; export * from "m" (not `import type …`)
  const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?([\w$*{},\s]+?)\s*from\s*["']([^"']+)["']/g;
  for (const [, typeOnly, , specifier = ""] of source.matchAll(statement)) if (!typeOnly) found.push(specifier);
  // import "m" (side effects only: styles, set-up)
  for (const [, specifier = ""] of source.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) found.push(specifier);
  if (lazy)
    for (const [, specifier = ""] of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(specifier);
  return found;
}

/** The project's own subpath imports (package.json "imports": `#shared/*` → `./shared/*`). */
const ALIASES = Object.entries(
  (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { imports: Record<string, string> }).imports,
).map(([key, target]) => [key.replace(/\*$/, ""), path.join(root, target.replace(/\*$/, ""))] as const);

const isOwn = (specifier: string) => specifier.startsWith(".") || specifier.startsWith("#");

function resolve(from: string, specifier: string): string | null {
  const alias = ALIASES.find(([prefix]) => specifier.startsWith(prefix));
  if (!alias && !specifier.startsWith(".")) return null;
  const base = alias
    ? path.join(alias[1], specifier.slice(alias[0].length))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

/** Every package the entry reaches (through lazy imports too, unless `lazy` is false), each with one chain of modules that brings it in. */
export function packagesReached(entry: string, lazy = true): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const chain = seen.get(file) ?? [];
    for (const specifier of runtimeImports(readFileSync(file, "utf8"), lazy)) {
      if (!isOwn(specifier)) {
        const name = specifier.startsWith("@")
          ? specifier.split("/").slice(0, 2).join("/")
          : (specifier.split("/")[0] ?? "");
        if (!packages.has(name))
          packages.set(
            name,
            chain.map((f) => path.relative(root, f)),
          );
        continue;
      }
      const target = resolve(file, specifier);
      if (target && !seen.has(target)) {
        seen.set(target, [...chain, target]);
        queue.push(target);
      }
    }
  }
  return packages;
}

describe("the browser's modules", () => {
  it("finds run-time imports and skips type-only ones", () => {
    const source = [
      'import type { A } from "./a.ts";',
      'import { b, type C } from "./b.ts";',
      'import "./c.css";',
      'export { d } from "./d.ts";',
      'export type { E } from "./e.ts";',
      'const F = lazy(() => import("./f.tsx"));',
      "import {\n  g,\n  type H,\n} from './g.ts';",
    ].join("\n");
    expect(runtimeImports(source).sort()).toEqual(["./b.ts", "./c.css", "./d.ts", "./f.tsx", "./g.ts"]);
    expect(runtimeImports(source, false).sort()).toEqual(["./b.ts", "./c.css", "./d.ts", "./g.ts"]);
    expect(runtimeImports('export const Screen = lazyPart(() => import("./Screen.tsx"));', false)).toEqual([]);
  });

  it("include no validation library", () => {
    const packages = packagesReached(ENTRY);
    expect(packages.has("react")).toBe(true);
    expect(packages.has("@colyseus/sdk")).toBe(true);
    // The chain says which import to change (an `import type`, or a constant moved to a zod-free module).
    expect(packages.get("zod") ?? null).toBeNull();
  });

  it("load the table's libraries and the SDK with the table, not with the join page", () => {
    const first = packagesReached(ENTRY, false);
    expect(first.has("react-dom")).toBe(true);
    for (const name of ["framer-motion", "@dnd-kit/core", "qrcode.react", "@colyseus/sdk", "zod"]) {
      expect(first.get(name)?.join(" > ") ?? null, name).toBeNull();
    }
  });

  it("translate through client/src/i18n/use-translation.ts, not react-i18next (its hook costs too much per component)", () => {
    // react-i18next's useTranslation copies the i18next instance on every mount and subscribes each component: on a
    // seated 40-step table that was a good part of the first render on a phone (bench/page-load.ts). Its set-up
    // (initReactI18next) is gone too, so its hook would show keys instead of words.
    const files = readdirSync(path.join(root, "client/src"), { recursive: true, encoding: "utf8" }).filter((f) =>
      /\.tsx?$/.test(f),
    );
    const offending = files.filter((file) =>
      /from\s*["']react-i18next["']/.test(readFileSync(path.join(root, "client/src", file), "utf8")),
    );
    expect(offending).toEqual([]);
  });

  it("animate with framer-motion's light `m` components, their features loaded apart (client/src/motion-root.tsx)", () => {
    // `motion` brings every animation feature into the table's chunk (~85 KB); a whole-package import() too, as the
    // bundler keeps the namespace whole. LazyMotion strict only throws in development, hence this check.
    const files = readdirSync(path.join(root, "client/src"), { recursive: true, encoding: "utf8" }).filter((f) =>
      /\.tsx?$/.test(f),
    );
    const offending: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.join(root, "client/src", file), "utf8");
      const named = /import\s*\{([^}]*)\}\s*from\s*["']framer-motion["']/g;
      for (const [, names = ""] of source.matchAll(named)) {
        if (names.split(",").some((name) => name.trim() === "motion")) offending.push(`${file}: imports motion`);
      }
      if (/import\(\s*["']framer-motion["']\s*\)|import\s+\*\s+as\s+\w+\s+from\s+["']framer-motion["']/.test(source)) {
        offending.push(`${file}: imports the whole package`);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });
});
