// French strings of deleting a table: the facilitator's « Effacer la table » and its confirmation, what everyone sees
// once it is gone, and the date the retention sweep will delete an untouched table.
export const frDeletion = {
  deletion: {
    /** The close reason every connection of a deleted table receives, and the page its people see. */
    deleted: "Cette table a été effacée.",
    goneHeading: "Table effacée",
    goHome: "Aller à l'accueil",
    heading: "Effacer la table",
    open: "Effacer la table",
    openHint:
      "Efface tout ce que le serveur garde de cette table, pour tout le monde. On ne peut pas revenir en arrière.",
    confirmHeading: "Effacer cette table pour de bon ?",
    willBeGone: "Seront effacés, pour tout le monde et sans retour possible :",
    gone: {
      path: "le chemin et toutes ses étapes ;",
      texts: "chaque narration et chaque contribution (« oui, et… », débrief, cartes écrites à la table) ;",
      people: "les personnes assises à la table et leurs mains ;",
      links:
        "les liens (animation, participant·es, observation) : ils ne mèneront plus nulle part, et les personnes connectées verront que la table a été effacée.",
    },
    advice: "Téléchargez d'abord le récit si vous voulez le garder : ensuite, il n'existera plus nulle part.",
    confirm: "Effacer définitivement",
    cancel: "Annuler",
    done: "La table « {{title}} » a été effacée.",
    failed: "La table n'a pas pu être effacée : {{message}}",
    facilitatorKeyRequired: "Le lien d'animation est nécessaire pour effacer la table.",
    /** Shown to the facilitator: the retention sweep (RETENTION_DAYS) deletes a table nobody touched for that long. */
    retention:
      "Ce récit sera effacé le {{date}} si personne n'y touche : toute action à la table repousse cette date, et le récit téléchargé (JSON) se garde et se continue ailleurs.",
  },
} as const;
