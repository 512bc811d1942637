// The workshop link as the browser reads it: which secret its fragment holds, and which table a remembered path leads
// back to.
import { describe, expect, it } from "vitest";
import { tableIdOfPath, workshopSecretFromLocation } from "#client/features/workshop/workshop-link.ts";
import { tableLink } from "#shared/protocol-constants.ts";
import { workshopLink } from "#shared/workshop.ts";

const hashOf = (link: string) => link.slice(link.indexOf("#"));

describe("a workshop link's secret", () => {
  it("reads each of the three links as what it is", () => {
    expect(workshopSecretFromLocation(hashOf(workshopLink("w1", "invite", "inv")))).toEqual({
      kind: "invite",
      value: "inv",
    });
    expect(workshopSecretFromLocation(hashOf(workshopLink("w1", "facilitator", "fac")))).toEqual({
      kind: "facilitator",
      value: "fac",
    });
    expect(workshopSecretFromLocation(hashOf(workshopLink("w1", "observer", "obs")))).toEqual({
      kind: "observer",
      value: "obs",
    });
  });

  it("finds nothing in a link cut before its fragment", () => {
    expect(workshopSecretFromLocation("")).toBeNull();
    expect(workshopSecretFromLocation("#invitation=")).toBeNull();
  });
});

describe("the table remembered for a workshop", () => {
  it("is the table of the participant link kept", () => {
    expect(tableIdOfPath(tableLink("Ab_3-x", "invite", "secret"))).toBe("Ab_3-x");
  });
});
