// The words the quote extractor leans on, kept in one place so each rule elsewhere reads as a
// sentence ("a speech verb after the quote") instead of a regular expression. Everything is
// lower case; callers lower-case before asking.

const words = (list: string): Set<string> => new Set(list.trim().split(/\s+/));

// ---------------------------------------------------------------------------------------------
// Speech verbs. Regular inflections are generated so the lists stay short. Two tiers, because
// several of these words are also nouns ("a report", "the 911 call", "a post on X"): only the
// core verbs count in the present tense and as participles ("says", "saying"); the others count
// only in the past tense ("reported", "called"), where a noun reading is rare.

const CORE_VERBS = words(`
  say tell add warn write argue note explain insist ask testify acknowledge admit contend reply
  respond caution observe concede maintain declare emphasize emphasise stress predict suggest
  complain conclude urge recall reiterate`);

const PAST_ONLY_VERBS = words(`
  state post report call claim answer counter remark agree announce confirm deny assert allege
  describe tweet continue recount mention joke quip boast promise vow estimate`);

const IRREGULAR: Record<string, string[]> = {
  say: ['said'],
  tell: ['told'],
  write: ['wrote', 'written'],
};

function pastForms(lemma: string): string[] {
  if (IRREGULAR[lemma]) return IRREGULAR[lemma];
  if (lemma.endsWith('e')) return [`${lemma}d`];
  if (/[^aeiou]y$/.test(lemma)) return [`${lemma.slice(0, -1)}ied`];
  return [`${lemma}ed`];
}

function presentForms(lemma: string): string[] {
  const third = /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  const ing = lemma.endsWith('e') && !lemma.endsWith('ee') ? `${lemma.slice(0, -1)}ing` : `${lemma}ing`;
  return [lemma, third, ing];
}

/**
 * Verbs that are speech only without a direct object: "he added", "added that", "added Smith",
 * but not "China added six precursors" or "has described the problem".
 */
const OBJECT_VERBS = words(`
  add note call post report continue maintain state describe answer estimate stress confirm deny
  claim promise announce mention observe predict suggest acknowledge admit recall`);

const SPEECH_VERB_FORMS = new Map<string, { lemma: string; form: 'finite' | 'participle' }>();
for (const lemma of CORE_VERBS) {
  for (const form of pastForms(lemma)) SPEECH_VERB_FORMS.set(form, { lemma, form: 'finite' });
  for (const form of presentForms(lemma)) SPEECH_VERB_FORMS.set(form, { lemma, form: form.endsWith('ing') ? 'participle' : 'finite' });
}
for (const lemma of PAST_ONLY_VERBS) for (const form of pastForms(lemma)) SPEECH_VERB_FORMS.set(form, { lemma, form: 'finite' });

/** 'finite' for "said"/"says", 'participle' for "saying" (its subject is the clause's), else null. */
export function speechVerbForm(word: string): 'finite' | 'participle' | null {
  return (SPEECH_VERB_FORMS.get(word) ?? SPEECH_VERB_FORMS.get(word.toLowerCase()))?.form ?? null;
}

/**
 * Verbs that frame someone's words without reporting speech: "praised her campaign as “…”",
 * "pledged to “…”", "called Trump “my friend”", "expressed hope that the “…”". They take an
 * object, so they count only for a quotation after them in their sentence.
 */
const FRAMING_VERBS = words(`
  praise pledge describe offer express hail welcome laud vow promise call label brand dub
  criticize criticise condemn accuse thank congratulate hope lament decry applaud characterize
  characterise blame credit`);

/** Verbs that make a document speak: "issued the following statement", "posted a message". */
const DOCUMENT_VERBS = words(`issue release publish post put`);

const FRAMING_FORMS = new Map<string, { lemma: string; form: 'finite' | 'participle' }>();
for (const lemma of [...FRAMING_VERBS, ...DOCUMENT_VERBS]) {
  for (const form of [...pastForms(lemma), ...presentForms(lemma)]) FRAMING_FORMS.set(form, { lemma, form: form.endsWith('ing') ? 'participle' : 'finite' });
}
FRAMING_FORMS.set('put', { lemma: 'put', form: 'finite' });

export function framingVerbForm(word: string): 'finite' | 'participle' | null {
  return FRAMING_FORMS.get(word)?.form ?? null;
}

/** "issued", "released": a framing verb only when a document is its object. */
export function isDocumentVerb(word: string): boolean {
  const lemma = FRAMING_FORMS.get(word)?.lemma;
  return lemma !== undefined && DOCUMENT_VERBS.has(lemma);
}

/** The present participle of a past-only verb after a comma: "…, reporting in August that". */
export function participleOfSpeech(word: string): boolean {
  if (!word.endsWith('ing')) return false;
  const stem = word.slice(0, -3);
  return [stem, `${stem}e`].some((lemma) => PAST_ONLY_VERBS.has(lemma));
}

/** The verb is one that is not speech when an object follows it ("added six precursors"). */
export function takesObject(word: string): boolean {
  const lemma = SPEECH_VERB_FORMS.get(word.toLowerCase())?.lemma;
  return lemma !== undefined && OBJECT_VERBS.has(lemma);
}

/** Words that open a direct object: after an object-taking verb they show it is not speech. */
export const OBJECT_OPENERS = words(`a an the its his her their this these those some more new another two three four five six seven eight nine ten several many`);

// ---------------------------------------------------------------------------------------------
// Function words.

export const DETERMINERS = words(`the a an this that these those its his her their our my your some any each every another one two three several many`);

export const PREPOSITIONS = words(`
  in at of for from with by to on about over under into onto during after before since until
  outside inside near between among against through across without within via per as like`);

export const CONJUNCTIONS = words(`and but or nor yet so then`);

/** Words skipped between a subject and its verb: "Lasko allegedly told", "she had been told". */
export const AUXILIARIES = words(`
  has have had was were is are be been being will would could should can may might must did does do
  also later then again still previously once often never just already repeatedly recently further
  not first`);

export const RELATIVE_WORDS = words(`who whom whose which where when`);

export const PERSON_PRONOUNS = words(`he she`);
export const OTHER_PRONOUNS = words(`it they i we`);

/** Words after a short quotation that show it is part of a clause, not a noun modifier. */
export const CLAUSE_CONTINUERS = new Set([...PREPOSITIONS, ...CONJUNCTIONS, ...words(`that which who than because while when if whether as is was were are be has have had will would`)]);

/** Small words a title keeps in lower case ("Port Disruption and the Regional Economy"). */
export const TITLE_SMALL_WORDS = words(`a an the and or nor but of in on at to for from by with as vs via into over per`);

/** Capitalised only because they start a sentence; never part of a name. */
export const SENTENCE_CAPITALS = words(`
  the a an in on at as after before since when while if but and or so for from to of by with
  this that these those his her their its our my your he she it they we i you there here
  one two three some many most all no not now then also yet still however meanwhile according
  following including amid despite during
  officials residents experts critics lawmakers`);

export const MONTHS_AND_DAYS = words(`
  january february march april may june july august september october november december
  jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
  monday tuesday wednesday thursday friday saturday sunday`);

// ---------------------------------------------------------------------------------------------
// Names.

/**
 * Common given names with a clear gender, so "she said" is not given to a man named just before
 * (pronoun agreement settles the rest as the article goes on). Short on purpose: a name missing
 * here only leaves the gender open, as it was.
 */
export const FEMALE_NAMES = words(`
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
  margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
  stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
  nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
  heather diane virginia julie joyce victoria olivia christina lauren joan evelyn judith
  megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
  alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
  theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla delia
  elena sofia lucia carmen rosa ana isabel fatima aisha amina layla leila mariam maryam
  yasmin zainab hana sana priya anjali sunita kamala nancy hillary ursula giorgia marine
  angela theresa jacinda liz nikki kristi elise alexandria ilhan rashida ayanna pramila tulsi
  kirsten tammy amy marsha lisa susan joni cindy maxine sheila chrissy dianne mazie
  jeanne katie ruth olga natalia tatiana svetlana irina yulia anastasia ingrid greta
  astrid sigrid mette sanna magdalena annalena claudia xiomara dina rania
  kate jen sue beth meg ellen karla lena nina tina gina vera eva ada`);

export const MALE_NAMES = words(`
  james robert john michael david william richard joseph thomas charles christopher daniel
  matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
  ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
  scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
  tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
  christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
  bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
  vincent ralph eugene russell bobby mason philip louis mohammed muhammad mohammad ahmed
  ahmad ali omar hassan hussein khalid mahmoud mustafa ibrahim yusuf abdullah osama
  benjamin emmanuel vladimir volodymyr dmitry sergei sergey ivan igor viktor victor
  narendra rahul amit raj sanjay vijay keir rishi boris olaf friedrich emmanuel pedro luis
  carlos miguel javier jorge diego andres manuel francisco recep mitch chuck marco mike
  ted kamal hakeem bernie jim tim pete ron rick greg glenn josh
  tom bill bob dan dave ed joe ken matt nick rob steve tony will jim andy chris`);

/** Titles and job words written before a name ("Rep.", "Battalion Chief", "Assistant U.S. Attorney"). */
export const TITLES = words(`
  rep. sen. gov. lt. gen. col. maj. capt. sgt. cpl. adm. cmdr. det. insp. supt. atty. prof. rev.
  dr. mr. mrs. ms. miss mx. hon. pres. u.s. state federal
  president vice secretary senator representative congressman congresswoman delegate mayor
  governor judge justice chief battalion deputy assistant associate attorney district director
  budget library council member councilman councilwoman councilmember supervisor county
  commissioner chairman chairwoman chair sheriff officer detective inspector superintendent
  minister ambassador spokesperson spokesman spokeswoman professor executive treasurer
  controller comptroller auditor prosecutor coach pope king queen prince princess sir dame lord
  lady father sister brother rabbi imam bishop cardinal captain sergeant lieutenant colonel
  general admiral corporal trooper fire police city general surgeon magistrate premier chancellor
  speaker leader majority minority whip acting interim former ex ranking director-general prime
  elect designate councillor councilor alderman alderwoman assemblyman assemblywoman assemblymember
  secretary-general co-director co-chair co-founder founder administrator ceo cfo coo cto cio`);

/** Executive titles written as capitals ("Pfizer CEO Albert Bourla"): a title, not an organisation's acronym. */
export const TITLE_ACRONYMS = words(`ceo cfo coo cto cio`);

/** Courtesy titles: stripped from a name and left out of the role ("Dr. Ruth Abernathy"). */
export const HONORIFICS = words(`dr. mr. mrs. ms. miss mx. hon. prof. rev. sir dame`);

export const GENDERED_TITLES: Record<string, 'male' | 'female'> = {
  'mr.': 'male',
  'ms.': 'female',
  'mrs.': 'female',
  miss: 'female',
  congressman: 'male',
  congresswoman: 'female',
  councilman: 'male',
  councilwoman: 'female',
  spokesman: 'male',
  spokeswoman: 'female',
  chairman: 'male',
  chairwoman: 'female',
};

/** A name holding one of these is an organisation ("Pacific Valley Power Co.", "Brookings Institution"). */
export const ORG_WORDS = words(`
  embassy consulate mission delegation department ministry commission committee council
  administration agency authority association union service institute institution university
  college school center centre centers office bureau board court corporation corp. company co.
  inc. ltd. llc llp plc partners group foundation alliance society party police force guard army
  navy government hospital clinic therapeutics pharmaceuticals pharma labs laboratories bank fund
  trust federation network coalition times post press news journal reuters congress senate house
  parliament cabinet tribunal prosecutors bar chamber exchange industries holdings systems
  technologies airlines railways railroad authority commonwealth republic kingdom nations
  organization organisation project initiative program programme campaign caucus kremlin
  pentagon vatican elysee élysée knesset bundestag duma politburo`);

/** Diplomatic posts are named by their city: "the Chinese Embassy in Washington, D.C.". */
export const DIPLOMATIC_WORDS = words(`embassy consulate mission delegation`);

/** Generic nouns that refer back to an organisation ("the agency said"). */
export const ORG_NOUNS = words(`
  company firm agency department embassy ministry commission committee council union authority
  association office administration government university hospital group organization
  organisation institute center centre service board court bank fund campaign city county
  police coalition alliance foundation school district utility port manufacturer maker
  retailer carrier airline team club league party`);

/**
 * Nouns for people, for a speaker the text describes ("the official added", "a netizen wrote"):
 * a listed word, or an agent noun (-er, -or, -ist, -ian, -ant, -ent but not -ment, -ee).
 */
const PERSON_NOUNS = words(`
  official aide source person people individual woman women man men resident citizen netizen user
  expert analyst economist diplomat envoy witness victim neighbor neighbour friend colleague
  lawmaker legislator candidate voter student doctor nurse patient farmer worker officer leader
  minister chief staffer spokesperson spokesman spokeswoman representative activist veteran mother
  father wife husband daughter son parent child girl boy family relative critic supporter
  opponent observer insider authority authorities police guard soldier delegate member
  scholar academic professor researcher scientist lawyer attorney judge prosecutor engineer
  organizer organiser strategist pollster consultant commentator journalist reporter editor
  chief commander`);

/** A listed person noun: capitalised before a name it is a job title ("Analyst Osama Al Sharif"). */
export function isListedPersonNoun(word: string): boolean {
  return PERSON_NOUNS.has(word);
}

export function isPersonNoun(noun: string): boolean {
  const singular = noun.endsWith('s') && !noun.endsWith('ss') ? noun.slice(0, -1) : noun;
  if (PERSON_NOUNS.has(noun) || PERSON_NOUNS.has(singular)) return true;
  return /(?:er|or|ist|ian|ant|ee)$/.test(singular) || (/ent$/.test(singular) && !/ment$/.test(singular));
}

/** Nouns any organisation can be called ("the company said" after "Acme Corp."); others must match its name. */
export const GENERIC_ORG_NOUNS = words(`company firm group organization organisation agency institution business
  corporation maker manufacturer retailer carrier airline outlet newspaper network`);

/** Written things that "say" what their author said ("the statement said"). */
export const DOCUMENT_NOUNS = words(`
  statement release memo memorandum letter report transcript records record documents document
  filing filings data figures email e-mail post study analysis assessment complaint lawsuit
  indictment ruling opinion order notice message tweet affidavit testimony minutes survey poll
  results website readout presentation post posting column editorial op-ed interview`);

/** People who speak for an organisation: "a State Department spokesperson" speaks as the department. */
export const SPOKES_NOUNS = words(`spokesperson spokesman spokeswoman spokespeople representative representatives`);

/** The place after "City, " in "Towson, Md." or "Oakland, Calif.": merged into the name before it. */
export const PLACE_ABBREVIATIONS = words(`
  d.c. ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. kans. ky. la. md. mass.
  mich. minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c.
  s.d. tenn. tex. vt. va. wash. w.va. wis. wyo. alaska hawaii idaho iowa maine ohio texas utah
  alabama arizona arkansas california colorado connecticut delaware florida georgia illinois
  indiana kansas kentucky louisiana maryland massachusetts michigan minnesota mississippi missouri
  montana nebraska nevada oregon pennsylvania tennessee vermont virginia washington wisconsin
  wyoming england scotland wales ireland canada mexico china`);

/** Countries speak as governments ("China has rejected …"): organisations, never "he" or "she". */
export const COUNTRIES = words(`
  china mexico canada russia ukraine india pakistan israel iran iraq syria japan korea taiwan
  france germany britain italy spain brazil colombia venezuela cuba turkey egypt afghanistan
  beijing washington moscow`);

/** Last words of place names, so "Long Beach" or "Ridgecrest Road" is not taken for a person. */
export const PLACE_WORDS = words(`
  road rd. street st. avenue ave. boulevard blvd. lane drive highway beach hollow river lake
  mount mt. park island bay heights hills springs falls harbor harbour canyon creek ridge
  valley county city town village square plaza bridge station airport port coast north south
  east west`);

// ---------------------------------------------------------------------------------------------
// Sentences.

/** Abbreviations that never end a sentence: a name or a number always follows them. */
export const NEVER_FINAL_ABBREVIATIONS = words(`
  mr. mrs. ms. dr. prof. rev. hon. rep. sen. gov. lt. gen. col. maj. capt. sgt. cpl. adm. cmdr.
  det. insp. supt. atty. st. mt. ft. no. nos. vs. v. e.g. i.e. cf. approx. dept. est. fig. gov.
  jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.`);

/** Abbreviations that end a sentence only when a sentence clearly starts after them. */
export const AMBIGUOUS_ABBREVIATIONS = words(`
  u.s. u.k. u.n. e.u. d.c. a.m. p.m. corp. inc. co. ltd. llc. jr. sr. bros. etc. ave. blvd. rd.
  sq. ph.d. m.d.`);

/** Words that begin sentences: after an ambiguous abbreviation they show a new sentence began. */
export const SENTENCE_STARTERS = words(`
  the a an he she it they we i but and in on at this that his her their its there our since
  after before when while if as for one some many most all officials`);

// ---------------------------------------------------------------------------------------------
// Titles of works and terms.

/** A quotation right after one of these is a name of a work or a term: the podcast “The Daily”. */
export const WORK_CUES = words(`
  titled entitled podcast book film movie documentary episode headline column essay article
  series show program programme song album guide novel play poem slogan motto hashtag banner
  banners sign signs reading exhibition exhibit newsletter report study memo editorial paper
  chapter section booklet brochure campaign website blog opera painting`);

/** A short quotation right after one of these is a term, not someone's words: so-called “pre-precursors”. */
export const TERM_CUES = words(`so-called dubbed nicknamed term terms word words phrase phrases known call calls called labeled labelled branded billed names name labels label slogans buzzword buzzwords expression expressions`);
