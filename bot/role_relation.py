"""Whether a question puts one person in both roles, ranks them, has one without the other,
has the asker choose one, has them work together, calls one merely the other, asks who should
hold one or who hires and reviews it, or weighs the two on one trait.

"Can the PM be the PO?", "should I go for PM or PO?" and "PM vs PO?" read alike once glue
words are dropped: "can", "be", "should", "or" and "both" are stop words, so all three come
down to the two role names, and the comparison card (whose keywords are just that) answers
each of them with confidence. The question is in the glue: a modal verb with one role made
into the other asks whether one person can hold both; "above" or "under" between them asks
which ranks higher; "a PM but no PO" asks whether a team needs both; "I" choosing between the
two asks which career to pick; "does the PO need to work with the PM?" asks how the two work
together, not whether a team needs both; "isn't the PO just a PM?" asks whether the two are
one role under two names. "Who should be the PO?" came down to the bare role name, and the
PO's definition card answered it; it asks who is fit to hold the role. This
reads those frames, as `career_move` reads a move, and gives each a term the matching entries'
own aliases yield too ("can a pm be a po", "is product owner above product manager", "how pm
and po collaborate"), so the knowledge base and the asker are read by the same rule.
"""

from __future__ import annotations

from bot import regex_store
from bot.career_move import ONE_WORD_ROLES, role_mentions
from bot.question_shape import asks_owner

# "can / should the PM (also) be the PO", "is it OK if the PO plays the PM"
_MODALS = frozenset("can could should shall may might must would will ok okay possible".split())
# the verbs that make one role into the other; "become" is a career move (career_move.py)
_HOLD = frozenset(
    "be being act acts acting double doubles doubling serve serves serving play plays playing "
    "wear wears wearing cover covers covering take takes taking".split()
)
# "do both", "be both at once": one person in both roles, with the roles left unsaid
_BOTH_VERBS = frozenset("be do cover wear play".split())
_BOTH_AFTER = frozenset("roles jobs hats at pm po pms pos product a an the".split())
# "should I go for PM or PO?", "which should I pick, PO or PM?"
_CHOOSE = frozenset(
    "be become go choose pick pursue aim take apply select opt prefer study learn start".split()
)
_CHOICE = frozenset("or vs versus".split())
_RANKED = frozenset("above below over under beneath".split())  # "is the PO above the PM?"
_LACKING = frozenset("no without".split())  # "a PM but no PO"
# "without a PO", "rid of our PMs", "not having a PO", "a no to having PMs"; never "No, the PO
# decides": an answer's "no" (its comma is gone by now) takes no article
_LACKED = regex_store.compile(
    r"\b(?:no|(?:without|rid of|not having|no to having)(?: (?P<article>a|an|any|our|the))?)$"
)
# "the PO works with the PM", "how do PMs and POs collaborate?"
_WORK = frozenset(
    "work works working worked collaborate collaborates collaborating cooperate cooperates "
    "cooperating interact interacts interacting partner partners partnering sync syncs "
    "align aligns aligning".split()
)
_WITH = frozenset("with alongside".split())
_TOWARDS = frozenset("to into".split())  # "promoted to PM", "report to the PM"
# "the PO's manager": a person next to the role, not the role ("po's" reads as "pos")
_BESIDE = frozenset("manager managers boss lead proxy deputy backup assistant supervisor".split())
_SHORT = 8  # words in a question that names no role but may still be about them
_REACH = 3  # a modal counts up to this many words before the first role ("can a senior PM")
# "who should be / act as / play the PO?", not "who will take over the PO role" (a stand-in)
_FILL = frozenset("be become act serve play fill".split())
_FILLER = frozenset("the a an our my their your this that role roles of as".split())
# "who hires / appraises / picks the PO?": the role is the one acted on, so no owner of a duty
# answers it; whoever the role reports to does. Not "who coaches the PO?" (the Scrum Master's
# job) nor "who manages the PO?", which "manager" already reads as a reporting line
_OVER = frozenset(
    "hire hires hiring fire fires firing evaluate evaluates evaluating appraise appraises "
    "review reviews reviewing assess assesses rate rates promote promotes pay pays appoint "
    "appoints appointed select selects choose chooses pick picks".split()
)
# the person's own goals and pay, and the verbs that set them: "who sets the PO's goals?"
_PERSONAL = frozenset(
    "performance goals objectives okrs targets salary pay compensation bonus career".split()
)
_SET = frozenset("set sets define defines decide decides determine determines".split())
# "which is more strategic, PM or PO?", "is the PO closer to the devs?": the two weighed on
# one of the traits the comparison lays side by side (focus, horizon, whom each works with).
# Weighed on a duty with its own entry ("is the PM more involved in sprint planning?", "who is
# more responsible for pricing?") the question stays that duty's; rank has its own words.
_MORE = frozenset("more less".split())
_FAR = frozenset("closer further farther longer shorter".split())
_TRAITS = frozenset(
    "strategic tactical operational strategy execution vision visionary customer customers "
    "market outward inward facing engineers developers devs team hands big picture".split()
)
_WEIGHING = frozenset("which who is are does do".split())
_HEDGES = frozenset("actually really usually normally typically generally ultimately".split())
_AFTER_OVER = frozenset("and or in at on if when for".split())
ONE_PERSON = "one_person_both_roles"
CHOICE = "choose_pm_or_po"
RANK = "rank_between_roles"
WITHOUT = "one_role_without_the_other"
WHO_HOLDS = "who_holds_the_role"
OVER_ROLE = "who_is_over_the_role"
WEIGHED = "roles_weighed_on_a_trait"
TOGETHER = "roles_work_together"
MERELY = "one_role_merely_the_other"
WORDS = {
    ONE_PERSON: "one person in both roles",
    CHOICE: "choosing PM or PO",
    RANK: "which role ranks higher",
    WITHOUT: "one role without the other",
    WHO_HOLDS: "who should hold the role",
    OVER_ROLE: "who hires or reviews the role",
    WEIGHED: "which role has more of something",
    TOGETHER: "the two working together",
    MERELY: "one role merely the other",
}
# "isn't the PO just a PM with a Scrum certificate?", "is a PM basically a PO?": a challenge
# that one role is the other under a new name ("certificate" had led to the certifications
# entry). Held out: one team question declined before is asked back, nothing else moved; on the
# frozen check set one ask-back became a decline, with right and wrong unchanged.
_MERELY = frozenset("just basically simply merely essentially".split())
_MERELY_GLUE = frozenset("is isnt are arent the a an".split()) | _MERELY


def relation_term(raw: list[str]) -> str | None:
    """ONE_PERSON, CHOICE, RANK, WITHOUT, TOGETHER, WHO_HOLDS, OVER_ROLE, WEIGHED, MERELY or
    None. `raw`: words as textnorm.words gives them."""
    mentions = role_mentions(raw)
    named = {role for _, role in mentions}
    if mentions and _who_holds(raw, mentions[0][0]):
        return WHO_HOLDS
    if mentions and _who_is_over(raw, mentions[0][0]):
        return OVER_ROLE
    # "could one person be both the PM and lead product marketing?": both of something else;
    # with neither role named, only a short question ("can I do both?") is about them
    if (len(named) == 2 or not named and len(raw) <= _SHORT) and _both_without_roles(raw):
        return ONE_PERSON
    first = mentions[0] if mentions else None
    second = next((m for m in mentions if first and m[1] != first[1]), None)
    if first is None or second is None:
        return None
    (first_at, _), (second_at, _) = first, second
    between = raw[_end(raw, first_at) : second_at]
    before = raw[max(0, first_at - _REACH) : first_at]
    wider = raw[max(0, first_at - _REACH - 2) : first_at]  # room for "should I go for"
    i_choose = _i_choose(wider)
    if _MERELY & set(between) and set(between) <= _MERELY_GLUE:
        return MERELY
    if raw[0] in _WEIGHING and not i_choose and _weighed(set(raw)):
        return WEIGHED  # "which is more strategic, PM or PO?", "is the PO closer to devs?"
    if _CHOICE & set(between):
        # "should I be a PM or a PO?": the asker picks; "PM or PO, what's the difference?",
        # "how can I tell if a posting is a PM or a PO role?" and "should my CV say PO or PM?"
        # do not
        return CHOICE if i_choose else None
    if _RANKED & set(between) and len(between) <= 3:
        # "is the PO above the PM?"; "should I pick PM over PO?" is a choice
        return CHOICE if i_choose else RANK
    if _LACKING & set(between[-2:]):
        return WITHOUT  # "we have a PM but no PO", "a PO without a PM"
    if _works_together(raw, between, _end(raw, second_at)):
        return TOGETHER
    after = raw[_end(raw, second_at) : _end(raw, second_at) + 2]
    if "become" in between or _TOWARDS & set(between[-2:]) or _BESIDE & set(after):
        # a move ("can a PO be promoted to PM?", career_move.py), or "will the PM be the PO's
        # manager?"
        return None
    # "can the PM (also) be the PO?", not "what should a PM be judged on, and a PO?"
    if _MODALS & set(before) and len(between) <= 5 and _HOLD & set(between[-3:]):
        return ONE_PERSON
    # "can I be the PO and the PM at once?"
    if _MODALS & set(wider) and _HOLD & set(before) and "and" in between and len(between) <= 3:
        return ONE_PERSON
    return None


def goes_without(raw: list[str]) -> str | None:
    """WITHOUT when a question names one role, as one the team would go without: "what if we
    had no product managers?", "how about not having a PO?". With "no" and "without" stop words,
    such a question came down to the role's name, and its definition card answered it.

    Read in questions only. The entry that answers them has the term from its own aliases ("a
    PM but no PO"); read in every entry's texts as well, it shifted the index enough that "is
    the team velocity the PO's responsibility?" lost its answer. Not in a question for an owner,
    where going without is the setting: held out, "in a scrum team without a product manager,
    who manages the stakeholders?" became a wrong answer."""
    mentions = role_mentions(raw)
    if len({role for _, role in mentions}) != 1 or asks_owner(raw):
        return None  # "with no PM, who manages the stakeholders?" asks for an owner
    return WITHOUT if any(_lacked(raw, at) for at, _ in mentions) else None


def _lacked(raw: list[str], at: int) -> bool:
    """The role at `at` is one the team goes without: "no POs", "without a PM", "rid of our
    product managers", "a 'no' to having PMs". A bare singular after "no" or "without" is as
    often a modifier ("a PM job without PM experience", "no PO involvement"), so the role is
    plural or has its article."""
    found = _LACKED.search(" ".join(raw[max(0, at - 4) : at]))
    if not found:
        return False
    named = raw[at + 1] if raw[at] == "product" and at + 1 < len(raw) else raw[at]
    return bool(found.group("article")) or named.endswith("s")


def _works_together(raw: list[str], between: list[str], after_second: int) -> bool:
    """ "the PO needs to work with the PM", "how do PMs and POs work together / collaborate?" """
    tail = between[-2:] if between[-1:] and between[-1] in _FILLER else between[-1:]
    if len(between) <= 5 and _WITH & set(tail) and _WORK & set(between):
        return True  # "with" right before the role: not "works with developers, the PM…"
    after = raw[after_second : after_second + 2]
    return between in (["and"], ["and", "the"], ["and", "a"]) and bool(_WORK & set(after))


def _who_holds(raw: list[str], at: int) -> bool:
    """ "who should be the PO?", "who can act as our product owner?", "who should the PO be?" """
    after = _end(raw, at)
    if _BESIDE & set(raw[after : after + 2]):
        return False  # "who should be the PO's manager?"
    for i in range(max(0, at - 6), at):
        if raw[i] != "who" or i + 1 >= at or raw[i + 1] not in _MODALS:
            continue
        rest = raw[i + 2 : at]
        if rest and rest[0] in _FILL and all(w in _FILLER for w in rest[1:]):
            return True  # "who should be the PO", "who could play the role of PO"
        if all(w in _FILLER for w in rest) and raw[after : after + 1] == ["be"]:
            return True  # "who should the PO be"
    return False


def _weighed(present: set[str]) -> bool:
    """ "more strategic", "less customer facing", or a trait in the comparative itself
    ("closer to the devs", "thinks further ahead")."""
    return bool(present & _FAR or present & _MORE and present & _TRAITS)


def _who_is_over(raw: list[str], at: int) -> bool:
    """ "who hires the PO?", "who should evaluate our product manager?", not "who does the PO
    report to?" (the role acts) nor "who writes the PO's stories?" (a duty)."""
    end = _end(raw, at)
    after = raw[end : end + 1]
    personal = bool(after) and after[0] in _PERSONAL  # "who sets the PM's goals?"
    if after and not personal and after[0] not in _AFTER_OVER:
        return False  # "who evaluates the PO's work", "who hires the PM team"
    for i in range(max(0, at - 5), at):
        if raw[i] != "who":
            continue
        rest = [w for w in raw[i + 1 : at] if w not in _HEDGES]
        if rest and rest[0] in _MODALS:
            rest = rest[1:]
        verbs = _OVER | _SET if personal else _OVER
        if rest and rest[0] in verbs and all(w in _FILLER for w in rest[1:]):
            return True
    return False


def _end(raw: list[str], at: int) -> int:
    """Where the role mentioned at `at` ends: "PO" is one word, "product owner" two."""
    return at + 1 if raw[at] in ONE_WORD_ROLES else at + 2


def _i_choose(before: list[str]) -> bool:
    """A modal, then "I", then a verb of choosing, just before the first role."""
    for i, word in enumerate(before):
        if word in _MODALS and i + 2 < len(before) and before[i + 1] == "i":
            return before[i + 2] in _CHOOSE
    return False


def _both_without_roles(raw: list[str]) -> bool:
    """ "can I do both?", "be both at once": a modal, a verb, then "both" ending the thought."""
    for i, word in enumerate(raw):
        if word != "both" or i < 1 or raw[i - 1] not in _BOTH_VERBS:
            continue
        if not _MODALS & set(raw[max(0, i - 4) : i - 1]) and raw[i - 1] != "be":
            continue
        if i + 1 == len(raw) or raw[i + 1] in _BOTH_AFTER:
            return True
    return False
