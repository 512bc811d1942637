// French strings of publishing a closed story (the kit's « travailler en ouvert », lines 1188 and 1548): the
// facilitator's tools, each person's say on their name, the public page, and the deck of the table's written challenges.
export const frKitPublish = {
  refusal: {
    alreadyPublished: "Le récit est déjà publié.",
    notPublished: "Le récit n'est pas publié.",
    publicationIdInvalid: "Cette adresse de publication n'a pas pu être créée ; rien n'a changé.",
  },
  kitPublish: {
    heading: "Publier le récit",
    intro:
      "Le kit invite à travailler en ouvert et à partager ce que la table a trouvé. Publié, le récit se lit à une adresse publique, en lecture seule, sans le lien de la table. Les noms n'y apparaissent qu'avec l'accord de chacun·e ; les autres y sont « Participant·e N ».",
    publish: "Publier le récit",
    unpublish: "Retirer la publication",
    notPublishedStatus: "Le récit n'est pas publié.",
    publishedStatus: "Le récit est publié : toute personne qui a l'adresse peut le lire.",
    publicLink: "Adresse publique du récit",
    copy: "Copier l'adresse",
    open: "Ouvrir le récit publié",
    consents_one: "{{count}} personne sur {{total}} accepte d'être nommée.",
    consents_other: "{{count}} personnes sur {{total}} acceptent d'être nommées.",
    published: "Le récit est publié.",
    unpublished: "La publication est retirée : l'adresse ne mène plus au récit.",
    republishHint: "Une nouvelle publication aura une nouvelle adresse.",
    // Each person, at the closed table.
    myName: "Mon nom dans le récit publié",
    myNameHint: "Décoché, vous y apparaissez comme « {{anonymous}} ». Vous pouvez changer d'avis à tout moment.",
    myNameHeading: "Le récit publié",
    participantPublished: "L'animation a publié le récit à cette adresse :",
    participantNotPublished: "L'animation peut publier le récit ; votre nom n'y apparaîtra que si vous l'acceptez.",
    // The public page.
    pageKicker: "Récit publié",
    pageNames:
      "Seules les personnes qui l'ont accepté y sont nommées ; les autres y apparaissent comme « Participant·e N ».",
    publishedOn: "Publié le {{date}}",
    goneTitle: "Récit non publié",
    gone: "Ce récit n'est plus publié.",
    goneHint: "La personne qui l'animait a retiré sa publication, ou l'adresse est incomplète.",
    // The table's written challenges as a deck for other tables.
    writtenChallenges: "Défis écrits à cette table",
    writtenChallengesHint: "Les défis écrits ici, en fichier de cartes à importer à la préparation d'une autre table.",
    noWrittenChallenges: "Aucun défi n'a encore été écrit à cette table.",
    writtenSource: "Écrit à la table « {{title}} »",
  },
} as const;
