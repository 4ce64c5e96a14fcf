"""Self-written French (and one English) paragraphs for the profile tests."""

# Written for these tests: ordinary French prose on everyday subjects.
CORPUS = [
    "Le marché du samedi s'installe sur la place dès six heures. Les maraîchers déchargent leurs caisses "
    "de légumes pendant que les premiers clients arrivent avec leurs paniers.",
    "Ma grand-mère préparait la soupe le dimanche soir. Elle coupait les poireaux en fines rondelles et "
    "laissait mijoter le tout pendant une heure.",
    "Le conseil municipal a voté le budget de l'année prochaine. La rénovation de l'école primaire et "
    "l'entretien des routes en représentent la plus grande part.",
    "Il pleuvait depuis trois jours sur la ville. Les enfants restaient à la maison et regardaient les "
    "gouttes glisser sur les vitres.",
    "La bibliothèque ouvre ses portes le mercredi après-midi. On y trouve des romans, des bandes dessinées "
    "et un coin réservé aux plus petits.",
    "Nous sommes partis tôt pour éviter les bouchons. Sur l'autoroute, la circulation était pourtant dense "
    "et nous avons dû nous arrêter plusieurs fois.",
    "Le boulanger du quartier prend sa retraite à la fin du mois. Ses clients regrettent déjà son pain de "
    "campagne et ses croissants du matin.",
    "Les randonneurs ont atteint le refuge avant la tombée de la nuit. Ils ont partagé un repas chaud et se "
    "sont couchés de bonne heure.",
    "La rentrée scolaire approche et les familles préparent les fournitures. Les cahiers, les stylos et les "
    "cartables remplissent les rayons des magasins.",
    "Le musée présente une exposition consacrée aux peintres de la région. Les visiteurs peuvent y admirer "
    "des paysages de montagne et des scènes de la vie paysanne.",
    "Le train de huit heures est arrivé avec vingt minutes de retard. Les voyageurs attendaient sur le quai "
    "en consultant leur téléphone.",
    "Mon voisin cultive des tomates dans son jardin. Chaque été, il nous en apporte un plein panier et nous "
    "prépare même des bocaux de sauce.",
]
FLUENT = (
    "Le maire a présenté le projet aux habitants du quartier. La nouvelle place sera ouverte aux enfants "
    "et aux familles dès le printemps."
)
ENGLISH = (
    "The mayor presented the project to the residents of the neighbourhood. The new square will be open "
    "to children and families from the spring."
)
