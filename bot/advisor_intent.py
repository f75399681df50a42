"""Does a free-form question belong to the advisor? Kept apart from the facts parser.

Every question passes through this check, so it must stay cheap: the facts parser
(bot/team_facts) runs only when a question shows split/combine intent or counts something.
"""

from __future__ import annotations

import re

from bot import regex_store

_PM = r"pm|p\.m\.|product\s+manager|pm/po|pm-po"
_ROLE = rf"(?:{_PM}|po|p\.o\.|product\s+owner)s?"
# "a PM or a PO": a choice of one role, which splits or adds nothing
_NOT_A_CHOICE = rf"(?!\s+or\s+(?:an?\s+)?{_ROLE})"
# the product people as a whole, neither role by name
_PRODUCT_PEOPLE = r"product\s+(?:people|person|team|org|organi[sz]ation)|tpms?"
# "should we split it / the team / into two squads?" asks about team size, not the roles;
# "merging product backlogs", "three separate B2C products" split or merge something else
_OTHER_OBJECT = (
    r"(?!\s+(?:it|them|up|into|(?:(?:the|our|this|that|a|each)\s+)?(?:\w+\s+)?(?:teams?|squads?|"
    r"groups?|backlogs?|stor(?:y|ies)|sprints?|work|epics?|projects?|boards?|repos?|codebases?|"
    r"products?(?!\s+(?:owners?|managers?|management|ownership|roles?|people|person))|meetings?|"
    r"scrums?|apps?|applications?))\b)"
)
INTENT = regex_store.compile(
    r"\b(?:(?:split(?:ting)?|separat(?:e|ing)|combin(?:e|ed|ing)|merg(?:e|ed|ing))"
    rf"{_OTHER_OBJECT}|both|"
    r"one\s+person|same\s+person|two\s+people|single\s+person|dual|hybrid|"
    r"doubl(?:e|es|ing)\s+as|two\s+hats|both\s+hats|wear\s+both|"
    r"also\s+(?:be|acts?\s+as|acting\s+as|serves?\s+as|serving\s+as)"
    # "can our PO also be acting as Scrum Master?" combines the PO with another job, not PM
    # nor "can a PO also be (the) part of the dev team?", the PO as one of the Developers
    r"(?!\s+(?:the\s+|our\s+|a\s+|an\s+)?(?:acting\s+as\s+(?:the\s+|our\s+|a\s+)?)?"
    r"(?:part\s+of\s+(?:the\s+|our\s+|a\s+)?(?:dev(?:elopment)?\s+|scrum\s+)?team\b|"
    r"(?:sm|scrum\s*masters?|developers?|devs?|engineers?|tech\s+leads?|team\s+leads?|"
    r"architects?|testers?|qa|designers?|business\s+analysts?|ba|project\s+managers?)\b))|"
    # "do we need a PM or a PO?" chooses one role (the FAQ's), it splits nothing
    rf"(?:need|hire|add|get)\s+(?:a|an|another|a\s+separate|a\s+dedicated)\s+{_ROLE}"
    rf"{_NOT_A_CHOICE}|"
    rf"{_ROLE}\s+(?:too|as\s+well)|"
    # "the PM is also PO for all three teams", "our PO is now also the PM"
    rf"(?:{_PM}|po|product\s+owner)\s+(?:is|are|was)\s+(?:now\s+)?also\s+(?:the\s+|our\s+|a\s+)?"
    rf"{_ROLE}\b|"
    # a PO asked to take on the PM's work: "wants me to also take over pricing and the roadmap"
    r"also\s+(?:take\s+(?:over|on)|own|handle)\s+(?:the\s+|our\s+)?(?:product\s+)?"
    r"(?:pricing|roadmap|strategy|go-to-market|market\s+research|discovery))\b|"
    # "our PO also does the market research and pricing": the PM's work, done by the PO
    r"\b(?:po|product\s+owner)s?\s+(?:also|now)\s+(?:does|do|runs?|owns?|handles?|covers?)\s+"
    r"(?:the\s+|our\s+|all\s+(?:the\s+)?)?(?:product\s+)?(?:pricing|roadmap|strategy|go-to-market|"
    r"market\s+research|discovery)\b",
    re.I,
)
# "should our PM also be our PO": a team asking about its own people, no numbers needed
_OWN_ROLES = regex_store.compile(
    rf"\b(?:our|my)\s+{_ROLE}\b.*\b(?:also|too|as\s+well|both|double|same|our\s+{_ROLE})", re.I
)


_DIGIT = regex_store.compile(r"\d")
# A team describing itself: "we", "our", "I'm the PO", "my team".
_OWN_TEAM = regex_store.compile(
    r"\b(?:we|we're|were|our|ours|us)\b|"
    # "my team", "I'm the PO for...", "I have 3 squads": the asker's own set-up; "I am confused
    # about...", "I've never understood why..." tell nothing about a team
    r"\bmy\s+(?:\w+\s+)?(?:team|teams|squads?|company|org|organi[sz]ation|startup|"
    r"department|group|product|products|manager|boss|po|pm|cto|ceo|role|job)\b|"
    r"\b(?:i'm|im|i\s+am|i've\s+been|ive\s+been|i\s+have\s+been|i\s+was)\s+"
    r"(?:now\s+|currently\s+|also\s+|still\s+)?(?:the|a(?!\s+(?:bit|little|lot|tad)\b)|an|"
    r"one\s+of|our|their|"
    r"pos?|pms?|product\s+(?:owner|manager)|scrum\s*master|sm|programmer|developer|engineer|"
    r"cto|ceo|founder|consultant|head|director|lead)\b|"
    r"\bi\s+(?:have|manage|lead|run|work|joined|serve|cover|own)\b|"
    # "4 teams here", "small agency here": where the asker works
    r"\b(?:teams?|squads?|devs?|developers?|engineers?|company|agency|startup|org|shop)\s+here\b|"
    # a story that asks what "you" would change in it is the asker's own
    r"\bwhat\s+would\s+you\s+(?:change|do)\b|"
    # "please advise how to organize Scrum in the following situation: 2 teams, 2 POs..."
    r"\b(?:in\s+)?the\s+following\s+(?:situation|set\s*-?\s*up|setup|scenario)\b|"
    # "how would one handle a situation where the dev manager is also the PO?"
    r"\b(?:handle|deal\s+with|navigate|approach)\s+(?:a|this|the)\s+situation\s+where\b|"
    # where the asker stands: "Scrum master here", "CTO of a 40-person company", "I'm in a
    # mid-sized company", a consultant's client ("consulting for a bank", "my client has...")
    r"\b(?:scrum\s*master|sm|po|pm|product\s+(?:owner|manager)|(?:agile\s+)?coach|consultant|"
    r"founder|co-?founder|cto|ceo|cpo|vp|director|manager|lead|dev|developer|engineer)\s+here\b|"
    r"\b(?:cto|ceo|cpo|founder|co-?founder|head\s+of\s+\w+|vp\s+of\s+\w+)\s+(?:of|at)\s+(?:a|an)\b|"
    r"\b(?:i'm|im|i\s+am)\s+(?:in|at|on|with)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}"
    r"(?:team|company|org|organi[sz]ation|startup|agency|scale-?up|enterprise|firm|bank)\b|"
    r"\b(?:my|a|an)\s+(?:[\w-]+\s+)?clients?\b[^.?!]{0,40}\b(?:has|have|is|are|wants?)\b|"
    r"\b(?:consulting|contracting|working)\s+(?:for|with)\s+(?:a|an)\s+(?:[\w-]+\s+)?"
    r"(?:client|bank|company|customer|startup|retailer|insurer)\b",
    re.I,
)
_ANY_ROLE = regex_store.compile(rf"\b(?:{_ROLE}|{_PRODUCT_PEOPLE})\b", re.I)
# The product manager's side of the split, or the product people as a whole.
_PM_ROLE = regex_store.compile(
    rf"\b(?:(?:{_PM})s?|product\s+management|{_PRODUCT_PEOPLE}|(?:both|the)\s+roles)\b", re.I
)
# A bare "PM" beside a PMO or a project/program manager, in a message that never says
# "product" or "PO", is the project manager: "no PMO, no project/program manager oversight...
# should I go somewhere with a PM structure?" is no story about the product roles.
_PROJECT_SIDE = regex_store.compile(
    r"\b(?:pmos?|project\s+manag\w*|program(?:me)?\s+manag\w*|project\s*/\s*program)\b", re.I
)
_PRODUCT_SIDE = regex_store.compile(r"\b(?:product\w*|pos?|p\.o\.)\b", re.I)


def about_project_management(text: str) -> bool:
    """A message whose only "PM" can be the project manager (see `_PROJECT_SIDE`): nothing in
    it is about the product roles the advisor weighs."""
    return bool(_PROJECT_SIDE.search(text)) and not _PRODUCT_SIDE.search(text)


# The strategic half of the product work dropped ("since the merge nobody does discovery
# anymore"): a strain that routes a story here, and the facts parser's strategy_suffering.
STRATEGY_DROPPED = (
    r"(?:nobody|no\s+one)\s+(?:\w+\s+)?(?:does|do|is\s+doing|drives|runs)\s+(?:any\s+|the\s+)?"
    r"(?:discovery|strategy|strategic\s+work|(?:customer\s+|user\s+)?research|roadmap)"
)
# Load on the people in the roles, which the facts parser has no number for.
_STRAIN = regex_store.compile(
    r"\b(?:spread\s+(?:across|over|thin)|stretched|burn(?:ing|ed|t)?\s*out|context[-\s]switch\w*|"
    r"too\s+(?:much|busy|many)|no\s+time|overload\w*|lone|only\s+(?:one|two|\d+)\s+\w*\s*"
    r"(?:pos?|pms?|product\s+(?:owners?|managers?))|share\s+one|sharing\s+one|"
    r"(?:two|2|both)\s+(?:pos|product\s+owners)|whole\s+company|every(?:thing|one)\s+is|"
    r"(?:ticket|backlog|jira)\s+(?:admin\w*|factory|monkey)|untouched|"
    # "hasn't touched the roadmap in months", "nobody has looked at the strategy since May"
    r"(?:hasn't|has\s+not|haven't|have\s+not|hadn't|never)\s+(?:been\s+)?(?:touched|looked\s+at)|"
    r"nobody\s+(?:\w+\s+)?(?:owns|has\s+touched)|none\s+of\s+(?:them|us)\s+owns?|"
    rf"{STRATEGY_DROPPED}|"
    rf"(?:add(?:ing)?|hir(?:e|ing)|bring(?:ing)?\s+in)\s+(?:a|an|another|a\s+second)\s+"
    rf"(?:\w+\s+)?{_ROLE}\b{_NOT_A_CHOICE}|separate\s+product\s+owner|each\s+(?:stream|team|squad)|"
    rf"(?:have|get|hire)\s+(?:our|its|their)\s+own\s+{_ROLE}\b|"
    r"release\s+train|new\s+(?:regions?|markets?|countries))",
    re.I,
)
# The open question a team situation ends in.
_OPEN_QUESTION = regex_store.compile(
    rf"\b(?:should\s+(?:we|i|our|my|the|{_ROLE})|do\s+we\s+(?:even\s+|really\s+|still\s+|actually\s+)?need|is\s+(?:this|it|that)\s+"
    r"(?:sustainable|normal|fine|ok|okay|too\s+much|a\s+good|common|effective)|"
    r"good\s+(?:idea|plan)|make\s+(?:this|it)\s+work|what\s+would\s+you\s+(?:change|do)|"
    # "is this setup right for us?", "what's the right setup here?"
    r"is\s+(?:this|that|our|the)\s+(?:set\s*-?\s*up|structure|model|arrangement)\s+"
    r"(?:right|wrong|working|ideal)|(?:what's|whats|what\s+is)\s+(?:the|a)\s+(?:right|best|ideal|good)\s+"
    r"(?:team\s+|org\s+)?(?:set\s*-?\s*up|structure|model|arrangement)|"
    # "how do I handle him?" asks about a person, not the set-up
    r"how\s+(?:do|should|can)\s+(?:we|i)\s+(?:set|make|handle(?!\s+(?:him|her|them)\b)|"
    r"organi[sz]e|structure|scale|fix|split|divide|share)|"
    r"time\s+to\s+(?:scale|hire|split)|how\s+should\s+this\s+be|does\s+that\s+hold|"
    r"how\s+(?:common|effective)|hire\s+another|push\s+for|justify|"
    # asking for a view on the set-up rather than a plan
    r"what\s+(?:do|would)\s+you\s+(?:think|suggest|recommend|advise)|"
    r"(?:can|could|does|would|will)\s+(?:this|it|that)\s+(?:even\s+|really\s+|actually\s+)?"
    r"(?:work|scale)|"
    # "does this set-up make sense?", not "...if that makes sense"
    r"(?:does|do|would|will|could)\b[^.?!]{0,60}\bmake\s+sense|makes?\s+sense\s*\?|"
    r"how\s+would\s+you\s+(?:go\s+about|handle|manage|organi[sz]e|structure|set\s+up|approach|"
    r"staff|tackle|deal\s+with)|how\s+(?:do|should|can)\s+(?:we|i)\s+(?:staff|tackle|deal\s+with)|"
    # asking how others do it: "how do you handle backup for the PO in your companies?"
    r"how\s+do\s+you\s+(?:all\s+)?(?:handle|deal\s+with|organi[sz]e|structure|staff)\b|"
    r"what\s+are\s+(?:my|our)\s+options|"
    # "...or if there's a better way we can organise", "is it tho"
    r"(?:is|if|whether)\s+there(?:'s|\s+is)?\s+(?:a\s+)?(?:better|best)\s+way|"
    # "Do I hire POs or more PMs?", "Who should take over, a PM or a PO?"
    r"\bdo\s+(?:i|we)\s+(?:hire|add|bring\s+in)\b|"
    rf"(?:^|[.!?]\s*)(?:hire|add|get)\s+(?:more\s+)?{_ROLE}\s+or\s+(?:more\s+)?{_ROLE}\s*\?|"
    r"\bwho\s+should\s+(?:take\s+over|replace|step\s+in)\b|"
    r"\bdoes\s+(?:this|that|it)\s+sound\s+(?:right|ok|okay|reasonable|sensible|good)\b|"
    r"\bis\s+it\s+(?:tho|though|really)\s*[?!.]*$|"
    # a story that ends "Thoughts?" or "any advice?"
    r"(?:any\s+)?(?:thoughts|advice|suggestions|ideas|recommendations|tips|pointers)\s*\?|"
    # "what should we change?", "where do I even start?", "is that healthy?", "sustainable?"
    r"what\s+should\s+(?:we|i)\s+(?:do|change)|where\s+do\s+(?:we|i)\s+(?:even\s+)?start|"
    # "...I'm overloaded. What do I do?", not "what do I do as a PO?"
    r"what\s+(?:do|can)\s+(?:we|i)\s+do\s*(?:now|here|then|next|about\s+(?:it|this|that))?\s*\?|"
    r"is\s+(?:this|that|it)\s+(?:healthy|worth\s+\w+ing|how\s+it\s+should\s+be)|"
    r"\bsustainable\s*\?|overkill|enough\s+(?:product\s+)?coverage|"
    r"would\s+you\s+(?:collapse|merge|split|combine|keep|add|hire|restructure)|"
    rf"do\s+i\s+(?:even\s+|really\s+|actually\s+)?need\s+(?:a|an|any)\s+{_ROLE}|"
    rf"(?:hire|add|get)\s+(?:a\s+)?(?:third|second|another|more)\s+{_ROLE})",
    re.I,
)
# "what skills should I build?", "which tool should we use?": "should I" inside a question for
# a fact, not the open "should we split?" ("who should we hire?" is the staffing question)
_FACT_QUESTION_BEFORE = regex_store.compile(
    r"\b(?:what|which|where|when|how\s+(?:much|many|long|often))\b[^.?!]*$", re.I
)


def asks_open_question(text: str) -> bool:
    """Does the message end its story in an open question about the set-up?"""
    return any(
        not (
            match.group(0).lower().startswith("should")
            and _FACT_QUESTION_BEFORE.search(text, 0, match.start())
        )
        for match in _OPEN_QUESTION.finditer(text)
    )


# "who writes...", "who owns...": a question for one owner, however much team story precedes it
_OWNER_ASK = regex_store.compile(
    r"\bwho\s+(?:\w+\s+){0,2}(?:owns?|writes?|decides?|sets?|is\s+responsible|should\s+(?:own|write|"
    r"decide|prioriti[sz]e|accept)|gets\s+to|approves?|accepts?|prioriti[sz]es?)\b",
    re.I,
)
# A number near a thing the advisor counts: the cheap test before the facts parser runs.
_COUNTED = regex_store.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
    r"twenty|thirty|forty|fifty|hundred|several|many|multiple|a\s+few)\b)[^.?!]{0,40}?\b"
    r"(?:squads?|teams?|pods?|devs?|developers?|engineers?|people|person|folks|members?|"
    r"employees|staff|products?|"
    r"apps?|markets?|regions?|countries|personas?)\b|%|\bhalf\b",
    re.I,
)
_SITUATION_FACTS = frozenset(
    "squads engineers people products markets personas backlog_share strategy_suffering".split()
)


def looks_like_advice(text: str) -> bool:
    """A split/combine question about *this* team, in so many words or as a situation.

    "can one person be both PM and PO?" has no team facts, so it stays with the FAQ entry.
    A team that tells its story ("our PO is spread across two teams... do we hire another?")
    goes to the advisor even without "split" or "combine": the facts and the strain are the
    question.
    """
    if not text or about_project_management(text):
        return False
    if _about_the_roles(text):
        if _OWN_ROLES.search(text):
            return True
        from bot import team_facts as facts_mod  # heavy; only for questions with intent

        facts = set(facts_mod.parse(text, prose=True).facts) - {"stage"}
        # "do startups need both?" is the FAQ's: a stage word alone describes no team. Nor
        # does one loose count in a general question ("can one PO serve multiple teams?",
        # "should two products share a PO?"): a team that is not "we" or "our" is given as
        # facts ("4 squads, 45 engineers: split?", "both roles with 12 people?")
        if len(facts) >= 2 or facts and (_OWN_TEAM.search(text) or _DIGIT.search(text)):
            return True
    return describes_team_situation(text)


_SPLIT_VERB = regex_store.compile(r"^(?:split|separat|combin|merg)", re.I)
# a head count says which roles only beside one: "one person for both roles" is ours, "I'm
# struggling with one person who delivers late" (a manager's story, no role named) is not
_HEADS = regex_store.compile(r"^(?:one|same|two|single)\s+(?:person|people)$", re.I)
# What a split or a merge is about when no role is named: "split the roles?", a bare "split?"
_ROLES_OR_BARE_VERB = regex_store.compile(
    r"\broles?\b|\b(?:split|separate|combine|merge)\s*(?:\?|$)", re.I
)


def _about_the_roles(text: str) -> bool:
    """Split/combine intent about PM and PO. A split verb in a question that names no role
    and no roles splits something else ("our two scrum masters want to run them separate")."""
    found = [m.group(0) for m in INTENT.finditer(text)]
    if not found:
        return False
    if all(word.lower() == "both" for word in found):
        # "both" alone is about the roles only where the PM side is in the message: "2 teams,
        # 1 PO, 1 backlog for both" means both teams
        return bool(_PM_ROLE.search(text) or _JOBS.search(text))
    if not all(_SPLIT_VERB.match(word) or _HEADS.match(word) for word in found):
        return True  # "two hats", "double as", "one person"...
    return bool(_ANY_ROLE.search(text) or _ROLES_OR_BARE_VERB.search(text))


# "can one person do both jobs?", "wear both hats": the roles by another name
_JOBS = regex_store.compile(
    r"\bboth\s+(?:\w+\s+)?(?:roles?|jobs?|hats?|titles?|positions?)\b", re.I
)


# The story ends by asking something: a question mark, or an open question without one.
_ASKS = regex_store.compile(
    r"\?|\b(?:thoughts|advice|suggestions|ideas|tips)\b|"
    # "I'd like a second opinion on...", "I would like to get your input on this!"
    r"\bsecond\s+opinion\b|\b(?:your|any|some)\s+(?:input|opinions?|views?|feedback)\b|"
    # "...the PMs fight over sprint scope every 2 weeks. help 🙏"
    r"\bhelp\W*$",
    re.I,
)


_QUESTION_SENTENCE = regex_store.compile(r"[^.?!]*\?")


def tells_own_story(text: str) -> bool:
    """Our own team, a role, and a question that is not "who owns X" (that one has an owner)."""
    return bool(_ASKS.search(text) or asks_open_question(text)) and own_story(text)


def own_story(text: str) -> bool:
    """Our own team and a role, asking for no owner, difference or rule: a story told to the
    bot, with or without a question in it (a message to the bot is a request)."""
    if about_project_management(text):
        return False
    if not (_own_team(text) and _ANY_ROLE.search(text)):
        return False
    return not (_asks_for_an_owner(text) or _asks_for_a_difference(text) or _asks_a_rule(text))


# "For our tiny team, is it ok to have the PO also acting as the scrum master?": one sentence
# asking whether something is allowed tells no story, however much "our" it says; the rule is
# the FAQ's (a story states the set-up first: "Our SM is also our PO. Is that ok?")
_RULE_ASK = regex_store.compile(
    r"^\s*(?:(?:for|in|with)\s+[^,?]{1,60},\s*)?(?:can|could|may|is\s+it\s+(?:ok|okay|fine|"
    r"allowed|possible|acceptable|advisable))\b[^.?!]*\?\s*$",
    re.I,
)


def _asks_a_rule(text: str) -> bool:
    """The whole message is the one rule question (see `_RULE_ASK`)."""
    return bool(_RULE_ASK.match(text))


# "I'm PO and SM, what's the difference between the two?": the story is the asker's, the
# question is the comparison entry's
_DIFFERENCE_ASK = regex_store.compile(
    r"\b(?:what(?:'s|\s+is|\s+are)\s+the\s+(?:main\s+|key\s+|real\s+)?differences?|"
    r"how\s+(?:do|does)\s+(?:\w+\s+){1,4}differ)\b",
    re.I,
)


def _asking_sentences(text: str) -> list[str]:
    """The sentences that end in a question mark, else the whole message: what a story asks
    is read there, not in the set-up it describes."""
    return _QUESTION_SENTENCE.findall(text) or [text]


def _asks_for_a_difference(text: str) -> bool:
    return any(_DIFFERENCE_ASK.search(s) for s in _asking_sentences(text))


# "TLDR; what do POs actually do?": a story that asks what the role is, whatever else it says
_DEFINITION_ASK = regex_store.compile(
    r"\bwhat\s+(?:do|does)\s+(?:an?\s+|the\s+)?(?:pos?|product\s+owners?|pms?|"
    r"product\s+managers?)\s+(?:actually\s+|really\s+|even\s+)?do\b",
    re.I,
)


def _asks_for_a_definition(text: str) -> bool:
    return any(_DEFINITION_ASK.search(s) for s in _asking_sentences(text))


def _asks_for_an_owner(text: str) -> bool:
    """Only the sentences that ask are checked: a story's "each squad has a tech lead who
    writes the stories" describes someone and asks nothing."""
    return any(
        # the sentence up to the match's "who": does a person come right before it?
        not _DESCRIBES.search(sentence, 0, m.start() + len("who"))
        for sentence in _asking_sentences(text)
        for m in _OWNER_ASK.finditer(sentence)
    )


# "1 PO who can't decide anything", "a lead who owns the stories": "who" after a person
# describes them
_DESCRIBES = regex_store.compile(
    r"\b(?:pos?|pms?|owners?|managers?|leads?|devs?|developers?|person|someone|guy|lady|one)"
    r"\s+who$",
    re.I,
)


# "one PM", "0 PMs", "3 product owners": a team's staffing, stated as a count
_ROLE_COUNT = regex_store.compile(
    r"\b(?:\d+|zero|one|two|three|four|five|six|a\s+single)\s+"
    rf"(?:(?:full-time|dedicated|shared|part-time)\s+)?{_ROLE}\b",
    re.I,
)


# asking for help with a situation, not for a rule (narrower than `_ASKS`, which any "?"
# satisfies: "can 2 POs share a backlog?" must not make a terse message a team's story)
_TIPS_ASK = regex_store.compile(
    r"\b(?:any|some|your)\s+(?:tips|advice|suggestions|ideas)\b|"
    r"\bwhat\s+(?:should|can)\s+(?:i|we)\s+do\b",
    re.I,
)


TERSE_WORDS = 60


def _own_team(text: str) -> bool:
    """The asker's own team, or a short list of a team's facts ("Fintech, three squads, one PM
    doing PO work. Sustainable?"), which says no "we" but describes one team. A long post
    without "we" more often describes teams in general or someone else's."""
    if _OWN_TEAM.search(text):
        return True
    if len(text.split()) > TERSE_WORDS or not _ROLE_COUNT.search(text):
        return False
    # a count of something besides the roles: "can 2 POs share a backlog?" states no team;
    # nor does a rule question, but "two POs on one team keep overriding each other, any
    # tips?" asks for help with a team the asker is in
    return _COUNTED.search(_ROLE_COUNT.sub(" ", text)) is not None or bool(
        _TIPS_ASK.search(text) and not _asks_a_rule(text)
    )


def describes_team_situation(text: str) -> bool:
    """Our own team, the product roles, a fact or a strain on the people, and an open question.

    The advisor weighs splitting PM and PO, so a story that names only the PO ("our new PO
    leans on the team for every story, what should I do?") is not one for it unless it matches
    a staffing situation, which `in_story` checks first."""
    if not (_own_team(text) and _PM_ROLE.search(text)):
        return False
    if _asks_for_an_owner(text) or _asks_for_a_definition(text):
        return False
    asks = asks_open_question(text)
    if not asks and _ASKS.search(text):
        return False  # it asks something, but not about the set-up
    if asks and _STRAIN.search(text):
        return True
    if not _COUNTED.search(text):
        return False  # no count of anything: skip the facts parser
    from bot import team_facts as facts_mod

    found = set(facts_mod.parse(text, prose=True).facts) & _SITUATION_FACTS
    return bool(found) if asks else len(found) >= 2
