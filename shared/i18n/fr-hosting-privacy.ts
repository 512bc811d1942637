// French strings of hosting: the privacy page (what the app keeps, how long, how to have it deleted) and the answers
// of the host's endpoints. The README repeats the privacy page in English for hosts.
export const frHostingPrivacy = {
  privacy: {
    footerLink: "Confidentialité",
    title: "Confidentialité — Jeu des transitions",
    heading: "Vos données",
    intro:
      "Le Jeu des transitions garde le moins possible, et seulement ce qu'il faut pour que la table fonctionne et que le récit puisse être téléchargé.",
    storedHeading: "Ce que l'application garde",
    stored: {
      table:
        "Le cadre de chaque table : son titre, le système, son état présent, l'horizon, le futur souhaitable et le défi.",
      people:
        "Pour chaque personne assise à une table : le nom qu'elle a choisi d'afficher et le rôle qu'elle s'est donné dans le système.",
      texts:
        "Tout ce qui est écrit ou fait à la table : narrations, « Oui, et… », cartes écrites à la table, débriefs, avec l'heure de chaque action et qui l'a faite.",
      keys: "Les secrets des liens : une empreinte (hash) de la clé de place de chaque navigateur et du lien d'animation, et les liens participant·es et observation eux-mêmes (pour que l'animateur·rice puisse les afficher à nouveau).",
    },
    notStoredHeading: "Ce qu'elle ne fait pas",
    notStored: {
      account: "Pas de compte : ni adresse e-mail, ni mot de passe.",
      tracking: "Pas de mesure d'audience, pas de publicité, pas de pistage.",
      cookies: "Pas de cookie.",
      thirdParties: "Aucune requête vers un autre site : tout vient du serveur de l'atelier.",
      addresses:
        "Votre adresse IP n'est pas enregistrée : le serveur la garde seulement en mémoire, au plus une heure, pour limiter les demandes abusives.",
    },
    browserHeading: "Dans votre navigateur",
    browser:
      "Votre navigateur garde, dans son stockage local, votre clé de place pour chaque table (c'est elle qui vous ramène à votre place), le dernier nom et le rôle que vous avez donnés (pour ne pas les retaper à la table suivante), la table où vous êtes assis·e dans chaque atelier, les actions pas encore envoyées et vos brouillons de narration. Vous pouvez les effacer en effaçant les données de ce site dans votre navigateur.",
    retentionHeading: "Combien de temps",
    retention_one:
      "Une table dont personne ne s'est servi pendant {{count}} jour est effacée, avec tout ce qu'elle contient.",
    retention_other:
      "Une table dont personne ne s'est servi pendant {{count}} jours est effacée, avec tout ce qu'elle contient.",
    retentionDefault:
      "Une table dont personne ne s'est servi pendant la durée choisie par l'hébergeur (90 jours par défaut) est effacée, avec tout ce qu'elle contient.",
    retentionBackups: "Les sauvegardes faites par l'hébergeur peuvent en garder une copie le temps qu'il les conserve.",
    deletionHeading: "Faire effacer vos données",
    deletion: {
      facilitator:
        "L'animateur·rice peut effacer toute la table, à tout moment, depuis son panneau d'animation (« Effacer la table »).",
      participant:
        "Chaque participant·e peut s'anonymiser à sa table (« M'anonymiser ») : son nom et son rôle deviennent « Participant·e N » pour tout le monde, et son vrai nom est effacé de ce que le serveur garde. Ses textes restent dans le récit sous ce nouveau nom. L'animateur·rice peut aussi anonymiser une personne qui le lui demande.",
      host: "Pour tout le reste, écrivez à la personne ou à l'organisation qui héberge ce serveur : elle peut effacer une table directement.",
    },
    back: "Retour à l'accueil",
  },
  operations: {
    metricsTokenRequired: "Les métriques de ce serveur demandent son jeton (METRICS_TOKEN).",
  },
} as const;
