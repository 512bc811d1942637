// docs/ARCHITECTURE.md is where a newcomer learns what each feature folder of the client is for: it must list them all.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("docs/ARCHITECTURE.md", () => {
  it("says what every feature folder of the client is for", () => {
    const features = readdirSync(path.join(root, "client/src/features"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const architecture = readFileSync(path.join(root, "docs/ARCHITECTURE.md"), "utf8");
    const listed = new Set([...architecture.matchAll(/^\s+- ([a-z-]+)\/\s+\S/gm)].map((match) => match[1]));
    expect(features.length).toBeGreaterThan(5);
    expect(features.filter((feature) => !listed.has(feature))).toEqual([]);
  });
});
