// The workshop the room tests, the end-to-end tests and the workshop benchmark open (the Lilas, two tables of ten, one
// shared setup), and how they read a secret out of the links the server answers.
import { LINK_KEYS, type LinkKind } from "#shared/protocol-constants.ts";
import type { CreateWorkshopBody } from "#shared/workshop.ts";

export function lilasWorkshop(change: Partial<CreateWorkshopBody> = {}): CreateWorkshopBody {
  return {
    title: "Atelier des Lilas",
    date: "2025-11-20",
    tableCount: 2,
    seatsPerTable: 10,
    setupMode: "shared",
    setup: {
      system: "Le quartier des Lilas",
      presentState: "Aujourd'hui, tout se fait en voiture.",
      horizonYear: 2040,
      desirableFuture: "On y vit sans voiture personnelle.",
      framingChallengeId: null,
      framingChallengeText: "Vivre sans voiture en quinze ans ?",
    },
    tables: [],
    decks: ["challenge", "lever", "pitfall"],
    themes: [],
    facilitatorName: "Camille",
    ...change,
  };
}

/** The secret of this kind in a link's fragment, or "" when it holds none. */
export function secretIn(link: string, kind: LinkKind): string {
  return new URLSearchParams(link.slice(link.indexOf("#") + 1)).get(LINK_KEYS[kind]) ?? "";
}
