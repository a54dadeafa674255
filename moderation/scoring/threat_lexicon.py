"""The words of threats and calls to violence, in English and French, by role.

Read by `threats.py`. Entries are phrases in plain spelling, separated by `|`; a
trailing `*` makes a word a stem ("égorg*"). Everything is normalised like the text
(case, accents, leetspeak, doubled letters), so "tuée" and "tue", "kill" and "kil"
are one entry. Roles:

- ACTS: doing violence to someone (every inflection that the stems do not cover).
- HARM_NOUNS: what a verdict or a wish gives someone ("a bullet", "la corde").
- FRAMES: what turns an act into a threat or a call: a first-person intention, a
  norm ("should be", "il faudrait"), a wish, a question, a verdict.
- TARGETS: who the act is done to; OBJECTS: what makes it not about people.
- GUARDS: contexts that make violent words harmless (idioms, games, sport, cooking).
"""

ACTS = {
    "en": (
        "kill|kills|killed|killing|murder*|shoot|shoots|shooting|shot|stab|stabs|stabbed|stabbing|behead*|"
        "decapitat*|hang|hangs|hanged|hanging|lynch*|slaughter*|butcher*|strangl*|burn|burns|burned|burnt|"
        "burn down|burn alive|torch|torches|torched|firebomb*|bomb|bombs|bombed|bombing|gas|gassed|gassing|"
        "execute|executes|executed|executing|torture*|choke|chokes|choked|decimate*|massacre*|exterminat*|"
        "mutilat*|drown|drowns|drowned|poison*|gun down|gunned down|guns down|run over|ran over|running over|string them up|string him up|string her up|"
        "mow down|mowed down|blow up|blow away|blew up|blown up|string up|strung up|strings up|stringing up|"
        "lynch|stone|stoned to death|stone to death|knife|knifed|shank|shanked|rape|raped|raping|crucify|crucified|"
        "beat up|beat the shit out of|beat the hell out of|beat to death|beaten to death|beat|beats|beating|beaten|"
        "bash*|batter*|punch|punched|stomp|stomped|curb stomp*|curbstomp*|slit|slits|slitting|gut|gutted|gutting|"
        "throw acid on|throw acid at|threw acid on|an acid attack|"
        "skin alive|flay|set fire to|set alight|set on fire|burn them|put down|wipe out|wiped out|wipe them out|"
        "eradicat*|eliminat*|exterminate|purge|purged|slay|slain|whack|whacked|"
        "pop a cap in|put a bullet in|put a bullet through|put one in|put two in|break his neck|break her neck|"
        "break your neck|snap your neck|snap his neck|break their legs|break your legs|crack skulls|crack some skulls|"
        "cut your throat|cut their throats|cut his throat|slit your throat|slit their throats|slit his throat|"
        "throw off a roof|throw them off|thrown off|drag out|dragged out|hunt down|hunt you down|hunt them down|"
        "tar and feather|set them alight|douse|doused|burn them alive|feed to the|run them over|"
        "mow them down|gun them down|line them up|lined up against|put against a wall|put up against a wall|"
        "firing squad|take out|taken out|take them out|take him out|take her out|finish off|finish them off|"
        "hurt|hurts|hurting|harm|harming|injure|maim|maimed|cripple|crippled|wound|wounded|attack|attacked|"
        "assault|assaulted|kick|kicked|slap|slapped|smack|smacked|hit|punch|punches|whip|whipped|break|"
        "bury|buried|end you|end him|end her|end them|ruin|destroy|deal with|take care of|smash|smashed|"
        "smash in|split open|split their heads|split his head|crack open|cave in|caved in|stomp on|kick in|"
        "kicked in|plough into|plow into|drive into|ram into|euthanis*|euthaniz*|euthanas*|cut off|"
        "break his legs|break her legs|broken|blind|gouge"
    ),
    "fr": (
        "faire la chasse|cognes|cognent|tuer|tue|tues|tuent|tuerai|tueras|tuera|tuerons|tuerez|tueront|tuerais|tuerait|tuerions|tueraient|"
        "tuons|tuez|tuait|tuaient|tuant|buter|bute|butes|butent|buterai|buteras|butera|buterons|buteront|"
        "buterais|buterait|butons|butez|butait|crever|creve|creves|crevent|creverai|crevera|creverais|"
        "creverait|crevez|crevons|flingu*|egorg*|pendre|pende|pendent|pendrai|pendra|pendrais|pendons|pendez|"
        "pendu|pendus|pendue|pendues|bruler|brule|brules|brulent|brulerai|brulera|brulons|brulez|bruleront|"
        "cramer|crame|cramerai|cramera|cramons|cramez|fusill*|executer|execute|executez|executons|executerai|executera|executeront|abatre|abats|abat|abatu|abatus|abatrai|abatez|"
        "poignard*|etrangl*|noyer|noie|noyez|noyons|noye|noyes|gazer|gaze|gazes|gazez|gazons|lynch*|"
        "massacr*|extermin*|eliminer|elimine|eliminent|eliminez|eliminons|elimines|decapit*|saigner|saigne|"
        "saignerai|tabas*|defonc*|eclater|eclate|eclaterai|frapper|frape|frapes|fraperai|cogner|cogne|"
        "violer|viole|violerai|tortur*|lapid*|immol*|crucifi*|empoison*|dezingu*|rafal*|mitrail*|"
        "zigouil*|trucid*|liquid*|refroidir|planter|plante|planterai|plantez|fumer|fume|descendre|descend|"
        "descendrai|faire la peau|faire sa fete|regler son compte|regler leur compte|casser la gueule|"
        "casser la tete|eclater la tete|eclater la gueule|defoncer la gueule|trancher la gorge|couper la gorge|"
        "couper la tete|couper les couilles|mettre une balle|mettre un coup de couteau|mettre des coups|"
        "tirer sur|tire sur|tirerai sur|tirer dans|tirerais|tirer a vue|tire a vue|arroser|rafaler|"
        "assassin*|exploser|explose|exploserai|faire sauter|faire exploser|faire disparaitre|rayer de la carte|"
        "mettre au bout d une corde|au bout d une corde|aligner contre un mur|casser du|faire la fete a|"
        "ratonade|ratonades|bruler vif|bruler vifs|bruler vive|couler|coule|coulez|foncer dedans|foncer sur|"
        "arracher les yeux|ouvrir le crane|casser les jambes|trancher|tranche|murer|aligner|allumer|plomber|"
        "euthanasier|piquer|achever|acheve|buter|enterrer|enterer|ecraser|ecrase"
    ),
}

HARM_NOUNS = {
    "en": (
        "bullet|bullets|a bullet|the bullet|lead|the rope|a rope|rope|noose|the noose|the gallows|gallows|"
        "guillotine|the guillotine|the chair|electric chair|firing squad|a firing squad|gas chamber|the gas chamber|"
        "oven|the ovens|a knife|knife|knives|a blade|a machete|machete|a bat|bats|a crowbar|a beating|beatings|"
        "beating|a bomb|bombs|death|the death penalty|a slow death|a painful death|six feet under|a shallow grave|"
        "concrete shoes|a one way boat trip|a lynching|lynching|a bullet in the head|lead poisoning|"
        "a pitchfork|pitchforks|torches|molotov|molotovs|a molotov|petrol|a jerrycan|acid|a rifle|rifles|guns|"
        "a good kicking|a kicking|a slap|live rounds|live ammunition|a hammer|a claw hammer|hammer|a crowbar|"
        "a knife in the gut|a knife in the back|a bullet in the back|the rope for|rope for|a shotgun|shotgun|"
        "a gun|the gun|a bat|baseball bat|bats|another holocaust|a second holocaust|the next holocaust"
    ),
    "fr": (
        "balle|une balle|des balles|la corde|corde|une corde|la potence|potence|la guillotine|guillotine|"
        "le poteau|poteau|le peloton|peloton d execution|la chaise electrique|chambre a gaz|les chambres a gaz|"
        "four|les fours|couteau|un couteau|coup de couteau|coups de couteau|une lame|machette|batte|battes|"
        "une batte|barre de fer|bombe|une bombe|la mort|mort|peine de mort|kalash|kalachnikov|flingue|fusil|"
        "cercueil|le cercueil|fosse|fosses|la lanterne|lanterne|au bout d une corde|une raclee|raclee|acide|"
        "fourches|les fourches|cocktail molotov|molotov|jerrican|essence|une grue|au bout d une grue|"
        "balle dans la tete|une balle dans la tete|coup de pelle|a coups de|du plomb|plomb|kalach|une kalach|"
        "matraque|la matraque|un coup de couteau|une balle dans le dos|coups|chaque coup|une raclee|"
        "un autre holocauste|un nouvel holocauste|une nouvelle shoah"
    ),
}

# A frame word or phrase, the kind of frame, and the category it makes of an act.
FRAMES = {
    "en": {
        "intent": (
            "i will|i ll|ill|i m going to|im going to|i am going to|i m gonna|im gonna|i am gonna|gonna|i shall|"
            "we will|we ll|we re going to|were going to|we are going to|we re gonna|we are gonna|were gonna|"
            "we re coming to|were coming to|we are coming to|we re coming for|we re coming with|we are coming for|"
            "i m about to|im about to|imma|ima|i want to|i wanna|i d love to|i would love to|i can t wait to|"
            "i cant wait to|i m coming to|im coming to|i m coming round|i m gona|i swear i ll|i swear i will|"
            "i ll be|i will be|we ll be|i m bringing|im bringing|we re bringing|i m taking|i ll personally|"
            "i will personally|next time i see|when i find|when i catch|when i get my hands on|i plan to|"
            "i m planning to|we plan to|we re planning to|i intend to|i m gonna go|time for me to|"
            "i d|i would|i ll make sure|we ll make sure|i m ready to|we re ready to|i have a gun|i ve got a gun|"
            "i won t|i wont|i will not|we won t|we will not|i would never|i d never|i ll never|i will never|"
            "i m not going to|im not going to|i am not going to|i m not gonna|im not gonna|i never"
        ),
        "norm": (
            "should|shoud|shld|should all|must|ought to|oughta|need to|needs to|has to|have to|gotta|got to|"
            "deserve to|deserves to|deserve|deserves|deserved|need|needs|earned|has earned|have earned|"
            "should get|should be|must be|need to be|needs to be|ought to be|has to be|have to be|"
            "is what they deserve|is what he deserves|is what she deserves|is too good for|is too kind for|"
            "too good for|too kind for|are owed|is owed|it s time to|its time to|time to|we must|we should|"
            "we need to|we have to|someone should|somebody should|someone needs to|somebody needs to|"
            "someone has to|someone ought to|someone oughta|anyone should|people should|y all should|you should|"
            "the only answer is|the only solution is|the solution is|the answer is|the cure is|the fix is|"
            "is getting|are getting|will get|ll get|gonna get|is gonna get|are gonna get|gets a|get a|gets the|"
            "get the|gets|should have|should have their|needs to have|deserves to have|deserve to have"
        ),
        "wish": (
            "i hope|hope|hoping|i wish|wish|may|pray|praying|i pray|can t wait for|cant wait for|can t wait till|"
            "cant wait till|can t wait until|if only|let s hope|lets hope|here s hoping|heres hoping|"
            "would love to see|wanna see|want to see|i want to see|id love to see|i d love to see|i d pay to see|"
            "would be nice if|wouldn t mind if|wouldnt mind if|wouldn t lose sleep if|wouldnt lose sleep if|"
            "good riddance|the world would be better if|world would be better off if|if there s any justice|"
            "fingers crossed|i d pay someone to|i d pay good money|i dream of the day|dream of the day|"
            "can t wait for the day|cant wait for the day|the day someone|one day someone"
        ),
        "question": (
            "why don t we|why dont we|why do not we|why not|why is nobody|why is no one|why isn t anyone|"
            "why hasn t anyone|why has no one|why hasnt anyone|who s going to|whos going to|who is going to|"
            "who will|who wants to|who s bringing|whos bringing|who s coming to|shall we|should we|when do we|"
            "when are we|what are we waiting for|can someone|can somebody|could someone|could somebody|"
            "anyone want to|anyone wanna|how about we|what if we|who s with me|whos with me|who s in|"
            "how long before someone|how long until someone|isn t it time|isnt it time|isn t it about time we|"
            "isnt it about time we|anyone up for|who s up for|whos up for|who wants to help me|who wants to help|"
            "is there nobody willing to|is there really nobody willing to|is nobody willing to|is no one willing to|"
            "which of you is going to|which one of you is going to|which of you will|who among you"
        ),
    },
    "fr": {
        "intent": (
            "je vais|jvais|j vais|je vai|jve|je veux|jveux|j veux|on va|on vas|nous allons|on ira|j irai|"
            "je compte|jcompte|j ai envie de|je reve de|je m en vais|je viens|ce soir je|demain je|je te|jte|"
            "j te|je le|jle|je l|j l|on l|je la|je les|jles|je lui|jlui|je leur|je vous|jvous|on te|on le|on la|on les|"
            "on lui|on leur|on vous|je m occupe de|je me charge de|j attends|j attendrai|je passerai|"
            "je vais aller|on va aller|je suis pret a|je suis prete a|on est pret a|j ai un flingue|"
            "je ramene|on ramene|jramene|je tirerai|je tirerais|j arrive|je descends|je ne vais pas|je vais pas|"
            "jvais pas|j vais pas|on va pas|on ne va pas|je ne veux pas|je veux pas|je ne te|je ne le|je ne les"
        ),
        "norm": (
            "il faut|faut|il faudrait|faudrait|il faudra|faudra|faut que|faudrait que|il faut que|on doit|"
            "on devrait|on devrais|devrait|devraient|doit|doivent|devons|devrions|meriter|merite|meritent|"
            "meriterait|meriteraient|ont merite|a merite|il est temps de|c est le moment de|y a qu a|yaka|"
            "la seule solution|la solution c est|la seule reponse|doivent etre|devraient etre|doit etre|"
            "devrait etre|faut les|faudrait les|faut le|faudrait le|faut la|faudrait la|merite de|meritent de|"
            "quelqu un devrait|quelqu un doit|qqn devrait|on a qu a|on n a qu a|trop bien pour|trop doux pour|"
            "c est du luxe|je suis pour qu on|jsuis pour qu on|je suis pour que|vous devriez|tu devrais"
        ),
        "wish": (
            "j espere|jespere|j espere qu|espérons|esperons|pourvu que|pourvu qu|vivement|si seulement|"
            "inch allah|inchallah|insha allah|j attends qu|j attends que|je souhaite|souhaitons|"
            "que quelqu un|qu on les|qu on le|qu on la|qu on leur|qu ils|qu il|qu elle|qu elles|que tous|"
            "ca serait bien que|ce serait bien que|je paierais pour|je payerais pour|bon debaras|"
            "le monde irait mieux|le monde se porterait mieux|je reve du jour|vivement le jour|que ces|que les|"
            "je reve de|un jour quelqu un|qu un jour quelqu un|que quelqu un|quelqu un va"
        ),
        "question": (
            "pourquoi on|pourquoi on ne|pourquoi personne|pourquoi aucun|pourquoi nul|pourquoi pas|"
            "qui va|qui est chaud|qui est partant|qui vient|c est quand qu on|quand est ce qu on|"
            "quand est ce qu on va|et si on|ce serait pas plus simple de|ca serait pas plus simple de|"
            "il est ou le|il est ou celui|qu est ce qu on attend|on attend quoi|combien de temps avant que|"
            "quelqu un pour|qui se devoue pour|qui me suit|on y va quand|ya pas un mec pour|ya personne pour|"
            "il n ya personne pour|ya pas quelqu un pour|c est pas le moment de|ce n est pas le moment de|il est pas temps de|"
            "vous trouvez pas qu il est temps de|et si on finissait|on le fait quand|qui est partant pour"
        ),
    },
}

# Calls in the imperative: an act in the second person plural or first person plural,
# or a command word before an act ("go shoot", "allez buter").
IMPERATIVE_LEADS = {
    "en": "go|come on|just|let s|lets|let us|everyone|everybody|now|pls|please|someone|somebody|y all|yall|all of you|grab your guns and|get your guns and|get out there and|rise up and",
    "fr": "allez|allons|venez|va|vas y|allez y|on y va et|sortez|prenez",
}
IMPERATIVE_ACTS = {
    "en": "grab the bats|grab your guns|grab your rifles|get your rifles|get your guns|bring the rope|bring rope|bring a rope|load up|lock and load|arm yourselves|smash|run over|run them over|plough into|kill|shoot|stab|hang|lynch|burn|torch|behead|gas|slaughter|butcher|execute|murder|gun down|string up|mow down|run over|drown|bomb|firebomb|slit|beat|bash|crack|drag|tar and feather|set|exterminate|wipe out|eradicate|take out|hunt down|round up|jump|put a bullet|line them up",
    "fr": "tirez dans le tas|tirez sur|tirez dans|cognez|cognons|frappez|tabassez les|"
    "sortez les fusils|sortez les fourches|prenez les armes|venez armes|aux armes|ramenez des battes|tuez|tuons|butez|butons|pendez|pendons|brulez|brulons|cramez|cramons|egorgez|egorgeons|fusillez|fusillons|flinguez|flinguons|gazez|gazons|massacrez|massacrons|exterminez|exterminons|abatez|abatons|lynchez|lynchons|tabassez|defoncez|eclatez|noyez|coulez|coupez|tranchez|poignardez|plantez|saignez|rafalez|descendez|liquidez|eliminez|eliminons|a mort|mort aux|mort a|faites lui sa fete|faites leur la peau|crevez les|crevez le",
}

TARGETS = {
    "en": (
        "you|u|ya|ye|yall|y all|you all|they|he|she|those|these|such people|all of you|every one of you|him|her|them|em|this guy|that guy|these guys|"
        "those guys|everyone|everybody|anyone|anybody|someone|somebody|people|folks|usr|one of them|one of those|"
        "the lot|the lot of them|the whole lot|each of them|every last one|every single one|all of them|"
        "your family|your kids|your children|your wife|your mom|your mum|your husband|you and your|"
        "his family|her family|their families|their kids|their children|their houses|their homes|their house|"
        "the|that|this|every|each|any|some|a|an|one|my|his|their|our|whoever|anyone who|everyone who|"
        "the first|the next|a couple of|a few of"
    ),
    "fr": (
        "te|t|toi|vous|le|la|l|les|lui|leur|eux|elle|elles|quelqu un|usr|tous|toutes|chacun|un par un|"
        "ta famille|tes enfants|ta mere|ta femme|ton mari|ta soeur|ton frere|sa famille|leurs familles|"
        "leurs enfants|jusqu au dernier|le premier|la premiere|les premiers|un de ces|une de ces|ces gens|"
        "ce mec|ce type|ce gars|cette pute|ce connard|ce batard"
    ),
}
# The start of any noun phrase: a weaker sign of a target than a pronoun or a word for people.
DETERMINERS = {
    "en": (
        "the|that|this|every|each|any|some|a|an|one|my|his|their|our|whoever|anyone who|everyone who|"
        "the first|the next|a couple of|a few of"
    ),
    "fr": (
        "ce|cet|cette|ces|chaque|un|une|des|du|mon|ma|mes|ton|ta|tes|son|sa|ses|leurs|quiconque|celui qui|"
        "ceux qui|celle qui|celles qui"
    ),
}
HUMAN_NOUNS = {
    "en": (
        "man|men|woman|women|guy|guys|girl|girls|boy|boys|kid|kids|child|children|person|people|dude|bitch|"
        "neighbour|neighbor|neighbours|neighbors|teacher|cop|cops|police|officer|officers|mayor|judge|mp|"
        "senator|president|minister|politician|politicians|journalist|journalists|reporter|reporters|boss|"
        "landlord|landlords|banker|bankers|immigrant|immigrants|migrant|migrants|refugee|refugees|jew|jews|"
        "muslim|muslims|christian|christians|black|blacks|arab|arabs|gay|gays|lesbian|lesbians|trans|tranny|"
        "liberal|liberals|leftist|leftists|conservative|conservatives|snitch|rat|traitor|traitors|protester|"
        "protesters|worshippers|imam|imams|rabbi|priest|priests|nigger|niggers|faggot|faggots|kike|kikes|"
        "illegals|illegal|aliens|foreigners|gypsies|gypsy|roma|shopper|shoppers|student|students|driver|"
        "referee|ref|ex|wife|husband|brother|sister|doctor|nurse|feminist|feminists|commie|commies|nazi|nazis|"
        "antifa|republican|republicans|democrat|democrats|tory|tories|mosque|synagogue|church|school|"
        "fag|fags|homo|homos|queer|queers|paki|pakis|chink|chinks|spic|spics|wetback|wetbacks|nonce|pedo|pedos"
    ),
    "fr": (
        "homme|hommes|femme|femmes|mec|mecs|gars|type|types|fille|filles|gamin|gamins|enfant|enfants|gens|"
        "personne|voisin|voisine|voisins|prof|professeur|flic|flics|keuf|keufs|conde|condes|policier|policiers|"
        "gendarme|gendarmes|maire|juge|depute|deputes|ministre|president|elu|elus|politicien|politiciens|"
        "journaliste|journalistes|patron|patrons|proprio|banquier|banquiers|immigre|immigres|migrant|migrants|"
        "refugie|refugies|clando|clandos|clandestin|clandestins|juif|juifs|juive|juives|musulman|musulmans|chretien|chretiens|noir|"
        "noirs|renoi|renois|arabe|arabes|rebeu|rebeus|bougnoule|bougnoules|pede|pedes|pd|gouine|gouines|"
        "homo|homos|trans|gauchiste|gauchistes|facho|fachos|balance|poukave|traitre|traitres|manifestant|"
        "manifestants|imam|imams|rabin|rabins|pretre|pretres|gitan|gitans|rom|roms|manouche|manouches|"
        "youpin|youpins|feuj|feujs|negro|negros|chauffeur|controleur|arbitre|ex|soeur|frere|prefet|procureur|"
        "mosquee|synagogue|eglise|ecole|caravanes|bicot|bicots|raton|ratons|racaille|racailles|youtubeur"
    ),
}
OBJECTS = {
    "en": (
        "it|time|the time|the lights|the light|the mood|the vibe|the game|this game|a video|the video|videos|"
        "a photo|photos|the photo|a pic|pics|a film|a movie|the scene|a scene|the ball|hoops|a shot|my shot|"
        "a message|a text|an email|a dm|the bill|this bill|the idea|the project|the deal|the engine|the battery|"
        "weeds|the weeds|mosquito|mosquitoes|mosquitos|flies|bugs|ants|wasps|spiders|mice|pests|plants|"
        "zombies|monsters|the boss|the final boss|boss|bosses|the dragon|enemies|mobs|the level|this level|"
        "the record|the traffic|the heat|the odds|the exam|the test|my exam|the interview|the competition|"
        "my phone|his phone|your phone|the phone|my inbox|the mentions|my printer|the printer|this printer|"
        "the laptop|my laptop|the tv|the car|my car|the fire|the candle|the candles|the noise|the music|"
        "the track|this song|the song|the dance floor|the stage|the crowd|my diet|the cake|the pizza|a burger|"
        "the toast|the steak|calories|fat|the germs|germs|bacteria|the virus|cancer|the cancer|the tumor|"
        "the party|the buzz|the conversation|the thread|this thread|the joke|my back|my legs|my feet|myself|"
        # Bare nouns of things, food and pests: "smash this old printer", "kill that wasp nest".
        "printer|printers|laptop|computer|keyboard|spreadsheet|spreadsheets|homework|essay|paperwork|inbox|"
        "pizza|burger|sandwich|potatoes|potato|steak|cake|pie|chicken wings|leftovers|"
        # Not rats, cockroaches, vermin or parasites: the words of dehumanising incitement against people.
        "wasp|wasps|nest|hornets|slugs|snails|aphids|termites|fleas|bedbugs|mosquito|weeds|patriarchy"
    ),
    "fr": (
        "le temps|ce boss|le boss|le dernier boss|les zombies|les monstres|le dragon|le niveau|ce niveau|"
        "le record|mon record|le score|les moustiques|ce moustique|les mouches|les fourmis|les araignees|"
        "les cafards|les mauvaises herbes|les herbes|la pizza|le gateau|les frites|le steak|le roti|"
        "mon pc|ce pc|le pc|mon ordi|l ordi|ce vieux pc|mon telephone|mon tel|la tele|l imprimante|"
        "cette imprimante|la voiture|le moteur|la batterie|mon forfait|le budget|mon budget|les calories|"
        "la porte|le mur|les tomates|des tomates|des fleurs|les fleurs|des arbres|une clope|des clopes|"
        "un joint|la clope|la cigarette|les escaliers|les poubelles|la poubele|le match|la finale|"
        "le championnat|la partie|cette partie|le projet|la reforme|ce projet de loi|la loi|la musique|"
        "le son|la piste|la scene|le public|la soiree|les microbes|le virus|le cancer|moi meme|"
        # Noms nus de choses, de nourriture et de nuisibles : « je vais exterminer ces pucerons ».
        "imprimante|ordinateur|clavier|tableur|devoirs|dissertation|paperasse|pizza|burger|sandwich|"
        # Pas les rats, cafards, vermine ni parasites : les mots de la déshumanisation.
        "pucerons|limaces|escargots|guepes|frelons|termites|punaises|moustiques|mauvaises herbes|patriarcat"
    ),
}

GUARDS = {
    "en": (
        "crash and burn|crashing and burning|crashed and burned|kill it|killing it|killed it|kill time|killing time|dying to|to die for|killing me|kills me|killed me|"
        "kill me now|shoot me a|shoot me an|shoot a video|shoot the video|shoot a film|shoot some hoops|"
        "shoot my shot|shoot your shot|photo shoot|blow up my phone|blew up my phone|blow up on|blew up on|"
        "beat the record|beat the traffic|beat the heat|beat the odds|beat the boss|beat the game|beat the level|"
        "in the game|in game|the final boss|video game|in the film|in the movie|in the book|in the novel|"
        "in the show|the character|my character|in the series|the villain|the hero|on the level|"
        "at the gym|on stage|the dance floor|this song|the exam|the interview|the match|the final|"
        "the game|next season|the league|the tournament|in ranked|the playoffs|on the pitch|on the court|"
        "the weeds|the mosquito|the mosquitoes|the flies|the wasps|the pests|the bugs|the spiders|"
        "to death with|bored to death|scared to death|laughed to death|worked to death|"
        "hit you up|hit me up|hit him up|hit her up|hit them up|hit up|get you a|get him a|get her a|get them a|"
        "get you some|get them some|get you the|take care of you|take care of them|take care of him|take care of her|"
        "take care of my|take care of your|deal with it|deal with this|end the|end this|end it|break the news|"
        "break up|break it|break the ice|destroy the|ruin the|hurt your feelings|hurt his feelings|hurt their feelings|"
        "killer app|killer deal|killer workout|kill switch|lady killer|dressed to kill|the mission|this mission|"
        "the last mission|the quest|side quest|the campaign|npc|npcs|boss fight|cutscene|the process|the server|"
        "the balloons|balloons|the proposal|this proposal|the motion|the draft|tax returns|the files|the receipts|"
        "kill for a|kill for some|kill for one|d kill for|would kill for|mario kart|warzone|fortnite|call of duty|"
        "minecraft|fifa|pub quiz|the quiz|background apps|the apps|these apps|browser tabs|4 0|3 0|2 0|1 0|5 0|3 1|2 1"
    ),
    "fr": (
        "me tuer a la tache|se tuer a la tache|tuer le temps|tu me tues|ca me tue|vous me tuez|il me tue|"
        "elle me tue|mort de rire|morte de rire|morts de rire|je suis mort|je suis morte|crever de faim|"
        "creve de faim|crever de chaud|crever de froid|crever de soif|creve de fatigue|crevee|creve de rire|"
        "exploser de rire|eclater de rire|explose de rire|eclate de rire|j ai eclate|au match|le match|"
        "ce match|en finale|la finale|au stade|le championnat|en ligue|au foot|le foot|au basket|ce boss|le boss|"
        "dans le jeu|dans le film|dans la serie|dans le livre|dans le roman|le personnage|mon perso|"
        "jeu video|la manette|en ranked|sur fortnite|sur cod|sur gta|ordi a plante|pc a plante|ca a plante|"
        "planter des|planter les|planter un arbre|fumer une|fumer des|fumer la|descendre les escaliers|"
        "descendre la poubelle|descendre les poubelles|descendre en ville|les mauvaises herbes|les moustiques|"
        "les fourmis|les cafards de la cuisine|la pizza|le gateau|les frites|au four|mon record|le record|"
        "mon score|le score|exploser le budget|exploser mon forfait|defoncer la porte|j suis defonce|"
        "je suis defonce|on s est fait defoncer|se faire defoncer|tue l amour|tue le game|allez l om|allez paris|"
        "allez les bleus|3 0|2 0|1 0|4 0|5 0|3 a 0|2 a 0|live twitch|sur twitch|en stream|des demons|les demons|"
        "dans doom|sur steam|sur la play|sur xbox|la reforme|cette reforme|le projet de loi|ce mur|le mur|la cloison|"
        "avec du poison|de la mort aux rats|des rats|les rats|les souris|la cave|tuerais pour|tuerait pour|"
        "tuer pour un|tuer pour une|me faire defoncer|me faire tuer|me faire massacrer|me faire buter|"
        "me faire demonter|me faire exploser|exploser les compteurs|exploser les ventes|exploser les scores|"
        "ce bug|le bug|les bugs|machine a cafe|mes cahiers|vieux cahiers|le canape|vieux canape|frelons asiatiques"
    ),
}

# Phrases that are calls to make people disappear, whatever the grammar around them.
ELIMINATION = {
    "en": (
        "take out the trash permanently|take out the trash for good|wipe them off the map|wipe them off the face|"
        "off the face of the earth|final solution|one way boat trip|concrete shoes|six feet deep|six feet under|"
        "take a long nap in the woods|sleep with the fishes|get rid of them for good|get rid of them once and for all|"
        "get rid of them permanently|deal with them for good|deal with them permanently|deal with them once and for all|"
        "take care of them for good|take care of them permanently|sort them out for good|sort them out permanently|"
        "make them disappear|make them all disappear|vanished for good|disappeared for good|gone for good|"
        "clean the streets of|cleanse the streets|cleanse the country|cleanse this country|purge them|purge the|"
        "ethnic cleansing|day of the rope|race war now|rahowa|the ovens|back in the ovens|into the ovens|"
        "wipe them out|wipe out every|exterminate the|erase them|not one left standing|none left standing|"
        "until there are none left|until none are left|bury them all|bury every last|put them all down|put them down|"
        # Killing said otherwise: the idioms of death, of mass murder and of its history.
        "sleeping with the fishes|swimming with the fishes|pushing up daisies|push up daisies|a long walk off a short pier|"
        "walk off a short pier|a final answer|the final answer|a final purge|one good purge|a good purge|"
        "night of the long knives|finish what hitler started|what hitler started|finish hitler s work|"
        "cut the dead weight|dead weight loose|signed his own death warrant|signed their own death warrant|"
        "signed her own death warrant|signed your own death warrant"
    ),
    "fr": (
        "qu on les elimine|qu on les elimine tous|la solution finale|solution finale|la valise ou le cercueil|"
        "rayer de la carte|les faire disparaitre|faire disparaitre tous|au fond de la mediteranee|"
        "au fond de la mer|au fond du vieux port|plus un seul debout|y en aura plus un seul|jusqu au dernier|"
        "une bone fois pour toutes|definitivement|nettoyer au karcher et au cimetiere|au cimetiere|"
        "dans des fosses|quelques fosses|les fours|dans les fours|chambre a gaz|chambres a gaz|"
        "faire le menage une bone fois|purifier le pays|nettoyer le pays|epuration|une bonne ratonade|"
        "ratonade|ratonades|bon debaras s ils crevaient|s ils crevaient tous|s ils disparaissaient tous|"
        "qu ils disparaissent tous|qu ils crevent tous|qu ils crevent|qu il creve|qu elle creve|"
        "qu on en finisse avec eux|en finir avec eux|s occuper d eux une bone fois|"
        # La mort dite autrement : les idiomes, le meurtre de masse et son histoire.
        "manger les pissenlits par la racine|nourrir les poissons|dormir avec les poissons|deux metres sous terre|"
        "six pieds sous terre|direction le cimetiere|direction la morgue|aller simple pour la morgue|"
        "rejoindre leurs ancetres|rejoindre ses ancetres|envoyer au paradis|les envoyer au paradis|"
        "l envoyer au paradis|nettoyage ethnique|faire comme en 40|ce qu hitler a commence|le travail d hitler|"
        "sans gilets de sauvetage|sans gilet de sauvetage|signe son arret de mort|signe leur arret de mort|"
        "signe ton arret de mort|douze balles dans la peau|venez armes|venez armees"
    ),
}

# Words before an act that make it a report, a condemnation or a protection rather than a call.
REPORTING = {
    "en": (
        "threatened|threatening|threatens|threat|threats|said he would|said she would|said they would|"
        "said he d|said she d|told me he d|told me she d|told me he would|told me they would|wrote that|"
        "posted that|claimed|reported|report|arrested|charged|convicted|jailed|sentenced|police say|police said|"
        "according to|allegedly|witnesses|was found|were found|victim|victims|survivor|survivors|"
        "condemn|condemns|condemned|denounce|stop|stopping|prevent|preventing|protect|protecting|against|"
        "never again|must end|has to stop|needs to stop|is unacceptable|is disgusting|get you banned|"
        "should get you banned|report this|reported this|screenshot|screenshotted|receipts|"
        "writing|tweeting|saying|posting|people who say|people who write|calls to|calling for"
    ),
    "fr": (
        "menace|menacé|menacer|menacait|menacent|a menace de|ont menace de|m a menace|disait qu il allait|"
        "disait qu il|a dit qu il|a ecrit|ecrit que|poste que|a poste|selon|d apres|arrete|arretes|"
        "interpelle|condamne|condamnes|jugé|mis en examen|porte plainte|plainte|la police|les flics ont|"
        "victime|victimes|temoin|temoins|retrouve|retrouves|condamner|denoncer|denonce|stop|stopper|arreter|"
        "empecher|proteger|protegez|protegeons|contre|plus jamais|inadmissible|inacceptable|scandaleux|"
        "honteux|signale|signaler|signalez|capture|screen|ecrire|dire|poster|appeler a|appels a|appel a|"
        "ceux qui disent|ceux qui ecrivent|voila ce que|voila ce qu|j ai recu|jai recu|on m a ecrit|soutien"
    ),
}

# Everyday words that glued text is split into besides the words above ("imgoingtofindyou",
# "onvalesattendre"): function words, the commonest verbs, and words of time, place and people.
# A glued word is split only where one of its parts is an act or a weapon.
GLUE_WORDS = {
    "en": (
        "a|an|the|and|or|but|so|if|then|than|that|this|these|those|there|here|where|when|what|who|whom|"
        "which|why|how|all|any|some|every|each|no|not|none|one|two|three|first|next|last|other|another|"
        "more|most|few|lot|lots|whole|own|same|such|only|just|even|still|again|ever|never|always|soon|now|"
        "to|of|in|on|at|by|for|from|with|without|into|onto|out|off|up|down|over|under|after|before|until|"
        "till|through|around|about|against|behind|near|outside|inside|across|between|i|me|my|mine|myself|"
        "you|your|yours|he|him|his|she|her|hers|it|its|we|us|our|they|them|their|m|s|d|ll|re|ve|t|u|ur|"
        "is|are|was|were|be|been|being|am|do|does|did|done|have|has|had|having|will|would|shall|should|can|"
        "could|may|might|must|going|gonna|wanna|gotta|go|goes|went|gone|come|comes|coming|came|get|gets|"
        "getting|got|make|makes|making|made|take|takes|taking|took|give|gives|giving|gave|find|finds|found|"
        "see|sees|saw|seen|know|knows|knew|think|want|wants|let|lets|put|puts|bring|bringing|wait|waiting|"
        "watch|look|keep|leave|call|tell|told|say|said|talk|talks|live|lives|die|dies|dead|die|rot|bleed|"
        "today|tonight|tomorrow|yesterday|week|weekend|morning|night|day|days|time|year|monday|tuesday|"
        "wednesday|thursday|friday|saturday|sunday|home|house|street|road|school|work|office|park|station|"
        "town|city|country|door|car|van|truck|boat|boats|sink|sank|water|river|sea|list|name|face|head|heads|neck|"
        "throat|body|bodies|blood|hand|hands|man|men|woman|women|people|person|guy|guys|kid|kids|family|"
        "everyone|everybody|someone|somebody|anyone|nobody|nothing|something|everything|lot|bunch|whole|"
        "back|slap|knife|gun|guns|rope|bullet|bullets|fire|petrol|match|matches|bat|bats|lamppost|lampposts|"
        "tree|trees|wall|bridge|pier|ditch|ground|grave|hell|fucking|fuck|shit|damn|bloody|fine|good|bad|"
        "old|new|real|sure|right|well|very|really|honestly|seriously|literally|gay|gays|jew|jews"
    ),
    "fr": (
        "le|la|l|les|un|une|des|de|d|du|au|aux|a|et|ou|mais|donc|car|si|que|qu|qui|quoi|dont|ou|ce|cet|"
        "cette|ces|ca|cela|celui|celle|ceux|tout|tous|toute|toutes|chaque|aucun|personne|rien|autre|meme|"
        "premier|premiere|dernier|derniere|prochain|prochaine|seul|seule|je|j|tu|t|il|elle|on|nous|vous|ils|"
        "elles|me|m|te|se|s|le|lui|leur|leurs|eux|y|en|moi|toi|mon|ma|mes|ton|ta|tes|son|sa|ses|notre|nos|"
        "votre|vos|ne|n|pas|plus|jamais|tres|trop|bien|mal|vite|encore|deja|toujours|ici|la|dans|sur|sous|"
        "avec|sans|pour|par|chez|vers|devant|derriere|entre|apres|avant|pendant|jusqu|contre|est|es|suis|"
        "sont|sera|serai|etait|etre|ai|as|a|avons|avez|ont|avoir|eu|vais|vas|va|allons|allez|vont|aller|"
        "viens|vient|venir|faut|fait|fais|faire|veux|veut|voulons|peux|peut|pouvons|dois|doit|sais|sait|"
        "savoir|vois|voit|voir|attends|attend|attendre|trouve|trouver|prends|prendre|mets|mettre|dis|dire|"
        "parle|parler|vivre|mourir|meurt|mort|morts|crever|saigner|aujourd|hui|ce soir|soir|demain|hier|"
        "matin|nuit|jour|jours|semaine|weekend|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|maison|"
        "rue|route|ecole|travail|bureau|parc|gare|stade|sortie|ville|pays|porte|voiture|camion|bateau|"
        "bateaux|eau|riviere|mer|liste|nom|tete|gueule|cou|gorge|corps|sang|main|mains|homme|hommes|femme|"
        "femmes|gens|mec|mecs|gars|famille|tout le monde|quelqu|quelqu un|couteau|flingue|corde|balle|balles|"
        "feu|essence|batte|arbre|arbres|mur|pont|fosse|terre|enfer|putain|merde|bordel|bon|bonne|mauvais|"
        "vieux|nouveau|vrai|vraiment|serieux|franchement|gay|gays|juif|juifs|arabe|arabes"
    ),
}

# Phrasal verbs of violence whose object may come between the verb and its particle ("run him
# over", "beat them up"), normalised; and the object pronouns that may sit there.
PARTICLES = {
    "run": ("over",),
    "ran": ("over",),
    "beat": ("up",),
    "take": ("out",),
    "string": ("up",),
    "strung": ("up",),
    "gun": ("down",),
    "mow": ("down",),
    "blow": ("up", "away"),
    "finish": ("of",),
    "wipe": ("out",),
    "hunt": ("down",),
    "kick": ("in",),
    "put": ("down",),
    "lock": ("up",),
    "cut": ("up", "open"),
    "slice": ("up", "open"),
    "rip": ("apart", "open"),
    "tear": ("apart",),
}
OBJECT_PRONOUNS = {"him", "her", "them", "em", "you", "u", "it", "us", "yall"}
NP_STARTS = {"the", "those", "these", "that", "this", "every", "all", "some", "his", "her", "their", "your"}
