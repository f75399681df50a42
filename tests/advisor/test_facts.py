"""Team facts parsed from how people actually type them (real parser, no mocks)."""

from __future__ import annotations

import pytest

from bot.team_facts import Fact, parse, parse_value, to_number

BIG = {"people": 100_000, "engineers": 50_000, "squads": 500, "products": 1_000, "markets": 200}

# (text, expected facts); numbers are (low, high) for ranges, plain for single values
PHRASINGS: list[tuple[str, dict[str, object]]] = [
    (
        "advise squads=4 engineers=40 backlog=50%",
        {"squads": 4, "engineers": 40, "backlog_share": 50},
    ),
    ("squads: 3, people: 25", {"squads": 3, "people": 25}),
    # a colon after a counted noun ends the facts; "product: merge" is prose, not key: value
    (
        "12 engineers, 1 market, 1 product: merge the roles?",
        {"engineers": 12, "markets": 1, "products": 1},
    ),
    ("3 squads, 30 people: split or combine?", {"squads": 3, "people": 30}),
    ("team=12 products=1 markets=2", {"people": 12, "products": 1, "markets": 2}),
    ("backlog=0.5", {"backlog_share": 50}),
    ("backlog=45", {"backlog_share": 45}),
    ("people=10-15", {"people": (10, 15)}),
    (
        "strategy=yes founder=no stage=scale-up",
        {"strategy_suffering": True, "technical_founder": False, "stage": "scale-up"},
    ),
    ("strategy_suffering=false", {"strategy_suffering": False}),
    ("we're 12 people with one squad and one product", {"people": 12, "squads": 1, "products": 1}),
    (
        "three squads, two markets, our PM spends half her time grooming",
        {"squads": 3, "markets": 2, "backlog_share": 50},
    ),
    ("roadmap hasn't been touched in 6 months", {"strategy_suffering": True}),
    ("4 squads, 40 engineers", {"squads": 4, "engineers": 40}),
    ("a dozen engineers", {"engineers": 12}),
    ("twenty-five people", {"people": 25}),
    ("twenty five people", {"people": 25}),
    ("a hundred and twenty people", {"people": 120}),
    ("1,200 employees", {"people": 1200}),
    ("1.5k employees", {"people": 1500}),
    ("a couple of squads", {"squads": 2}),
    ("10-15 people", {"people": (10, 15)}),
    ("10 to 15 people", {"people": (10, 15)}),
    ("between 10 and 15 people", {"people": (10, 15)}),
    ("2 or 3 squads", {"squads": (2, 3)}),
    ("ten to fifteen people", {"people": (10, 15)}),
    ("over 50 engineers", {"engineers": (51, BIG["engineers"])}),
    ("under 20 people", {"people": (1, 19)}),
    ("50+ engineers", {"engineers": (50, BIG["engineers"])}),
    ("about 12 people", {"people": 12}),
    ("team of 12", {"people": 12}),
    # "a team of" up to a Scrum team's size is one squad; "a team of 40 engineers" is an org
    ("a team of 8 devs", {"engineers": 8, "squads": 1}),
    ("our small dev team with 5 developers", {"engineers": 5, "squads": 1}),
    ("a team of 40 engineers", {"engineers": 40}),
    ("engineering team of 40", {"engineers": 40}),
    ("we are 17", {"people": 17}),
    ("there are 9 of us", {"people": 9}),
    ("a 12-person startup", {"people": 12, "stage": "startup"}),
    ("we're a 6-person startup with one dev team", {"people": 6, "squads": 1, "stage": "startup"}),
    ("3 product teams", {"squads": 3}),
    ("4 scrum teams of 6 engineers", {"squads": 4, "engineers": 24}),  # 6 in each team
    ("40 of our engineers", {"engineers": 40}),
    ("one main persona, single market", {"personas": 1, "markets": 1}),
    ("a single product", {"products": 1}),
    ("multiple products", {"products": (2, BIG["products"])}),
    ("several markets", {"markets": (2, BIG["markets"])}),
    ("she spends two thirds of her week writing stories", {"backlog_share": 66.7}),
    ("a third of his time goes to backlog grooming", {"backlog_share": 33.3}),
    ("a quarter of her time is sprint planning", {"backlog_share": 25}),
    ("three quarters of her time is refinement", {"backlog_share": 75}),
    ("most of his time goes to sprint planning", {"backlog_share": 75}),
    ("our PM spends 70% of her week on stories and grooming", {"backlog_share": 70}),
    ("backlog work takes 40-50% of the PM's time", {"backlog_share": (40, 50)}),
    ("she spends 45 percent on the backlog", {"backlog_share": 45}),
    ("3/4 of her time is backlog grooming", {"backlog_share": 75}),
    ("we spend 30% on strategy and 70% on the backlog", {"backlog_share": 70}),
    ("customer interviews keep getting postponed", {"strategy_suffering": True}),
    ("roadmap reviews got cancelled twice", {"strategy_suffering": True}),
    ("our roadmap is stale", {"strategy_suffering": True}),
    ("we haven't talked to customers in months", {"strategy_suffering": True}),
    ("no time for strategy at all", {"strategy_suffering": True}),
    ("since the merge nobody does discovery anymore", {"strategy_suffering": True}),
    # a hyphenated describing word between the number and what it counts
    ("3 live-ops teams", {"squads": 3}),
    ("4 customer-facing squads and 30 engineers", {"squads": 4, "engineers": 30}),
    ("strategy is fine, roadmap is up to date", {"strategy_suffering": False}),
    ("we have a technical founder who acts as PM", {"technical_founder": True}),
    ("our CTO is the PM", {"technical_founder": True}),
    ("no technical founder here", {"technical_founder": False}),
    ("she has done both roles before", {"experienced_hybrid": True}),
    ("we're a scale-up now", {"stage": "scale-up"}),
    ("we are a large enterprise with 3 dev teams", {"squads": 3, "stage": "enterprise"}),
    ("can one person do both with 12 people", {"people": 12}),
    ("should we have two people or one for PM and PO?", {}),
    ("sprints are 2 weeks, 5 squads", {"squads": 5}),
    ("25 engineers in 3 squads selling to both enterprise and SMB", {"engineers": 25, "squads": 3}),
    ("should our PM also be our PO", {}),
    ("who owns the roadmap?", {}),
]


def _value(fact: Fact) -> object:
    if isinstance(fact.value, bool | str):
        return fact.value
    if fact.is_range:
        return (fact.value, fact.high)
    return fact.value


@pytest.mark.parametrize(("text", "expected"), PHRASINGS, ids=[p[0][:40] for p in PHRASINGS])
def test_phrasings(text: str, expected: dict[str, object]) -> None:
    parsed = parse(text)
    assert parsed.errors == []
    got = {name: _value(fact) for name, fact in parsed.facts.items()}
    assert got == expected


def test_at_least_forty_phrasings() -> None:
    assert len(PHRASINGS) >= 40


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("-3 squads", "“-3 squads”: the number of squads can't be negative"),
        ("minus 2 markets", "can't be negative"),
        ("squads=-3", "can't be negative"),
        ("a million engineers", "“a million engineers”: 1,000,000 engineers is more than"),
        ("600 squads", "“600 squads”: 600 squads is more than"),
        ("our PM spends 150% of her time on the backlog", "“150%”: a share of the PM's time"),
        ("backlog=150%", "between 0% and 100%"),
        ("2.5 squads", "“2.5 squads”: squads must be a whole number"),
        ("0 people", "people must be at least 1"),
        ("15-10 people", "the range runs backwards"),
        ("foo=3", "I don't know the fact “foo”"),
        ("squads=lots", "“squads=lots”: squads takes a number"),
        ("strategy=maybe", "strategy suffering takes yes or no"),
        ("stage=unicorn", "stage takes startup, scale-up or enterprise"),
        ("4 squads, squads=5", "squads given twice"),
    ],
)
def test_nonsense_names_the_bad_value(text: str, fragment: str) -> None:
    parsed = parse(text)
    assert parsed.errors, parsed.facts
    assert any(fragment in e for e in parsed.errors), parsed.errors


def test_same_fact_twice_with_the_same_value_is_fine() -> None:
    parsed = parse("4 squads (squads=4)")
    assert parsed.errors == [] and parsed.facts["squads"].value == 4


@pytest.mark.parametrize(
    ("token", "number"),
    [
        ("twelve", 12),
        ("twenty-five", 25),
        ("a hundred", 100),
        ("two thousand", 2000),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("1,200", 1200),
        ("1.5k", 1500),
        ("-3", -3),
        ("minus 3", -3),
        ("a million", 1_000_000),
        ("ninety nine", 99),
    ],
)
def test_to_number(token: str, number: float) -> None:
    assert to_number(token) == number


def test_matched_lists_facts_in_a_stable_order() -> None:
    parsed = parse("backlog 50% of her time, 4 squads, strategy=yes, 10-15 people")
    assert parsed.matched() == (
        "squads=4",
        "people=10-15",
        "backlog_share=50%",
        "strategy_suffering=yes",
    )


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("squads", "four", "4"),
        ("backlog_share", "half", "50%"),
        ("backlog_share", "40", "40%"),
        ("people", "20-30", "20-30"),
        ("strategy_suffering", "yes", "yes"),
    ],
)
def test_parse_value_for_form_fields(name: str, value: str, shown: str) -> None:
    fact, problem = parse_value(name, value)
    assert problem == "" and fact is not None and fact.show() == shown


def test_parse_value_problem_names_the_value() -> None:
    fact, problem = parse_value("squads", "-3")
    assert fact is None and problem.startswith("“-3”")


def test_letters_re_i_reads_as_ascii_are_numbers_too() -> None:
    """The patterns match "ſix" (re.I folds "ſ" to "s"), so the word table must read it: it
    used to raise KeyError and take the whole answer down."""
    import re
    import sys

    from bot.team_facts.numbers import RE_I_ASCII

    letter = re.compile("[a-z]", re.I)
    folded = {c for c in range(128, sys.maxunicode + 1) if letter.match(chr(c))}
    assert folded == set(RE_I_ASCII)  # every such letter, and only those
    parsed = parse("we're ſix people and \u212aeep fİve squads", prose=True)
    assert parsed.facts["people"].value == 6 and parsed.facts["squads"].value == 5


@pytest.mark.parametrize(
    "story",
    [
        "One team of 14 devs builds four apps. Should we think about breaking up the team into "
        "four teams, one per app?",
        "We run one scrum team with two POs. Option B: divide the group into 3 pods.",
    ],
)
def test_teams_a_story_only_weighs_splitting_into_are_not_its_teams(story: str) -> None:
    """In prose the larger count is the team, so "into 4 teams" (an option) had outvoted "one
    team" (the team today): a story about one dev team was advised as four squads."""
    parsed = parse(story, prose=True)
    assert parsed.facts["squads"].value == 1, parsed.facts


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # a number before "engineer team" counts engineers ("5 squads" had been read from
        # "a 5 dev team", and "a 10 engineer team" counted nothing)
        ("we're hiring our first PM for a 9 engineer team", {"engineers": 9}),
        ("we are an 11-developer team with one PO", {"engineers": 11}),
        ("our 7 dev team has a PM and no PO", {"engineers": 7}),
        # teams, plural, are still teams; and "the one dev team" is one team, not one engineer
        ("we have 4 dev teams and a PM", {"squads": 4}),
        ("the one dev team we have shares a PO", {"squads": 1}),
        ("we run 3 dev teams of 5 developers each", {"squads": 3, "engineers": 15}),
        # "of" and a team's size mean each, without "each" (the 6 had been all the engineers);
        # a size no one team has is everyone's; a range of sizes stays a range
        ("we have a PM and a PO, 3 squads of 6 devs", {"squads": 3, "engineers": 18}),
        ("4 teams of 40 engineers", {"squads": 4, "engineers": 40}),
        ("five squads with six or seven engineers each", {"squads": 5, "engineers": 30}),
        ("3 squads of about 6 engineers each", {"squads": 3, "engineers": 18}),
        # growing from one size to another: the team it grows into, not a range of both
        ("we're growing from 1 to 3 dev teams this year", {"squads": 3}),
        ("we have 10 to 15 people", {"people": 10}),
        # a CTO who is the product owner is no founder acting as the product manager
        ("our CTO acts as product owner for 2 teams", {"squads": 2}),
        # places listed after a selling word are markets; one place is where the team sits
        ("we sell in Germany, France and the US, 2 squads", {"squads": 2, "markets": 3}),
        ("launched in Spain and Italy last year with 2 squads", {"squads": 2, "markets": 2}),
        ("our PO is based in Berlin and London, 2 squads", {"squads": 2}),
        # a CEO doing strategy is not Adair's technical founder; a CTO doing it is
        ("12 people, the CEO does product strategy, 1 squad", {"people": 12, "squads": 1}),
        ("our CTO does product strategy for our 1 squad", {"squads": 1, "technical_founder": True}),
        # teams served are not the team's own squads; a head of product is no headcount
        ("8 engineers, and our users are about 30 other dev teams", {"engineers": 8}),
        ("we have 3 squads, 1 head of engineering and 2 POs", {"squads": 3}),
        ("we are 40 heads in total across 3 squads", {"people": 40, "squads": 3}),
        # "all the time" is "constantly": no share of anyone's week (it had read as 100%)
        ("sales and our PO argue about the backlog all the time; 2 teams", {"squads": 2}),
        ("our PM spends all of her time on backlog grooming", {"backlog_share": 100.0}),
    ],
)
def test_counts_and_shares_in_prose(story: str, expected: dict[str, float]) -> None:
    facts = parse(story, prose=True).facts
    assert {name: fact.value for name, fact in facts.items()} == expected
