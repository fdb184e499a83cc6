"""Word lists for attribution: reporting verbs, source nouns, roles, outlets, documents, numbers.

General English newswire vocabulary (lemmas, lower case); nothing here is keyed to any one
article. Extend the lists, do not special-case texts.
"""

from __future__ import annotations

__all__ = [
    "AGENCY_NAMES",
    "ANONYMOUS_NOUNS",
    "BASIS_WORDS",
    "COGNITION_VERBS",
    "DOCUMENT_NOUNS",
    "INSTITUTION_NOUNS",
    "NOUN_CUES",
    "NUMBER_WORDS",
    "OUTLET_WORDS",
    "PLURAL_QUANTIFIERS",
    "POLL_NOUNS",
    "PREP_CUE_VERBS",
    "RECIPIENT_VERBS",
    "ROLE_NOUNS",
    "SPEECH_VERBS",
    "STANCE_VERBS",
    "XCOMP_CUE_VERBS",
]

#: Verbs of saying: a cue with a clausal complement, a direct quote, or an object that is content.
SPEECH_VERBS = frozenset(
    """
    say tell state add confirm deny announce report claim argue explain note insist warn write
    tweet post suggest acknowledge admit assert contend declare maintain predict reply respond ask
    urge describe recall reveal indicate comment remark stress emphasize emphasise testify concede
    complain allege reiterate repeat echo cite accuse criticize criticise praise question mention
    observe conclude caution signal disclose divulge answer counter retort quip joke boast brag
    vow pledge promise threaten demand propose recommend advise inform assure reassure notify
    announce proclaim concur dispute refute rebut reject dismiss lament acknowledge estimate
    project forecast calculate rule find show conclude report blast slam attack
    charge contend swear affirm certify attest underscore highlight point acknowledge confide
    shout yell scream whisper chant sing exclaim mutter murmur plead beg implore call speak talk
    telephone email text message announce insinuate imply hint theorize speculate guess
    recount narrate relate describe characterize label brand dub term hail welcome applaud
    condemn denounce decry deplore blame fault credit thank apologize apologise clarify specify
    elaborate detail outline list summarize summarise
    express voice discuss reference quote chide portray invoke liken retweet offer
    """.split()
)

#: Verbs of thinking, knowing, wanting and showing: cues when they take a clausal complement.
COGNITION_VERBS = frozenset(
    """
    think believe hope fear worry expect want wish doubt suspect assume realize realise
    recognize recognise agree disagree anticipate suppose reckon demonstrate prove suggest
    indicate show reveal find conclude establish acknowledge question argue accept deny
    hope wonder learn consider continue
    """.split()
)

#: Verbs that take a stance towards an object ('endorsed Trump', 'backed the plan'): attributions
#: of a position, kept as quotes but not counted as cited sources.
STANCE_VERBS = frozenset(
    """
    support back endorse oppose favor favour defend blame applaud mock ridicule slam blast
    champion reject dismiss welcome hail laud boycott
    congratulate thank extol tout prefer
    """.split()
)

#: Verbs whose to-infinitive is what is attributed ('declined to comment', 'is expected to win',
#: 'seemed to recognize'); passives ('was asked to', 'is said to') need no stated source.
XCOMP_CUE_VERBS = frozenset(
    """
    promise pledge vow threaten refuse urge call decline seek hope expect appear seem ask
    decide agree propose report aim vote order offer prefer claim intend plan say tell
    believe think know consider
    """.split()
)

#: Verbs whose prepositional object is the content, with the prepositions that introduce it
#: ('referred to', 'railed against', 'pointed to', 'vouched for').
PREP_CUE_VERBS = {
    "refer": {"to"}, "point": {"to"}, "rail": {"against"}, "lash": {"at", "out"},
    "vouch": {"for"}, "side": {"with"}, "advocate": {"for"}, "push": {"for"},
    "agree": {"with", "on", "to"}, "respond": {"to"}, "allude": {"to"},
    "object": {"to"}, "weigh": {"in", "on"}, "ask": {"about", "for"}, "complain": {"about"},
    "speak": {"about", "of", "against", "out"}, "talk": {"about"}, "warn": {"about", "of", "against"},
    "criticize": {"for"}, "criticise": {"for"}, "praise": {"for"}, "blame": {"for"},
    "accuse": {"of"}, "know": {"as"}, "call": {"for", "on"},
    "see": {"as"}, "view": {"as"}, "regard": {"as"}, "perceive": {"as"}, "portray": {"as"},
    "describe": {"as"}, "characterize": {"as"}, "characterise": {"as"}, "depict": {"as"},
    "paint": {"as"}, "cast": {"as"}, "label": {"as"}, "brand": {"as"}, "hail": {"as"},
}

#: Verbs whose object is the person addressed, not what was said ('told Reuters').
RECIPIENT_VERBS = frozenset("tell inform notify assure reassure ask advise warn remind urge".split())

#: Nouns that stand for an unnamed person or group giving information.
ANONYMOUS_NOUNS = frozenset(
    """
    source insider person people individual witness resident observer participant attendee
    someone somebody member employee worker staffer
    """.split()
)

#: Role and title nouns (lower case lemmas); with a name: a named person's role; without a name:
#: an unnamed official.
ROLE_NOUNS = frozenset(
    """
    official spokesman spokeswoman spokesperson minister secretary president chairman chairwoman
    chair director officer diplomat aide adviser advisor ambassador envoy senator congressman
    congresswoman representative governor mayor lawmaker legislator commissioner chief head
    leader executive ceo cfo coo founder manager administrator analyst expert economist
    strategist researcher scientist professor lawyer attorney prosecutor judge justice general
    admiral commander colonel captain lieutenant sergeant officer inspector detective sheriff
    police policeman policewoman investigator regulator negotiator mediator consultant
    economist banker trader investor activist campaigner organizer organiser candidate nominee
    pollster strategist operative staffer aide-de-camp deputy undersecretary vice premier
    chancellor prime king queen prince princess emperor pope bishop cardinal priest rabbi imam
    correspondent reporter editor columnist commentator author historian doctor physician nurse
    surgeon engineer architect owner partner director-general secretary-general
    president-elect spokesman spokeswoman representative delegate councillor councilman
    councilwoman councilor superintendent principal teacher coach player
    """.split()
)

#: Heads that make an unnamed mention an institution or agency rather than a person.
INSTITUTION_NOUNS = frozenset(
    """
    ministry department government administration agency office bureau council committee
    commission authority authorities service ministry embassy military army navy police
    company firm group organization organisation association union party campaign court
    parliament congress senate house cabinet board bank institute institution university
    foundation council regime team white_house kremlin pentagon
    """.split()
)

#: News agencies and outlets commonly cited as sources (lower case, matched on names).
AGENCY_NAMES = frozenset(
    """
    reuters ap afp upi dpa ansa efe kyodo jiji yonhap xinhua tass ria interfax itar-tass
    bloomberg bernama antara pti ani anadolu irna isna fars tasnim wafa mena sana kcna
    politico axios cnn bbc nbc cbs abc fox msnbc npr pbs cnbc al-jazeera aljazeera
    """.split()
)

#: Words that make an organization name an outlet ("Yonhap news agency", "the Washington Post").
OUTLET_WORDS = frozenset(
    """
    news agency newspaper paper daily weekly times post journal herald tribune telegraph
    guardian gazette chronicle globe mail mirror sun star observer economist magazine broadcaster
    television tv radio network channel wire press newswire outlet tabloid website blog
    """.split()
)

#: Heads of documents and statements cited as sources.
DOCUMENT_NOUNS = frozenset(
    """
    document statement report memo memorandum letter filing release communique communiqué
    study survey poll paper transcript email e-mail tweet post ruling complaint lawsuit
    indictment affidavit testimony record records data figures analysis review audit
    assessment guidance directive order decree bill law resolution notice announcement
    strategy plan proposal draft cable dossier brief briefing summary findings research
    """.split()
)

#: Nouns of saying, claiming and taking a stance that are cues with a possessive source
#: ('his claim that ...', 'Trump's attack on ...', 'her embrace of ...').
NOUN_CUES = frozenset(
    """
    attack claim criticism promise endorsement assertion embrace suggestion critique pledge
    desire thought accusation allegation insistence denial warning vow demand belief argument
    contention complaint admission charge characterization description condemnation
    dismissal defense defence rejection praise threat suspicion fear hope wish opposition
    """.split()
)

#: Heads of 'In a <poll>, ...' frames: the poll is the source of the rest of the sentence.
POLL_NOUNS = frozenset("poll survey".split())

#: Words inside a post-modifier that make it the source's basis of knowledge.
BASIS_WORDS = frozenset(
    """
    knowledge familiar briefed close involved aware privy anonymity condition identified
    named authorized authorised speaking informed
    """.split()
)

#: Number words (lower case) to integers.
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "another": 1, "single": 1, "two": 2, "both": 2, "pair": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12,
}

#: Quantifiers that make a mention plural without a number.
PLURAL_QUANTIFIERS = frozenset("several multiple some many various numerous few other".split())
