// French strings of who is around the table (the Kit AgirLocal's actor map, « Identifier : Quels acteurs ? », and its
// advice « Construisez votre table ») and of changing hats during play. The zones and the advice are the kit's words.
export const frKitActors = {
  refusal: {
    zoneUnknown: "Cette zone n'est pas sur la carte des acteurs du kit.",
    hatAnonymised:
      "Vous êtes anonymisé·e : votre rôle reste « participant·e », un nouveau rôle vous nommerait à nouveau.",
  },
  actors: {
    zone: {
      digital: "Numérique",
      environment: "Développement durable et environnement",
      decisionMakers: "Décideurs du territoire",
      civilSociety: "Société civile",
    },
    /** One line each, from the kit (« Identifier : Quels acteurs ? »). */
    zoneHint: {
      digital:
        "Les acteurs liés au numérique : logiciels, infrastructures, services numériques, innovation technologique ou sociale, information géographique, fabrication numérique.",
      environment:
        "Les acteurs liés au développement durable et à l'environnement : l'énergie, les déchets, les transports…",
      decisionMakers:
        "Les exécutifs locaux (élus et directions générales), les directions « métiers », les acteurs des projets structurants du territoire.",
      civilSociety: "Le tissu associatif, les acteurs de l'ESS, les porteurs d'initiatives citoyennes.",
    },
    join: {
      legend: "Où vous situez-vous sur la carte des acteurs ?",
      hint: "Les quatre zones de la carte des acteurs du Kit AgirLocal. Choisissez celle qui vous ressemble le plus aujourd'hui.",
      optionalForFacilitator: "Facultatif pour l'animation : vous pouvez ne vous situer nulle part.",
    },
    /** An author signed with the role they had when they wrote (changing hats does not rewrite it). */
    signed: "{{name}} ({{role}})",
    balance: {
      heading: "Qui est autour de la table ?",
      intro: "La table selon la carte des acteurs du kit : combien de personnes dans chaque zone, et qui.",
      count_zero: "personne pour l'instant",
      count_one: "{{count}} personne",
      count_other: "{{count}} personnes",
      missing: "Personne ne représente encore : {{zones}}.",
      /** The kit's own advice, said when digital or environment has nobody. */
      missingCore: "Le kit conseille d'intégrer la diversité (numérique et environnement) dès le premier cercle.",
      balanced: "Les quatre zones de la carte sont représentées.",
      noZone: "Sans zone : {{names}}",
      adviceHeading: "Construisez votre table — les conseils du kit",
      adviceSource: "Kit AgirLocal, « Construisez votre table »",
      /** Quoted from the kit, « Construisez votre table » (lines 1182–1188 of the text version). */
      advice: {
        balance: "Une table à l'équilibre comprend des acteurs variés.",
        diversity:
          "Intégrez la diversité (numérique et environnement) dès le premier cercle, qui comportera des acteurs à l'esprit constructif.",
        vocabulary:
          "Incitez les participants à utiliser un vocabulaire accessible à tous : vous croisez des champs de spécialité qui ne parlent pas le même langage, et des élus et citoyens non-spécialistes.",
        citizens:
          "Invitez, à certains moments, les participants à se projeter en tant que citoyens plutôt qu'avec leurs casquettes professionnelles : si le niveau d'expertise de chaque participant peut différer et s'avérer intimidant pour certains, chaque personne du tour de table bénéficie d'une expertise d'usage intéressante à entendre et à mobiliser.",
      },
    },
    hat: {
      open: "Changer de casquette",
      intro:
        "Le kit invite, à certains moments, à parler en tant que citoyen·ne plutôt qu'avec sa casquette professionnelle. Ce que vous avez déjà écrit garde le rôle que vous aviez alors.",
      role: "Votre rôle maintenant",
      citizen: "citoyen·ne",
      asCitizen: "En tant que citoyen·ne",
      submit: "Changer de casquette",
      cancel: "Annuler",
      changed: "Vous parlez maintenant en tant que : {{role}}.",
    },
  },
} as const;
