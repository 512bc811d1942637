// French strings of the kit's tools around the story: what is at stake (Kit AgirLocal, lines 1238–1245, quoted as the
// kit words them), the kit's advice on writing a challenge (line 1449), and each person's commitment at the debrief
// (« Je m'engage à… », the workshop format's « engagements individuels »).
export const frKitStakes = {
  refusal: {
    stakesTooLong: "Les enjeux ne doivent pas dépasser {{max}} caractères.",
    tooManyStakeItems: "{{list}} : {{max}} au plus (le kit parle d'« un petit nombre »).",
    stakeItemTooLong: "{{list}} : chaque élément ne doit pas dépasser {{max}} caractères.",
    commitmentTooLong: "Votre engagement ne doit pas dépasser {{max}} caractères.",
  },
  kitStakes: {
    heading: "Enjeux et objectifs",
    intro:
      "Le kit invite à « engager la discussion sur les objectifs et les finalités de la démarche » et à en garder la trace. Tout est facultatif.",
    ifNothing: "Les enjeux",
    ifNothingHint: "« Formuler les enjeux, ce qui se passe si on ne fait rien »",
    objectives: "Les objectifs",
    objectivesHint:
      "« Qualifier les objectifs, ce à quoi on veut aboutir » ; « les hiérarchiser : ce qui est le plus important ».",
    objective: "Objectif {{number}}",
    priorityOf: "Priorité de l'objectif {{number}}",
    priority: {
      "1": "Priorité 1 (le plus important)",
      "2": "Priorité 2",
      "3": "Priorité 3",
    },
    quickWins: "Les petites victoires",
    quickWinsHint: '« Repérer ceux qui sont atteignables plus rapidement, les "petites victoires" »',
    quickWin: "Petite victoire {{number}}",
    indicators: "Les indicateurs de succès",
    indicatorsHint:
      '« Identifier un petit nombre d\'indicateurs de succès : "nous aurons réussi si, dans xx années..." »',
    indicator: "Indicateur {{number}}",
    add: {
      objectives: "Ajouter un objectif",
      quickWins: "Ajouter une petite victoire",
      indicators: "Ajouter un indicateur",
    },
    new: {
      objectives: "Nouvel objectif",
      quickWins: "Nouvelle petite victoire",
      indicators: "Nouvel indicateur",
    },
    remove: "Retirer « {{what}} »",
    cancel: "Annuler",
    max: "{{max}} au plus.",
    /** What the story shows in its frame, on screen and in the exports. */
    story: {
      heading: "Enjeux et objectifs",
      ifNothing: "Les enjeux (ce qui se passe si on ne fait rien)",
      objectives: "Les objectifs, par priorité",
      objective: "Priorité {{priority}} : {{text}}",
      quickWins: "Les petites victoires",
      indicators: "Nous aurons réussi si…",
      none: "Pas d'enjeux ni d'objectifs notés.",
    },
    /** The kit's advice next to every field where someone writes a challenge. */
    challengeAdvice: "Le conseil du kit : « un défi doit être simple, donner envie, ouvert, crédible ».",
    commitment: {
      label: "Mon engagement : « Je m'engage à… »",
      hint: "Comme les engagements individuels du format d'atelier : ce que vous ferez, vous, pour cette transition. Facultatif.",
      counter: "{{count}} / {{max}} caractères",
      mine: "Mon engagement",
      none: "Pas d'engagement écrit.",
      /** In the debrief's list and the exports. */
      heading: "Les engagements",
      of: "{{name}} ({{role}})",
      nobody: "Personne n'a encore écrit d'engagement.",
      short: "Engagement :",
    },
  },
} as const;
