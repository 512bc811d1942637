// French strings of a table inside a workshop: the workshop facilitator as an actor, the facilitation's message on
// every screen, the way back to the workshop's overview, and someone moved to another table.
export const frWorkshopRules = {
  refusal: {
    workshopActorNotAllowed:
      "L'animation de l'atelier ne fait pas cela depuis la vue d'ensemble : ouvrez la table pour le faire.",
    workshopOnly: "Seule l'animation de l'atelier déplace quelqu'un vers une autre table.",
    announcementTooLong: "Le message ne doit pas dépasser {{max}} caractères.",
    moveTableNameInvalid: "Nommez la table vers laquelle déplacer cette personne ({{max}} caractères au plus).",
    cannotMoveFacilitator: "{{name}} anime cette table : seul·es les participant·es changent de table.",
    participantMoved:
      "L'animation de l'atelier vous a déplacé·e vers {{table}} : vous pouvez lire le récit de cette table, plus y jouer.",
    seatMoved:
      "L'animation de l'atelier vous a déplacé·e vers {{table}} : rouvrez le lien de l'atelier pour y prendre place.",
  },
  workshopRules: {
    /** Who did it, wherever a record or a notice names the actor of what the workshop facilitator did to every table. */
    actor: "l'animation de l'atelier",
    banner: {
      heading: "Message de l'animation",
    },
    /** At a table opened from the workshop's overview with the workshop facilitator's link: the link back to the overview. */
    backToOverview: "Retour à la vue d'ensemble de l'atelier",
    announce: {
      heading: "Message à la table",
      label: "Message affiché sur tous les écrans de la table",
      hint: "{{max}} caractères au plus. Il reste affiché jusqu'à ce que vous l'effaciez ou le remplaciez.",
      submit: "Afficher le message",
      clear: "Effacer le message",
      shown: "Message affiché sur tous les écrans.",
      cleared: "Message effacé.",
    },
    moved: {
      /** Beside the name of someone who left for another table of the workshop (instead of « retiré·e »). */
      name: "{{name}} (parti·e vers {{table}})",
      label: "parti·e vers {{table}}",
      heading: "Changé·es de table",
      pageHeading: "Changement de table",
      /** The moved person's browser, on its way and once seated at the new table. */
      leaving: "Vous avez été déplacé·e vers {{table}} : ouverture de la table…",
      notice: "Vous avez été déplacé·e vers {{table}}.",
      anotherTable: "une autre table",
    },
  },
} as const;
