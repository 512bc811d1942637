// French strings the exports add for contributions, reactions, dealt pitfalls, written cards and debriefs.
export const frExport = {
  futureNumbered: "Futur souhaitable {{number}}",
  futures: "Futurs souhaitables",
  constraintTime: "Contraintes de temps",
  constraintValues: "Valeurs à respecter",
  constraintActors: "Acteurs en jeu",
  removed: "retiré·e de la table",
  writtenBy: "Carte écrite à cette table par {{name}} ({{role}})",
  dealtOpen:
    "Écueil distribué par l'animation — encore ouvert : personne n'a encore raconté comment l'histoire le rencontre.",
  dealtAnswered: "Écueil distribué par l'animation — l'histoire l'a rencontré.",
  placedBy: "Posée par {{name}} ({{role}}).",
  answer: "Comment l'histoire rencontre cet écueil",
  contributions: "Oui, et…",
  contributedBy: "— {{name}} ({{role}})",
  reactions: "Réactions : plausible : {{plausible}} · souhaitable : {{desirable}}",
  debrief: "Débrief",
  debriefIntro: "Où chacun·e se place dans le futur souhaitable, et comment il ou elle agit dans cette transition.",
  debriefOf: "{{name}} ({{role}})",
  notYetWritten: "N'a pas encore écrit son débrief : {{names}}",
  noDebrief: "Personne n'a encore écrit de débrief.",
  won: "Tous les joueurs se sont placés dans un futur souhaitable : la table a gagné.",
  missing_one:
    "Il manque encore {{count}} joueur pour que la table gagne : chacun·e doit se placer dans un futur souhaitable.",
  missing_other:
    "Il manque encore {{count}} joueurs pour que la table gagne : chacun·e doit se placer dans un futur souhaitable.",
  noPlayers: "Aucun joueur n'est encore à la table.",
  json: {
    wrongVersion:
      "Ce récit est au format version {{version}}, que cette version du jeu ne sait pas lire (elle lit les versions 1 et {{expected}}).",
    duplicateContribution: "la contribution « {{contributionId}} » apparaît deux fois",
    notInHand: "la carte distribuée « {{cardId}} » n'est dans aucune main",
    notInTurns: "« {{participantId}} » n'est pas dans l'ordre des tours (table.turns.order)",
    contributionTooLong: "La contribution ne doit pas dépasser {{max}} caractères.",
    debriefTooLong: "Le débrief ne doit pas dépasser {{max}} caractères.",
    tooManySuggestions: "plus de {{max}} suggestions",
    suggestionTooLong: "La suggestion ne doit pas dépasser {{max}} caractères.",
    idTooLow: "doit dépasser le numéro de chaque contribution, suggestion et carte écrite (au moins {{min}})",
    openNotDealt: "seul un écueil distribué peut rester ouvert",
  },
} as const;
