// A table link is built in one place (tableLink) and read back in one place (parseTableLink, parseLinkSecret), beside it
// in shared/protocol-constants.ts: what the facilitator shares is what the browser that opens it understands.
import { describe, expect, it } from "vitest";
import { LINK_KEYS, parseLinkSecret, parseTableLink, tableLink, type LinkKind } from "#shared/protocol-constants.ts";

const KINDS = Object.keys(LINK_KEYS) as LinkKind[];

describe("a table link, built then read back", () => {
  it.each(KINDS)("gives back the table and the %s secret, as a path or a whole address", (kind) => {
    const link = tableLink("Tb_9-z", kind, "s3cr3t-_x");
    expect(parseTableLink(link)).toEqual({ tableId: "Tb_9-z", secret: { kind, value: "s3cr3t-_x" } });
    expect(parseTableLink(`https://atelier.example.org${link}`)).toEqual({
      tableId: "Tb_9-z",
      secret: { kind, value: "s3cr3t-_x" },
    });
  });

  it("keeps a table id that needed escaping", () => {
    expect(parseTableLink(tableLink("a b/é", "invite", "x"))?.tableId).toBe("a b/é");
  });

  it("reads a link whose fragment was cut off as a table with no secret, and what is no table link as nothing", () => {
    expect(parseTableLink("/t/abc")).toEqual({ tableId: "abc", secret: null });
    expect(parseTableLink("/t/abc#invitation=")).toEqual({ tableId: "abc", secret: null });
    expect(parseTableLink("/a/abc#invitation=x")).toBeNull();
    expect(parseTableLink("/t/")).toBeNull();
    expect(parseTableLink("/t/%E0%A4%A#animation=x")).toBeNull();
  });

  it("lets the facilitator's secret win over a participant's, and a participant's over an observer's", () => {
    expect(parseLinkSecret("#observation=o&invitation=i&animation=f")).toEqual({ kind: "facilitator", value: "f" });
    expect(parseLinkSecret("#observation=o&invitation=i")).toEqual({ kind: "invite", value: "i" });
    expect(parseLinkSecret("observation=o")).toEqual({ kind: "observer", value: "o" });
  });
});
