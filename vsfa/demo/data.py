"""Invented Romanian data for the demo edition.

Every person, company and organisation here is made up. The first four
schools are real technical colleges of Bucharest's District 6; the others are
plausible names invented for the demo.
"""


def _words(text):
    """Names written as running text, one word each (hyphenated names stay whole)."""
    return text.split()


# (full name, short name)
SCHOOLS = [
    (
        "Colegiul Tehnic de Poștă și Telecomunicații „Gheorghe Airinei”",
        "CT Gheorghe Airinei",
    ),
    ("Colegiul Tehnic „Iuliu Maniu”", "CT Iuliu Maniu"),
    ("Colegiul Tehnic „Gheorghe Asachi”", "CT Gheorghe Asachi"),
    ("Colegiul Tehnic „Petru Maior”", "CT Petru Maior"),
    ("Liceul Tehnologic „Traian Vuia”", "LT Traian Vuia"),
    ("Liceul Tehnologic „Henri Coandă”", "LT Henri Coandă"),
    ("Colegiul Tehnic „Elie Carafoli”", "CT Elie Carafoli"),
    ("Liceul Tehnologic „Ana Aslan”", "LT Ana Aslan"),
    ("Colegiul Tehnic „Ștefan Procopiu”", "CT Ștefan Procopiu"),
    ("Liceul Tehnologic „Grigore Moisil”", "LT Grigore Moisil"),
    ("Liceul Tehnologic „Nicolae Teclu”", "LT Nicolae Teclu"),
    ("Colegiul Tehnic „Elena Caragiani”", "CT Elena Caragiani"),
    ("Liceul Tehnologic „Ștefania Mărăcineanu”", "LT Ștefania Mărăcineanu"),
    ("Colegiul Tehnic „Justin Capră”", "CT Justin Capră"),
    ("Liceul Tehnologic „Drumul Taberei”", "LT Drumul Taberei"),
]

VENUES = [
    "Sala de festivități",
    "Aula liceului",
    "Sala de sport",
    "Laboratorul de informatică",
    "Biblioteca liceului",
]

FEMALE_NAMES = _words("""
    Ana Maria Ioana Elena Andreea Alexandra Ștefania Bianca Cristina Daria
    Denisa Diana Irina Larisa Mădălina Miruna Oana Raluca Roxana Sara Teodora
    Alina Antonia Camelia Carina Claudia Corina Delia Gabriela Georgiana Iulia
    Laura Livia Luminița Medeea Mihaela Natalia Patricia Paula Rebeca Sabina
    Simona Sonia Ștefana Valentina Victoria Violeta Anca Bogdana Cătălina Crina
    Eliza Flavia Ilinca Alexia Amalia Ariana Cezara Emilia Evelina Izabela
    Lorena Melisa Nicoleta Petra Smaranda Tamara Ruxandra Mara Ema Sânziana
    Florentina Cosmina Ionela Lăcrămioara Geanina Ana-Maria Ioana-Maria
    Maria-Cristina Andreea-Elena Raluca-Ioana Elena-Daniela
""")

MALE_NAMES = _words("""
    Andrei Alexandru Mihai Ștefan Ionuț David Matei Luca Rareș Răzvan Bogdan
    Cosmin Cristian Daniel Darius Eduard Florin Gabriel George Horia Ilie Ion
    Iulian Laurențiu Marius Mircea Nicolae Octavian Ovidiu Paul Petru Radu
    Robert Sebastian Sergiu Sorin Teodor Tudor Valentin Victor Vlad Costin
    Cătălin Dănuț Dragoș Emanuel Gheorghe Iustin Lucian Mihnea Narcis Remus
    Sabin Silviu Tiberiu Vasile Alin Antonio Aurel Codruț Denis Dorin Ianis
    Liviu Marian Nicușor Raul Șerban Toma Traian Ioan-Alexandru Mihai-Cristian
    Andrei-Ștefan Luca-Andrei Ștefan-Gabriel David-Ionuț
""")

FAMILY_NAMES = _words("""
    Popescu Ionescu Popa Pop Radu Dumitrescu Stan Stoica Gheorghe Matei Ciobanu
    Constantin Rusu Mihai Munteanu Lazăr Moldovan Marin Tudor Florea Barbu
    Nistor Dinu Ene Toma Dobre Neagu Sârbu Vasile Manea Ilie Cristea Zamfir
    Stănescu Stănciulescu Tănase Oprea Dragomir Anghel Iordache Voicu Bălan
    Bălănescu Enache Mocanu Niță Nițu Pârvu Preda Roman Sandu Șerban Ștefănescu
    Surdu Ursu Văduva Vlad Zaharia Coman Crăciun Cojocaru Diaconu Drăgan
    Dumitru Fieraru Grigore Iancu Ispas Lungu Mărgărit Mihăilă Mitrea Mușat
    Nedelcu Oancea Păun Pană Petrescu Pârvulescu Răducanu Rădulescu Sima Stoian
    Șerbănescu Tănăsescu Țurcanu Țîrlea Ungureanu Vîlcu Zăvoianu Albu Bucur
    Căpraru Chiriac Costache Dăscălescu Filip Gavrilă Ivan Jianu Lupu Manole
    Năstase Olteanu Pavel Rotaru Sălăjan Teodorescu Udrea Vâlcea Bratu Căpățână
    Dobrescu Frățilă Ghiță Husar Lăcătuș Mărgineanu Nicolescu Pătrașcu Rădoi
    Simion Tăut Țăranu Vișan Zărnescu Băncilă Cârstea Dănilă Găină Hârtopeanu
    Iliescu Lupașcu Moraru Neacșu Ciocârlan Stan-Moldovan Radu-Ene
    Popescu-Ionescu
""")

GRADES = ["IX", "X", "XI", "XII"]
CLASS_LETTERS = "ABCDEF"

# Two guest entrepreneurs per conference: (name, company).
GUESTS = [
    ("Alina Mocanu", "Croitoria Digitală SRL"),
    ("Radu Vlădescu", "Pixel Forja SRL"),
    ("Cristina Bărbulescu", "Grădina din Bloc SRL"),
    ("Tudor Anghelescu", "Roboțel Educațional SRL"),
    ("Ioana Cârstea", "Brutăria de Cartier SRL"),
    ("Mihai Pătrașcu", "AutoVolt Service SRL"),
    ("Denisa Stan-Moldovan", "Atelierul de Bijuterii Lumina SRL"),
    ("Șerban Ionescu", "CodLab Academy SRL"),
    ("Laura Drăgan", "Eco Ambalaj Verde SRL"),
    ("Victor Nedelcu", "Drone pentru Agricultură SRL"),
    ("Andreea Pârvu", "Studio Foto Lumen SRL"),
    ("Bogdan Ciocârlan", "Reparații Rapide SRL"),
    ("Elena Mărgărit", "Cafeneaua Socială Vecinii SRL"),
    ("Florin Zăvoianu", "Instalații Inteligente SRL"),
    ("Raluca Dobrescu", "Modă Reciclată SRL"),
    ("Cătălin Oprea", "Jocuri Indie Carpați SRL"),
    ("Georgiana Husar", "Contabil pe Telefon SRL"),
    ("Ovidiu Sălăjan", "Biciclete Urbane SRL"),
    ("Irina Teodorescu", "Dulciuri fără Zahăr SRL"),
    ("Dragoș Mihăilă", "Print 3D Militari SRL"),
    ("Simona Jianu", "Călătorii pentru Tineri SRL"),
    ("Lucian Rotaru", "Panouri Solare Acasă SRL"),
    ("Medeea Ungureanu", "Cosmetice Naturale Mira SRL"),
    ("Sorin Costache", "Curierat Electric Urban SRL"),
    ("Bianca Olteanu", "Meditații Online Plus SRL"),
    ("Răzvan Iordache", "Securitate IT pentru IMM-uri SRL"),
    ("Adina Sârbu", "Atelier de Ceramică Lut SRL"),
    ("Marius Ghiță", "Food Truck Ghencea SRL"),
    ("Roxana Ilie", "Marketing pentru Meșteri SRL"),
    ("Paul Vâlcu", "Service Telefoane Express SRL"),
]

ORGANISER = ("organizator@vsfa.test", "Irina Vlădoianu")
ADMIN = ("admin@vsfa.test", "Administrator vsfa")
PARTICIPANT_EMAIL = "participant@vsfa.test"

# (e-mail, full name, company, expertise); the first signs in as the demo mentor.
MENTORS = [
    (
        "mentor@vsfa.test",
        "Mihai Drăgulescu",
        "Softaria Solutions SRL",
        "Produse digitale, vânzări B2B",
    ),
    (
        "ana.vasilescu@vsfa.test",
        "Ana Vasilescu",
        "Contab Expert SRL",
        "Finanțe și contabilitate",
    ),
    (
        "dan.marinescu@vsfa.test",
        "Dan Marinescu",
        "Logistica Sud SRL",
        "Producție și logistică",
    ),
    (
        "carmen.ispas@vsfa.test",
        "Carmen Ispas",
        "Agenția Creativ 6 SRL",
        "Marketing digital",
    ),
    (
        "sorin.bucur@vsfa.test",
        "Sorin Bucur",
        "Bucur & Asociații SPRL",
        "Drept comercial",
    ),
    (
        "oana.stoian@vsfa.test",
        "Oana Stoian",
        "FinTech Start SRL",
        "Modele de afaceri, finanțare",
    ),
    (
        "cosmin.neagu@vsfa.test",
        "Cosmin Neagu",
        "Electro Service Pro SRL",
        "Servicii tehnice, echipe",
    ),
    (
        "diana.filip@vsfa.test",
        "Diana Filip",
        "Retail Local SRL",
        "Comerț și relația cu clienții",
    ),
]

# (e-mail, full name, affiliation); the first signs in as the demo juror.
JURORS = [
    ("jurat@vsfa.test", "Elena Rădulescu", "Asociația Femeilor Antreprenor Sector 6"),
    ("gabriel.ene@vsfa.test", "Gabriel Ene", "Fondul de Investiții Semănătoare"),
    ("laura.mitrea@vsfa.test", "Laura Mitrea", "Clubul Oamenilor de Afaceri din Vest"),
    ("victor.manole@vsfa.test", "Victor Manole", "Incubatorul Tehnologic Militari"),
    (
        "ruxandra.pavel@vsfa.test",
        "Ruxandra Pavel",
        "Direcția Economică, Primăria Sectorului 6",
    ),
]

GROUPS = [
    "Grupa Tehnologie",
    "Grupa Comerț și servicii",
    "Grupa Producție",
    "Grupa Creativ",
    "Grupa Impact social",
]
# How many mentors lead each group, in the order of GROUPS (8 mentors in all).
GROUP_MENTOR_COUNTS = [2, 1, 2, 1, 2]

SESSION_TOPICS = [
    (
        "Problema clientului: cum facem primele interviuri",
        "Fiecare a ales o problemă și a scris 5 întrebări pentru clienți.",
        "Până data viitoare: 5 interviuri notate.",
    ),
    (
        "Modelul de afaceri pe o pagină",
        "Am completat canvas-ul pe echipe și am discutat sursele de venit.",
        "Fiecare echipă își verifică prețul cu 3 clienți.",
    ),
    (
        "Costuri, preț și primele calcule",
        "Am calculat costul unui produs și pragul de rentabilitate.",
        "Tabelul de costuri trimis pe e-mail înainte de întâlnire.",
    ),
    (
        "Repetiție de pitch cu feedback",
        "Fiecare a prezentat 3 minute; am notat întrebările grele.",
        "Refacem slide-ul cu piața și repetăm cu cronometru.",
    ),
]

WORKSHOPS = [
    "Atelier 1: De la problemă la idee",
    "Atelier 2: Interviuri cu clienții",
    "Atelier 3: Prototip în trei ore",
    "Atelier 4: Cât costă și cât câștigi",
    "Atelier 5: Vânzarea și promovarea",
    "Atelier 6: Repetiția generală pentru finală",
]
WORKSHOP_PLACE = "Centrul de Tineret Drumul Taberei, sala mare"

# (name, description, weight in %), as PROGRAMME.md proposes.
CRITERIA = [
    (
        "Problema și validarea cu clienții",
        "Problema este reală, iar echipa a vorbit cu clienți care o confirmă.",
        20,
    ),
    (
        "Soluția și inovația",
        "Soluția rezolvă problema și aduce ceva nou față de ce există.",
        20,
    ),
    (
        "Piața și modelul de afaceri",
        "Echipa își cunoaște clienții și concurenții și știe din ce va câștiga bani.",
        20,
    ),
    (
        "Fezabilitatea financiară",
        "Costurile, prețul și nevoia de finanțare sunt calculate realist.",
        15,
    ),
    (
        "Echipa și ce a învățat în program",
        "Echipa are competențele necesare și a progresat în timpul programului.",
        15,
    ),
    (
        "Prezentarea și răspunsurile la întrebările juriului",
        "Pitch clar, încadrat în timp, cu răspunsuri convingătoare.",
        10,
    ),
]

SHEET_COMMENTS = [
    "Idee bună; lucrați la calculul costurilor.",
    "Ați vorbit cu clienți reali, se vede. Felicitări!",
    "Pitch clar. Piața ar trebui estimată mai prudent.",
    "Echipă foarte bine închegată.",
    "Aș vrea să văd un prototip testat cu clienți.",
    "",
    "",
]

# The ten finalists and the startup each one registers.
# (project name, summary, team size, legal form, CAEN rev. 3 code, company name)
FINALISTS = [
    (
        "Reparo",
        "Recondiționează laptopuri vechi și le vinde elevilor la jumătate de preț.",
        3,
        "SRL",
        "9510",
        "Reparo Tech SRL",
    ),
    (
        "Orarul Meu",
        "Aplicație care adună orarul, temele și notele unui elev într-un singur loc.",
        2,
        "SRL-D",
        "6210",
        "Orarul Meu SRL-D",
    ),
    (
        "Pixel Carpați",
        "Joc video educativ despre istoria cartierelor Bucureștiului.",
        1,
        "SRL",
        "5821",
        "Pixel Carpați Games SRL",
    ),
    (
        "Atelier Grafic 6",
        "Identitate vizuală accesibilă pentru micile afaceri din cartier.",
        2,
        "SRL",
        "7412",
        "Atelier Grafic Șase SRL",
    ),
    (
        "Pâine de Cartier",
        "Brutărie de cartier cu făină de la mori din împrejurimile Bucureștiului.",
        3,
        "SRL",
        "1071",
        "Pâine de Cartier SRL",
    ),
    (
        "Casa Deșteaptă",
        "Instalații electrice inteligente și economice pentru blocurile vechi.",
        1,
        "SRL",
        "4321",
        "Casa Deșteaptă Instal SRL",
    ),
    (
        "Haine a Doua Oară",
        "Colecții de modă făcute din haine recondiționate.",
        2,
        "SRL",
        "7411",
        "A Doua Oară Design SRL",
    ),
    (
        "Meditații între Colegi",
        "Platformă unde elevii buni la o materie își ajută colegii, contra cost.",
        3,
        "SRL",
        "8559",
        "Colegi Meditații SRL",
    ),
    (
        "Cerul Filmat",
        "Filmări aeriene cu drona pentru evenimente și publicitate.",
        1,
        "SRL",
        "7311",
        "Cerul Filmat Media SRL",
    ),
    (
        "Frizeria Mobilă",
        "Frizer care vine acasă la clienți, cu programare din telefon.",
        1,
        "PFA",
        "9621",
        "",
    ),
]

PRIZES = [
    ("Marele premiu", 1, 5000),
    ("Premiul al II-lea", 2, 3000),
    ("Premiul al III-lea", 3, 2000),
]

CHECKIN_NOTES = [
    "Primii clienți plătitori; caută un spațiu mai mare.",
    "Au terminat site-ul și au început promovarea pe rețele.",
    "Vânzări mai mici decât se așteptau; ajustează prețul.",
    "Au angajat un coleg cu jumătate de normă.",
    "Discutăm despre un mic credit pentru echipamente.",
    "Contabilitatea e la zi; următorul pas: un partener de distribuție.",
]
