"""Word lists the entity rules rely on: closed classes of English, not names of the news.

Places come from a GeoNames extract (data/places.txt), first names and plural-looking
surnames from the US Census (data/given_names.txt, data/plural_surnames.txt); everything
else here is function words, titles and the nouns that say what kind of thing a name is.
How common a word is in English at large comes from the background's frequencies
(`tui.analysis.background`).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from tui.analysis.background import is_common_term

_DATA = Path(__file__).resolve().parents[1] / "data"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised only because they start a sentence or a quote: never names on their own.
FUNCTION_WORDS = _words(
    """a an the this that these those there here it its it's they them their theirs we us our
    you your he him his she her i me my mine who whom whose which what why when where how
    in on at by for from to into onto of off over under with without within about above below
    after before during since until while as than then though although because if unless
    whether and or but nor so yet also not no yes all any both each every few many more most
    other some such only own same very just even still already again ever never always often
    according despite amid among between through throughout toward towards against along
    besides regarding concerning unlike
    across behind beyond near outside inside upon via per is are was were be been being has
    have had do does did will would shall should can could may might must let please
    meanwhile earlier later however moreover furthermore instead otherwise indeed thus hence
    therefore today yesterday tomorrow tonight now once soon recently currently finally
    first second third last next another one two three four five six seven eight nine ten
    eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million
    millions billion dozens dozen several half mr mrs ms dr read watch see listen click
    sign subscribe follow share comment like related breaking update updated live video
    photo image caption source sources report reports said says told maybe perhaps
    probably possibly certainly clearly obviously surely apparently actually really
    fortunately unfortunately sadly hopefully"""
)

# Contractions: capitalised only at a sentence start or in title case ("Gary Ross Won't
# Direct"); never a name, nor part of one.
CONTRACTIONS = _words(
    """i'm i've i'd i'll you're you've you'll he's she's it's we're we've we'll they're
    they've they'll that's there's here's what's who's let's isn't aren't wasn't weren't
    don't doesn't didn't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't
    mustn't ain't"""
)
CONTRACTIONS = CONTRACTIONS | frozenset(w.replace("'", "’") for w in CONTRACTIONS)

MONTHS_AND_DAYS = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday mon tue tues wed thu thur thurs fri sat sun christmas easter
    ramadan eid thanksgiving hanukkah passover diwali halloween"""
)

# Titles are not part of a name, but say that the name is a person's.
PERSON_TITLES = _words(
    """president vice prime minister premier chancellor secretary general gen gen. lt lt.
    col col. colonel major maj capt capt. captain sgt sgt. sergeant lieutenant commander
    admiral adm marshal brigadier corporal private officer chief director spokesman
    spokeswoman spokesperson ambassador envoy senator sen sen. rep rep. representative
    congressman congresswoman governor gov gov. mayor judge justice king queen prince
    princess emir sheikh shaikh sultan pope cardinal bishop archbishop rabbi imam father
    reverend rev rev. sir lord lady dame mr mr. mrs mrs. ms ms. dr dr. prof prof. professor
    detective inspector deputy leader chairman chairwoman chair ceo founder minister
    foreign defence defense interior finance health state crown actor actress singer
    star rapper coach manager striker midfielder goalkeeper player president-elect
    sheriff agent attorney lawyer councillor councilor commissioner constable const const.
    cst cst. cpl cpl. insp insp. supt supt. det det. trooper ranger"""
)

# Capitalised inside a run of capitalised words, these end the name: only title case
# capitalises them there ("Gary Ross Is Boss", "Colts Top The Jaguars", "Ellen DeGeneres
# Returns To Host"). Numbers, ordinals and "today" are left out: "Formula One", "First
# Lady", "USA Today" are names.
RUN_BREAKERS = (
    FUNCTION_WORDS
    | CONTRACTIONS
    | _words("the of for and or but to at in on by as is are was were be has have had")
) - _words(
    """first second third last next another one two three four five six seven eight nine
    ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million
    millions billion dozens dozen several half mr mrs ms dr today tonight live video photo
    image source sources report reports update updated breaking related"""
)

# Roles written before a person's name like a title ("Coroner Gary Hargrove", "Forward
# Tyler Hansbrough", "Public Defender Peter Lynch"): not part of the name. Kept apart
# from PERSON_TITLES, which the fact matcher also skips as words.
ROLE_WORDS = _words(
    """defender forward quarterback qb pitcher catcher linebacker cornerback coroner
    receiver midfielder goalkeeper goalie striker winger shortstop outfielder infielder slugger
    englishman englishwoman frenchman frenchwoman scotsman irishman welshman dutchman briton
    filmmaker moviemaker producer writer author journalist correspondent columnist
    analyst economist scientist researcher prosecutor investigator businessman
    businesswoman entrepreneur qb rb wr te lb cb administrator gm editor publisher
    superintendent treasurer co-founder cofounder executive"""
)

# Person particles inside Arabic, Dutch, German, Romance... names.
NAME_PARTICLES = _words(
    """al el ad ag ah an ar as ash at az bin ibn bint abu umm de del della der den di da
    do dos das du la le van von ter zu y"""
)
# ...of which these are also English words ("Colts at Arrowhead", "Des Moines as Drake",
# "Ford an ace"): between two capitalised words they join a name only when hyphenated
# ("at-Tahrir"), never as a word of their own.
ENGLISH_PARTICLES = _words("ad ag ah an ar as ash at az do y")
# Words that may join capitalised words inside one name ("Bank of England"). Not "the":
# between two capitalised words it joins an epithet now and then ("Sammy the Bull"), but
# far more often two names a comma should have parted ("According to Rathbun the
# Scientology property was returned", "Altogether the TAIEX rose"), and made one
# organisation of them, named after the church's 21 mentions.
INNER_CONNECTORS = _words("of for de del la le du da di van von der al el")

# Nouns after a name that say it is an organisation ("Hezbollah fighters").
ORG_NOUNS_AFTER = _words(
    """fighters militants members supporters forces troops militia group movement party
    organisation organization spokesman spokeswoman spokesperson leader leaders leadership
    officials official commander commanders rebels insurgents executives employees staff
    shareholders board chief ceo news agency network channel newspaper tv radio website
    statement announced team teammates coach coaches roster lineup starters quarterback
    headquarters hq founder co-founder cofounder users subscribers investors
    customers shares stock"""
)
# Nouns before "of", "for" or "at" and a name that say it is an organisation ("co-founder
# of Google", "engineers at Boeing"; not a spokesman, whom a person has too).
# Nouns right before a name that say what kind of business it is ("tyre giant Pirelli",
# "carmaker Hyundai"): an organisation's name follows (not roles a person has too:
# "publisher Robert Harrison", "rival Obama").
COMPANY_NOUNS_BEFORE = _words(
    """giant maker carmaker automaker chipmaker drugmaker firm company conglomerate
    retailer carrier airline lender insurer brokerage subsidiary supplier manufacturer
    distributor brewer startup"""
)
ORG_NOUNS_BEFORE = _words(
    """founder co-founder cofounder ceo chairman chairwoman employees employee staff
    executives executive shareholders engineers subsidiary division"""
)
# A name that beats or is beaten is a side in a game ("Evansville defeated Drake",
# "routed Detroit 31-10"): a place name so used is its team.
GAME_VERBS = _words(
    """beat beats defeated defeats edged edges routed routs downed downs topped tops
    outscored outscore outlasted trounced blanked whipped upset upsets stunned"""
)
# Words inside a name that say it is an organisation.
ORG_WORDS = _words(
    """forces army navy force police guard guards corps brigade brigades battalion militia
    observatory agency ministry department office council committee commission assembly
    parliament senate congress party union league association federation alliance front
    movement group organisation organization institute foundation fund trust society
    university college school academy hospital clinic court tribunal bank company corp
    corporation inc ltd llc plc co bureau newsroom service services authority administration
    government cabinet news times post press tribune journal herald daily tv television
    radio channel network broadcasting media airlines airways railways club fc united
    rights red cross crescent nations un nato eu church mosque center centre gazette
    chronicle observer inquirer courier examiner dispatch sentinel bulletin magazine
    reporter weekly survey laboratory laboratories labs institute museum foods motors
    systems technologies technology holdings industries enterprises entertainment
    pictures studios records communications pharmaceuticals electronics software
    devices semiconductor telecom guild coalition consortium syndicate"""
)
# Institutions a capitalised word alone names ("Congress", "the Senate", "Parliament").
INSTITUTIONS = _words("congress senate parliament cabinet government administration assembly")
# The last word of a facility's name: a site, typed as a place, though the same words
# inside a name make an organisation ("Center for Disease Control", "Museum of Flight").
FACILITY_LAST_WORDS = _words("center centre museum hospital clinic mosque")
# The last word of a name that says it is an event: a contest, a holiday ("World Cup",
# "Greater Milwaukee Open", "Labor Day"), a thing rather than a person or a body.
EVENT_LAST_WORDS = _words(
    """cup open series tour championship championships games olympics classic prix trophy
    tournament marathon festival derby invitational day"""
)
# The last word of a name that says it is a place or a facility ("Kellan Stadium",
# "Pelham County", "Ashby Park").
PLACE_LAST_WORDS = _words(
    """stadium arena park county parish borough township city town village district
    province region street avenue road boulevard square bridge airport station harbor
    harbour bay beach lake river valley canyon mountain mount island peninsula coast
    plaza mall hotel area strip fault glacier volcano desert forest"""
)
# The last word of a name that says it is a business ("Brick Oven Pizza", "Harbor Grill"):
# an organisation, whatever its other words are.
BUSINESS_LAST_WORDS = _words(
    """pizza pizzeria cafe café restaurant grill bakery diner bistro pub tavern saloon
    salon boutique pharmacy brewery winery jewelers jewellers"""
)
# First words of a place's name ("Mount Cook", "Lake Tahoe", "Stade de Suisse").
PLACE_FIRST_WORDS = _words("mount mt lake fort port cape stade estadio stadio")
# Nouns after a name that say it is a place or a facility ("Sednaya prison").
PLACE_NOUNS_AFTER = _words(
    """city town village province region district county state country capital suburb
    suburbs neighbourhood neighborhood area border governorate prison jail airport base
    port harbour harbor square street road avenue bridge river valley mountain mountains
    island islands coast desert camp crossing"""
)
# Nouns before "of X" that say X is a place ("the city of Homs", "suburb of Harasta").
PLACE_NOUNS_BEFORE = _words(
    """city town village province region district county state capital suburb suburbs
    outskirts centre center north south east west streets heart people residents
    governorate neighbourhood neighborhood capture fall outside"""
)
# Plural nouns that end place names ("Virgin Islands", "Niagara Falls", "Beverly Hills"):
# any other capitalised plural that ends a name makes it a team, a band or a group.
PLACE_PLURALS = _words(
    """islands isles keys mountains hills heights highlands lakes falls springs plains
    woods gardens fields states emirates territories provinces lands downs rapids banks
    sands shores narrows"""
)
COMPASS = _words(
    """north south east west northern southern eastern western central northeast northwest
    southeast southwest north-east north-west south-east south-west"""
)
# Adjectives of nationality, religion and politics that no suffix rule derives from a place
# (not those that begin a country's name: "Saudi Arabia", "Czech Republic").
IRREGULAR_ADJECTIVES = _words(
    """afghan korean emirati filipino argentine peruvian norwegian bosnian kazakh uzbek tajik kyrgyz
    turkmen tibetan burmese laotian palestinian german belgian panamanian serb croat slovak
    slovene czech bosniak kurd chechen saudi moslem
    french dutch british english irish scottish welsh swiss greek thai swedish danish
    finnish polish turkish spanish arab arabic kurdish jewish muslim christian catholic
    protestant orthodox sunni shia shiite shiia alawite druze yazidi western eastern
    northern southern european african asian latin nordic baltic balkan islamic
    communist socialist democratic republican liberal conservative"""
)

# Acronyms that are words or units, not names.
NOT_ACRONYMS = _words("OK TV AM PM GMT UTC BST CET EST PST AD BC ID PS AKA FAQ DIY VIP")
# The hours of a clock and the time zones: capitalised on a time stamp ("9:00 AM PDT",
# "05.51AM IST MUMBAI"), never a name nor part of one.
TIME_WORDS = _words(
    """am pm a.m. p.m. gmt utc bst cet cest eet eest wet est edt cst cdt mst mdt pst pdt
    akst akdt hst ast adt nst ndt ist pkt jst kst hkt sgt awst acst aest aedt nzst nzdt
    msk sast cat eat wat"""
)
PLACE_ACRONYMS = _words("US USA UK UAE DRC PRC DPRK ROK NYC LA DC BC NZ HK NSW KSA")
_COUNTRY_ACRONYMS = _words("US USA UK UAE DRC PRC DPRK ROK NZ KSA")
# US states as news datelines abbreviate them ("Palo Alto, Calif."), a place after a
# town and a comma (some are words too: "Miss.", "Wash.", "Mass.").
STATE_ABBREVIATIONS = _words(
    """ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn
    miss mo mont neb nev okla ore pa tenn tex vt va wash wis wyo"""
)


@cache
def place_names() -> frozenset[str]:
    """Countries, continents, US states and large cities (lower-case)."""
    lines = (_DATA / "places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.lower() for line in lines if line and not line.startswith("#"))


@cache
def capitals() -> dict[str, str]:
    """Country (lower case) -> its capital as GeoNames writes it (data/capitals.txt)."""
    lines = (_DATA / "capitals.txt").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("\t") for line in lines if line and not line.startswith("#"))
    return {country.lower(): capital for country, capital in pairs}


# Nations that field national sides but have no capital of their own in
# data/capitals.txt (the home nations of British sport), and the other names of two
# that do: with `capitals`, what `is_nation` knows.
_NATIONS = frozenset(
    "britain|great britain|england|scotland|wales|northern ireland|holland|america".split("|")
)


@cache
def english_stemmer() -> Any:
    """The Snowball English stemmer (PyStemmer, in C), made once: the entity rules and
    the matching terms (`tui.analysis.terms`) share it."""
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1 << 12)
def is_common_word(word: str) -> bool:
    """Whether a word is a common one of English at large ("Season", "Chapter",
    "Comments"; not "Leeds", "Arsenal"), by the background's frequencies."""
    return is_common_term(english_stemmer().stemWord(word.lower()))


@cache
def is_nation(lower_name: str) -> bool:
    """Whether a name (lower case) is a country's: a national side ("England 326",
    "Pakistan were 318 for two") stays the country's place, as news NER sets type it."""
    return (
        lower_name in capitals()
        or lower_name in _NATIONS
        or lower_name.replace(".", "").upper() in _COUNTRY_ACRONYMS
    )


# Demonyms whose country no suffix rule finds ("British", "Dutch", "Swiss").
IRREGULAR_DEMONYMS = {
    "american": "united states",
    "british": "united kingdom",
    "english": "united kingdom",
    "scottish": "united kingdom",
    "welsh": "united kingdom",
    "irish": "ireland",
    "french": "france",
    "dutch": "the netherlands",
    "swiss": "switzerland",
    "greek": "greece",
    "thai": "thailand",
    "swedish": "sweden",
    "danish": "denmark",
    "finnish": "finland",
    "polish": "poland",
    "serb": "serbia",
    "croat": "croatia",
    "slovak": "slovakia",
    "slovene": "slovenia",
    "turkish": "turkey",
    "spanish": "spain",
    "german": "germany",
    "afghan": "afghanistan",
    "filipino": "philippines",
    "argentine": "argentina",
    "peruvian": "peru",
    "norwegian": "norway",
    "kazakh": "kazakhstan",
    "uzbek": "uzbekistan",
    "tajik": "tajikistan",
    "kyrgyz": "kyrgyzstan",
    "turkmen": "turkmenistan",
    "burmese": "myanmar",
    "laotian": "laos",
    "saudi": "saudi arabia",
    "emirati": "united arab emirates",
    "czech": "czechia",
}


@cache
def given_names() -> frozenset[str]:
    """Common first names (lower-case; data/given_names.txt says whence and which)."""
    lines = (_DATA / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def plural_surnames() -> frozenset[str]:
    """Surnames that look like plurals (lower-case; data/plural_surnames.txt says whence)."""
    lines = (_DATA / "plural_surnames.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))
