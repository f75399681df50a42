"""Turn a parsed `Command` into an `Answer` using one knowledge-base index.

Everything here is plain data in, plain data out: Slack, the terminal and JSON all call
`answer()` and differ only in how they render the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.advisor_intent import looks_like_advice, tells_own_story
from bot.advisor_situations import in_story
from bot.answer import (
    DISAGREE,
    FACTS,
    NUANCE,
    Answer,
    Cite,
    Column,
    Section,
    Suggestion,
    advisor_choice,
    cite,
    read_advice_ref,
    read_entry_ref,
    suggestion,
)
from bot.career_move import MOVE_WORDS
from bot.compare_rows import asked_rows
from bot.grammar import Command, parse
from bot.kb.model import Entry, KnowledgeBase
from bot.matcher import Index, Match, asked_sentence
from bot.premise import confirmed
from bot.question_frame import quiz_framed
from bot.question_shape import asks_what_not_to_do, other_role, question_shape
from bot.second_ask import with_second_ask
from bot.small_talk import small_talk
from bot.textnorm import without_scare_quotes, words

USAGE = (
    "`whois-owns <thing>` who owns an artifact or activity (e.g. `whois-owns roadmap`)",
    "`define pm` / `define po` what each role is",
    "`compare` PM and PO side by side (`compare pricing`: that row first)",
    "`ask <question>` any question, e.g. `ask who writes acceptance criteria?`",
    "`advise <team facts>` split the roles or not, e.g. `advise 4 squads, 40 engineers`",
    "`topics` everything pmpo knows",
    "or just type a question: `who writes user stories?`",
)
# Subcommands that name the kind of entry wanted: only that kind is matched, and a likely one
# answers at the ask-back bar (bot/decide.py `named`).
NAMED_KINDS = {"whois-owns": ("ownership",), "define": ("role", "faq", "compare")}
_KIND_TITLES = {
    "role": "Roles",
    "compare": "Comparison",
    "ownership": "Who owns what",
    "faq": "FAQ",
}


def answer_text(index: Index, text: str) -> Answer:
    return answer(index, parse(text))


def answer_value(index: Index, value: str) -> Answer:
    """What a button asks for: one entry by reference, or a question as typed."""
    story = read_advice_ref(value)
    if story is not None:
        return story_advice(index.kb, story)
    ref = read_entry_ref(value)
    if ref is not None:
        entry = index.kb.entries.get(ref[0])
        if entry is not None:
            return entry_answer(index.kb, entry)
        return _no_entry(ref[0][:80])
    return answer_text(index, value)


def answer(index: Index, command: Command) -> Answer:
    name, arg = command.name, command.arg
    if name in ("help", "empty"):
        return help_answer()
    if name == "unknown":
        hint = f" Did you mean `{command.suggestion}`?" if command.suggestion else ""
        return help_answer(f"I don't know the subcommand “{arg}”.{hint}")
    if name == "topics":
        return topics_answer(index.kb)
    if name == "reload":
        return help_answer(
            "Admins reload the knowledge base with the `/pmpo reload` slash command. Offline, "
            "edit `knowledge/` and run `pmpo kb check`; the console reads the files when it starts."
        )
    if name == "gaps":
        return help_answer(
            "Admins see what pmpo could not answer with the `/pmpo gaps` slash command, or "
            "offline with `pmpo gaps` (`--json`, `--yaml GROUP`)."
        )
    if name == "compare":
        entry = index.kb.entries.get("compare")
        if entry is None:
            return _no_entry("compare")
        # `compare pricing`: the rows asked about lead, as in a free question
        return _asked_rows_first(entry_answer(index.kb, entry), index, entry, arg)
    if name == "define":
        role_id = {"pm": "role-pm", "po": "role-po"}.get(arg)
        if role_id and role_id in index.kb.entries:
            return entry_answer(index.kb, index.kb.entries[role_id], matched=(arg,))
        if not arg:
            return help_answer("Which role? Try `define pm` or `define po`.")
        return _matched(index, index.match(arg, kinds=NAMED_KINDS["define"], named=True), arg)
    if name == "whois-owns":
        if not arg:
            return help_answer(
                "Who owns what? Try `whois-owns roadmap` or `whois-owns user stories`."
            )
        return _matched(index, index.match(arg, kinds=NAMED_KINDS["whois-owns"], named=True), arg)
    if name == "advise":
        from bot import advisor  # rules and facts parser: most questions never need them

        return advisor.advise(index.kb, arg)
    if name in ("question", "faq"):
        talk = small_talk(arg)
        if talk:
            return small_talk_answer(talk)
        advice, situation = _advisor_route(index.kb, arg)
        if advice:
            from bot import advisor

            told = advisor.advise(index.kb, arg, prose=True, situation=situation)
            if told.answered or told.matched:
                return told
            # The advisor found no team fact to weigh and would only ask for some; a question
            # that one entry answers outright ("when should I hire my first PM?" in a story
            # about founder friends) gets that answer instead. With facts but no verdict
            # ("5 engineers, one product: one person for both?"), the advisor's questions stay.
            match = index.match(arg)
            return _matched(index, match, arg) if match.outcome == "answer" else told
        return _offer_advisor(
            arg, with_second_ask(index, arg, _matched(index, index.match(arg), arg))
        )
    return _matched(index, index.match(arg), arg)


def _offer_advisor(text: str, found: Answer) -> Answer:
    """An ask-back on a team's own story (our team, a role, an open question) also offers the
    advisor. Its cues fell short of routing the story there, but a story the asker tells about
    their own team is often a staffing question: one click answers it, and a wrong guess costs
    nothing but a button."""
    if found.kind != "clarify" or quiz_framed(words(text)):
        return found
    if not tells_own_story(without_scare_quotes(text)):
        return found
    return found._replace(suggestions=(*found.suggestions, advisor_choice(text)))


def story_advice(kb: KnowledgeBase, story: str) -> Answer:
    """The advisor on a story the asker chose to have advice on: read as a routed story is."""
    from bot import advisor

    story = without_scare_quotes(story)
    return advisor.advise(kb, story, prose=True, situation=in_story(kb.advice, story))


def goes_to_advisor(kb: KnowledgeBase, text: str) -> bool:
    """A free question the advisor answers rather than an entry: a team's own staffing story,
    or a split/combine question (the decision model is fitted on the rest, so its training
    skips exactly these)."""
    return _advisor_route(kb, text)[0]


def _advisor_route(kb: KnowledgeBase, text: str) -> tuple[bool, Mapping[str, Any] | None]:
    """Whether the advisor answers, and the staffing situation found on the way (looked up
    once: the advisor is handed it rather than matching the cues again)."""
    if quiz_framed(words(text)):
        return False, None
    text = without_scare_quotes(text)
    situation = in_story(kb.advice, text)
    return situation is not None or looks_like_advice(text), situation


WHAT_I_DO = "I answer who owns what between Product Manager and Product Owner, with sources."


def help_answer(problem: str = "") -> Answer:
    return Answer(
        kind="help",
        answered=not problem,
        title="pmpo: PM or PO? Ask me.",
        verdict=problem or WHAT_I_DO,
        reason="",
        sections=(Section("Try", USAGE),),
    )


def small_talk_answer(talk: str) -> Answer:
    """A reply to a message that is not a question (bot/small_talk.py): kind "help" and not
    answered, so it is neither counted as a question nor logged as a gap, and has no vote."""
    if talk in ("greeting", "about"):
        hello = "Hi! I'm pmpo. " if talk == "greeting" else ""
        return help_answer()._replace(answered=False, verdict=hello + WHAT_I_DO)
    if talk == "thanks":
        return Answer(
            kind="help", answered=False, title="You're welcome", verdict="Ask me again any time."
        )
    return Answer(
        kind="help",
        answered=False,
        title="Sorry that missed",
        verdict="Ask me again in other words and I'll try once more.",
        reason="In Slack, the “Not helpful” button under an answer tells the admins which one "
        "missed.",
    )


def topics_answer(kb: KnowledgeBase) -> Answer:
    sections = []
    for kind, heading in _KIND_TITLES.items():
        entries = sorted(kb.by_kind(kind), key=lambda e: e.title.lower())
        if entries:
            sections.append(Section(heading, tuple(e.title for e in entries)))
    return Answer(
        kind="help",
        answered=True,
        title="Topics pmpo knows",
        # the count of what is listed: the off-topic entries (what pmpo declines) are not topics
        verdict=f"{sum(len(s.lines) for s in sections)} topics from {len(kb.sources)} sources.",
        sections=tuple(sections),
        sources=tuple(cite(s) for s in kb.sources.values()),
        extra={"topics": True},
    )


def none_fit_answer(noted: bool) -> Answer:
    """The reply that replaces an ask-back when the asker says none of its choices fits.
    Kind "none": nothing was answered. `noted`: the question went to the admins' gap log (it
    says so only when that is true: DMs are not logged)."""
    noted_line = "I've noted the question for the people who keep my knowledge base. "
    return Answer(
        kind="none",
        answered=False,
        title="None of those",
        verdict="Then I have no answer for this one yet.",
        reason=(noted_line if noted else "")
        + "Naming the artifact or activity often helps (`whois-owns roadmap`, `define po`); "
        "`topics` lists everything I cover.",
    )


def _no_entry(what: str) -> Answer:
    return Answer(
        kind="none",
        answered=False,
        title="Not in the knowledge base",
        verdict=f"The knowledge base has no `{what}` entry right now; an admin can add one.",
    )


def _matched(index: Index, match: Match, query: str) -> Answer:
    entry = match.entry
    # "not" is a stopword: asked what a role should not do, its card would answer the opposite
    if entry is not None and entry.kind in ("role", "compare") and asks_what_not_to_do(query):
        offered = (entry, *match.runners_up[:2])
        match = match._replace(outcome="clarify", suggestions=offered, entry=None)
    if match.outcome == "clarify":
        return clarify(match)
    if match.entry is None:
        return decline(index.kb, match, query)
    found = entry_answer(
        index.kb,
        match.entry,
        matched=match.matched,
        score=match.score,
        related=match.runners_up,
    )
    found = _for_the_place_asked(found, match.entry, query)
    found = _asked_rows_first(found, index, match.entry, query)
    owner = match.entry.owner if match.entry.kind == "ownership" else None
    # "the PO owns the roadmap, right?": say whether the asker had it right
    return found._replace(verdict=confirmed(found.verdict, query, match.named, owner))


def _for_the_place_asked(found: Answer, entry: Entry, query: str) -> Answer:
    """Figures for one country, asked about another: say so before giving them."""
    covered = entry.extra.get("figures_for")
    if not covered:
        return found
    from bot.places import place_note, uncovered  # only pay questions load the place names

    missing = uncovered(query, covered)
    if not missing:
        return found
    return found._replace(verdict=f"{place_note(missing, covered)} {found.verdict}")


def _asked_rows_first(found: Answer, index: Index, entry: Entry, query: str) -> Answer:
    """The comparison's rows the question asks about lead (bot/compare_rows.py);
    `extra["asked_rows"]` tells the short reply how many of them to keep."""
    if entry.kind != "compare" or not found.columns:
        return found
    asked = asked_rows(index.reader, entry.extra["rows"], query)
    if not asked:
        return found
    order = (*asked, *(i for i in range(len(found.columns)) if i not in asked))
    return found._replace(
        columns=tuple(found.columns[i] for i in order),
        extra={**found.extra, "asked_rows": len(asked)},
    )


# A decline offers topics only when the best entry explains at least this share of the
# question's words ("draft 5 user stories" -> who writes them; "who owns the office coffee
# machine" -> nothing).
CLOSE_COVERAGE = 0.4
POINTER = "Ask me e.g. `whois-owns roadmap` or `compare`; `help` lists the rest."
ROLE_NAMES = {"cto": "CTO", "ux designer": "UX designer"}


def decline(kb: KnowledgeBase, match: Match, query: str) -> Answer:
    """A decline worded for what was asked, with a pointer to what pmpo can answer instead."""
    shown = " ".join(query.split())
    shown = shown if len(shown) <= 80 else shown[:79] + "…"
    raw = words(query)
    close = tuple(suggestion(e) for e in match.suggestions) if _close(match) else ()
    shape = question_shape(raw, query)
    # "not a role I cover" only when the question names neither of ours: "does the scrum
    # master, the PO or the project manager own the release date" asks about the PO too; and
    # only for a role in the sentence that asks, as the matcher reads it: "I'm a scrum master
    # for a middleware team... how do you stay on track with them?" is no question about one
    asking = asked_sentence(query)
    role = "" if match.named else other_role(words(asking) if asking else raw, kb.synonyms)
    if match.off_topic is not None and shape not in ("foreign", "request", "status") and not role:
        # the knowledge base's own wording for this kind of question, and its pointer, led by
        # the entry the question's own words reached ("what is a user story?" is not ours to
        # define, but who writes them is)
        related = (suggestion(kb.entries[i]) for i in match.off_topic.related if i in kb.entries)
        pointer = tuple({s.id: s for s in (*close[:1], *related)}.values())
        return Answer(
            kind="none",
            answered=False,
            title="Not something I answer",
            verdict=match.off_topic.verdict,
            reason=match.off_topic.reason,
            matched=match.matched,
            score=round(match.score, 3),
            suggestions=pointer[:3],
            extra={"declined_as": match.off_topic.id},
        )
    title = "Not sure"
    instead = "" if close else POINTER  # the offered topic follows under its own heading
    if match.reason == "empty":
        verdict, reason = "I need a question about PM and PO roles to answer.", POINTER
    elif shape == "foreign":
        title = "English only"
        verdict = "I only understand questions in English so far."
        reason, close = "Try it in English, e.g. `who writes user stories?`.", ()
    elif role:
        title = "Not a role I cover"
        name = ROLE_NAMES.get(role, role.title())
        verdict = f"I only know the Product Manager and Product Owner roles, not the {name}."
        reason = instead if close else "I can tell you how PM and PO split the work: `compare`."
    elif shape == "request":
        title = "I can't do that"
        verdict = "I can't do the work itself, but I can tell you who usually does it."
        reason = instead if close else "Try `whois-owns <thing>`, e.g. `whois-owns user stories`."
    elif shape == "status":
        title = "I don't know your team"
        verdict = "I can't see your team's calendar, board or who holds which role: ask your team."
        reason = instead
    elif shape == "method" and not (
        match.named and (_CAREER_WORDS.intersection(raw) or raw[0] != "how")
    ):
        # "how do I write a good story?" is a how-to; "how to become a PM at big tech?" and
        # "why is it called product owner?" ask about a role pmpo covers, declined only for
        # want of evidence
        title = "Not a how-to"
        verdict = "I answer who does what between PM and PO, not how to do the work itself."
        reason = instead
    elif match.named in _ROLES_SAID:
        # clear enough, and about our roles: the honest answer is that nothing in the sources
        # answers it ("is the PO role going away?"), not that the question was unclear; and
        # not that the sources are silent, which pmpo cannot know when it merely missed
        title = "Not in my sources"
        said = _ROLES_SAID[match.named]
        verdict = f"I found nothing in my sources that answers this about {said}, so I won't guess."
        # nothing close, but the asker named the role: its card is the nearest thing pmpo
        # knows, one click away, rather than `whois-owns roadmap`
        close = close or _role_cards(kb, match.named)
        reason = "" if close else POINTER
    elif not match.named and len(raw) >= 3:
        # "is Asana or Monday better for project management?": clear, just not about the
        # roles; "not sure what you mean" blamed the asker's wording
        verdict = (
            f"I answer questions about the PM and PO roles, and I couldn't connect “{shown}” "
            "to them."
        )
        reason = instead
    else:
        verdict = f"I'm not sure what you mean by “{shown}”, so I won't guess."
        reason = instead
    if shape or role:
        close = close[:1]
    return Answer(
        kind="none",
        answered=False,
        title=title,
        verdict=verdict,
        reason=reason,
        matched=match.matched,
        score=round(match.score, 3),
        suggestions=close,
    )


# a career move in so many words (career_move's list), or getting the job at all
_CAREER_WORDS = MOVE_WORDS | {"careers", "hired"}

# the roles a question names, as the matcher read them (synonyms and typos included)
_ROLES_SAID = {
    frozenset({"po"}): "the Product Owner",
    frozenset({"pm"}): "the Product Manager",
    frozenset({"pm", "po"}): "the Product Manager and the Product Owner",
}


def _role_cards(kb: KnowledgeBase, named: frozenset[str]) -> tuple[Suggestion, ...]:
    """The card for the one role named, or the comparison when both are."""
    if len(named) == 1:
        cards = [e for e in kb.by_kind("role") if e.extra.get("role") in named]
    else:
        cards = kb.by_kind("compare")
    return tuple(suggestion(e) for e in cards[:1])


def _close(match: Match) -> bool:
    """Some entry was in reach (not an empty or unknown question) and explains enough of it."""
    in_reach = match.reason not in ("empty", "unknown")
    return in_reach and bool(match.suggestions) and match.coverage >= CLOSE_COVERAGE


def clarify(match: Match) -> Answer:
    """Evidence, but not enough to bet a team channel on: offer the closest entries."""
    return Answer(
        kind="clarify",
        answered=False,
        title="Did you mean…",
        verdict=(
            "I'm not sure which of these you mean; pick one and I'll answer it."
            if len(match.suggestions) != 1
            else "I'm not sure this is what you mean; pick it and I'll answer it."
        ),
        matched=match.matched,
        score=round(match.score, 3),
        suggestions=tuple(suggestion(e) for e in match.suggestions),
    )


def source_cites(kb: KnowledgeBase, entry: Entry) -> tuple[Cite, ...]:
    return tuple(cite(kb.sources[i]) for i in entry.cited_ids() if i in kb.sources)


def entry_answer(
    kb: KnowledgeBase,
    entry: Entry,
    matched: tuple[str, ...] = (),
    score: float = 0.0,
    related: tuple[Entry, ...] = (),
) -> Answer:
    sections: list[Section] = []
    columns: tuple[Column, ...] = ()
    if entry.kind == "role":
        sections.append(
            Section(
                "At a glance",
                tuple(
                    f"{f['label']}: {f['text']} ({_short(kb, f['sources'])})"
                    for f in entry.extra["facts"]
                ),
                FACTS,
            )
        )
    if entry.kind == "compare":
        columns = tuple(
            Column(f"{r['aspect']} ({_short(kb, r['sources'])})", r["pm"], r["po"])
            for r in entry.extra["rows"]
        )
    split = entry.extra.get("split")
    if split:
        columns = (Column("Who does which part", split["pm"], split["po"]),)
    if entry.details:
        sections.append(Section("Nuance", entry.details, NUANCE))
    if entry.disagreement:
        views = tuple(
            f"{_short(kb, [v['source']])}: {v['says']}" for v in entry.disagreement["views"]
        )
        sections.append(
            Section("Where the sources disagree", (entry.disagreement["summary"], *views), DISAGREE)
        )
    title = entry.title
    if entry.kind == "ownership":
        title = f"Who owns it: {entry.title}"
    return Answer(
        kind=entry.kind,
        answered=True,
        title=title,
        verdict=entry.verdict,
        reason=entry.reason,
        id=entry.id,
        sections=tuple(sections),
        columns=columns,
        sources=source_cites(kb, entry),
        matched=matched,
        score=round(score, 3),
        suggestions=tuple(suggestion(e) for e in related[:2]),
        extra={"owner": entry.owner} if entry.owner else {},
    )


def _short(kb: KnowledgeBase, ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(kb.sources[i].short for i in ids if i in kb.sources)
