"""From a text's words to the terms the index knows: stems, synonyms as one concept, typo repair.

Kept apart from scoring (bot/matcher.py) because it is one idea with its own state: the
synonym table and the vocabulary that typos are repaired against. The knowledge base's texts
and the asker's question are read by the same rules, so a question and the example it
resembles yield the same terms; only a question has its typos repaired.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from bot import regex_store
from bot.career_move import INTO_PM, INTO_PM_SHOWN, into_term, move_term
from bot.lookalikes import without_lookalikes
from bot.pay_words import pay_words
from bot.question_frame import without_frame
from bot.role_relation import WORDS as RELATION_WORDS
from bot.role_relation import goes_without, relation_term
from bot.spelling import english_near, is_english_word
from bot.textnorm import EMPTY_IN_QUESTIONS, STOPWORDS, quoted_asks_as_nouns, stem, words
from bot.typo_distance import within

SHORT_PLURAL = 5  # a word this short ending in "s" is repaired only to its singular
# "how do I become one?", "...if I am one": "one" stands for the role just named, not one person
# or one PO per team, whose entries it pulled in ("What is a PM and how do I become one?" was
# declined)
_BE_ONE = frozenset("am im become becoming being".split())
MAX_QUERY_WORDS = 60  # a pasted essay is cut here; nothing useful lies beyond
# The role names' stems: a multi-word concept keeps its longer words as partial terms, never
# these (every entry mentions them).
ROLE_STEMS = frozenset({"product", "manag", "owner"})
# synonyms.yml's canonical terms for the two roles, and the role each names
ROLE_CONCEPTS = {"product_owner": "po", "product_manag": "pm"}


class Term(NamedTuple):
    """One analysed query word: the user's spelling and the stem the index knows it by."""

    word: str
    stem: str
    corrected: bool = False


class TermReader:
    """Built with the index from synonyms.yml; told the index's vocabulary once it is known."""

    def __init__(self, synonyms: dict[str, tuple[str, ...]], whole_terms: Iterable[str]) -> None:
        self._synonyms = _synonym_table(synonyms, frozenset(whole_terms))
        self._longest_from: dict[str, int] = {}  # first stem of a variant -> its longest length
        for key in self._synonyms:
            self._longest_from[key[0]] = max(self._longest_from.get(key[0], 0), len(key))
        self._vocab_by_initial: dict[str, list[str]] = {}
        self._known_words: frozenset[str] = STOPWORDS
        self._known_stems: frozenset[str] = frozenset()
        self._english_near: str | None = None  # see prepare_typo_repair
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        del state["_correct"]  # a per-process memo, rebuilt on load
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)

    def concepts(self) -> set[str]:
        """Every term a synonym stands for ("product_owner", "go_to_market", "market"...)."""
        return {t for canonical in self._synonyms.values() for t in canonical}

    def learn_vocabulary(self, raw_words: set[str], known_stems: Iterable[str]) -> None:
        """The words typos are repaired into, and the stems that need no repair.

        Stop words are among them, so that "betwen" or "shuld" is dropped as the word it
        misspells rather than kept as an unknown word that no entry explains.
        """
        by_initial: dict[str, list[str]] = defaultdict(list)
        for w in sorted(raw_words | {w for w in STOPWORDS if len(w) >= 4}):
            if len(w) >= 3:
                by_initial[w[0]].append(w)
        self._vocab_by_initial = dict(by_initial)
        self._known_words = frozenset(raw_words) | STOPWORDS
        self._known_stems = frozenset(known_stems)
        self._correct.cache_clear()

    @property
    def vocabulary_by_initial(self) -> dict[str, list[str]]:
        return self._vocab_by_initial

    def rewrite(self, stems: list[str]) -> list[tuple[str, int, bool]]:
        """Replace synonym variants with their canonical term, longest phrase first.

        Each output stem keeps the position of the word it came from, so an answer can show
        the user's own word ("grooming") rather than the canonical stem ("refin").
        """
        out: list[tuple[str, int, bool]] = []
        i = 0
        while i < len(stems):
            longest = self._longest_from.get(stems[i], 0)
            for n in range(min(longest, len(stems) - i), 0, -1):
                key = tuple(stems[i : i + n])
                if len(key) == n and key in self._synonyms:
                    out.extend((s, i, True) for s in self._synonyms[key])
                    i += n
                    break
            else:
                out.append((stems[i], i, False))
                i += 1
        return out

    def terms_of(self, text: str) -> list[str]:
        """A knowledge-base text's terms (no typo repair: admins' words are taken as written)."""
        raw = _plain_words(text)
        stems = self.rewrite([stem(w) for w in raw])
        kept = [s for s, i, syn in stems if syn or (raw[i] not in STOPWORDS and s not in STOPWORDS)]
        return kept + [t for t in _read_between_roles(raw) if t not in kept]

    def read(self, query: str) -> tuple[list[Term], list[str]]:
        """The question's content terms, typos repaired, and its raw words (for cue checks)."""
        raw = _plain_words(query, MAX_QUERY_WORDS * 2)
        names = proper_names(query)
        fixed: list[tuple[str, bool]] = []
        for w in raw:
            if w in self._known_words or stem(w) in self._known_stems:
                fixed.append((w, False))
                continue
            repaired = self._correct(w)
            fixed.append((repaired, True) if repaired else (w, False))
        rewritten = self.rewrite([stem(w) for w, _ in fixed])
        if names and ROLE_CONCEPTS.keys().isdisjoint(s for s, _, _ in rewritten):
            names = frozenset()  # "who is the CEO of Apple?": with no role beside it, the topic
        terms: list[Term] = []
        seen: set[str] = set()
        for s, origin, synonym in rewritten:
            plain = fixed[origin][0]
            if s in seen or not (
                synonym
                or (
                    plain not in STOPWORDS
                    and plain not in EMPTY_IN_QUESTIONS
                    and not (plain == "one" and origin and fixed[origin - 1][0] in _BE_ONE)
                    and s not in STOPWORDS
                    and len(s) > 1
                )
            ):
                continue
            word, corrected = fixed[origin]
            if word in names and not corrected and not synonym and s not in self._known_stems:
                continue  # "what does a PO earn in Berlin?": a place or a firm, not a topic
            seen.add(s)
            terms.append(Term(word=word, stem=s, corrected=corrected))
        # "I'm a PO and want to become a PM", "can the PM be the PO?"
        for found in _read_between_roles([w for w, _ in fixed], question=True):
            if found not in seen:
                word = _SHOWN.get(found) or found.replace("_", " ")
                terms.append(Term(word=word, stem=found, corrected=False))
        return terms[:MAX_QUERY_WORDS], raw

    # -- typo repair ----------------------------------------------------------------------

    def prepare_typo_repair(self) -> None:
        """Keep the English words near the vocabulary, for an index that is cached on disk.

        A long-running server skips this: it loads the whole word list once on first use.
        Kept as one newline-framed string rather than a set: a few thousand separate strings
        cost every cold `pmpo ask` ~2.5 ms to unpickle, for a lookup that only the rare
        question with a misspelling makes (and then once or twice).
        """
        if self._english_near is None:
            vocabulary = (w for ws in self._vocab_by_initial.values() for w in ws)
            near = english_near(vocabulary, _slips)
            self._english_near = "\n" + "\n".join(sorted(near)) + "\n"

    def _is_english(self, word: str) -> bool:
        if self._english_near is not None:
            return f"\n{word}\n" in self._english_near
        return is_english_word(word)

    def _correct_uncached(self, word: str) -> str | None:
        """A known word one slip away (two for long words); typos rarely hit the first letter."""
        if len(word) < 4 or word.isdigit():
            return None
        if len(word) <= SHORT_PLURAL and word.endswith("s"):
            # "ctos" is the plural of a known word; "tpms", "smes", "reqs" are plurals of
            # acronyms, not slips for "tpos", "sees" or "reps": a repair would change the topic
            single = word[:-1]
            if single in self._known_words or stem(single) in self._known_stems:
                return single
            return None if self._is_english(word) else self._dropped_letter(word)
        limit = _slips(len(word))
        candidates = self._vocab_by_initial.get(word[0], ())
        found: list[tuple[str, float]] = list(within(word, candidates, limit))
        if len(found) > 8:  # rapidfuzz's pick of the closest eight decides, as before
            from rapidfuzz import process  # ~12 ms to import: only for such a crowd
            from rapidfuzz.distance import DamerauLevenshtein

            nearest = process.extract(
                word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=8
            )
            found = [(choice, distance) for choice, distance, _ in nearest]
        if not found or self._is_english(word):
            return None  # "lunch" is lunch, not a slip for "launch"
        # Same distance: prefer the longer word, since a dropped letter is the commonest slip.
        return min(found, key=lambda f: (f[1], -len(f[0]), f[0]))[0]

    def _dropped_letter(self, plural: str) -> str | None:
        """ "skils", "rols": the one known plural that is this word with a letter put back.
        Only a dropped letter, never a changed one: "tpms" is no slip for "tpos"."""
        found = [
            w
            for w in self._vocab_by_initial.get(plural[0], ())
            if len(w) == len(plural) + 1
            and w.endswith("s")
            and any(w[:i] + w[i + 1 :] == plural for i in range(1, len(w) - 1))
        ]
        return found[0] if len(found) == 1 else None


def proper_names(text: str) -> frozenset[str]:
    """Capitalised words inside a sentence ("a PO in Berlin", "PMs at Spotify"): names.

    A name the knowledge base does not know, and that is no slip for a word it knows ("budding
    Agilists" is), is not a topic: counted as a term it left "what does a PO earn in Berlin?"
    half explained, and the salary entry was declined. In a question written in Title Case
    (three or more capitalised words inside its sentences, over half of their longer words)
    names cannot be told apart, so it has none. A short question with one name is not Title
    Case: "What does a PM make in London?" has one capital inside it of three longer words.
    `TermReader.read` passes names over only beside a role: in "who is the CEO of Apple?" the
    name is the topic, and one pmpo does not know.
    """
    if not _CAPITALISED.search(text):
        return frozenset()
    inside = [m.group("name") for m in _NAME.finditer(text) if m.group("name")]
    # a sentence's first word is capitalised for the sentence: it counts on neither side
    longer = len(_LONG_WORD.findall(text)) - len(_SENTENCE_START.findall(text))
    if len(inside) >= _TITLE_CASE_WORDS and len(inside) * 2 > longer:
        return frozenset()
    return frozenset(name.lower() for name in inside)


_TITLE_CASE_WORDS = 3
_CAPITALISED = regex_store.compile(r"\b[A-Z][a-z]{2,}\b")
_LONG_WORD = regex_store.compile(r"\b[A-Za-z]{4,}\b")
# one pass: a capitalised word that opens a sentence is taken by the first alternative
_NAME = regex_store.compile(
    r"(?:^|[.?!:;\"'(\[\n*_-])\s*[A-Z][a-z]{2,}\b|\b(?P<name>[A-Z][a-z]{2,})\b"
)
_SENTENCE_START = regex_store.compile(r"(?:^|[.?!:;\"'(\[\n*_-])\s*[A-Za-z]{4,}\b")


def _plain_words(text: str, limit: int | None = None) -> list[str]:
    """The words a question is matched on: without links, addresses, @-mentions, emoji and
    years, without a quiz's frame, with "make" read as pay where it asks about pay.

    A pasted link ("...roadmap? https://example.com/post/123") or a year ("PO salary 2024?")
    added terms no entry explains, and left the question half understood: the first was asked
    back, the second declined. In Slack a link or a mention arrives as markup, which
    bot.grammar strips; typed into the console, it does not. Emoji arrive in Slack's text as
    their names: "who owns the roadmap? :pray:" read "pray" as a topic and was asked back.
    """
    found = words(_NOISE.sub(" ", quoted_asks_as_nouns(without_lookalikes(text))))[:limit]
    return pay_words(without_frame([w for w in found if not _YEAR.fullmatch(w)]))


# links, e-mail addresses, @-mentions, and emoji as Slack writes them in a message (":pray:").
# An address is tried only from the start of a run of its characters, which it takes whole
# (possessive): tried from every position, a long run with no "@" in it took quadratic time.
_NOISE = regex_store.compile(
    r"https?://\S+|\bwww\.\S+|(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.-]+|(?<![\w.])@\w+|"
    r":[a-z0-9_+'-]{2,}:"
)
_YEAR = regex_store.compile(r"(?:19|20)\d\d")


# how "Matched:" names the terms read between the roles
_SHOWN = {**RELATION_WORDS, INTO_PM: INTO_PM_SHOWN}


def _read_between_roles(raw: list[str], question: bool = False) -> list[str]:
    """The terms glue words carry around the role names: a career move or a way into product
    management, or how the question relates the roles (one person in both, rank, one without
    the other, the asker's choice); see career_move.py and role_relation.py. A question is also
    read for a role the team would go without."""
    relation = relation_term(raw) or (goes_without(raw) if question else None)
    return [t for t in (move_term(raw), into_term(raw), relation) if t]


def _synonym_table(
    synonyms: dict[str, tuple[str, ...]], whole_terms: frozenset[str]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Map each variant (as stems) to its concept.

    A multi-word concept becomes one joined term ("go_to_market") so its words cannot match
    alone ("where should we go for lunch"), plus its longer content words, so a partial
    mention ("the market") still counts for something.
    """
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for term, variants in synonyms.items():
        parts = [stem(w) for w in words(term)]
        if len(parts) == 1 or term in whole_terms:
            canonical: tuple[str, ...] = ("_".join(parts),)
        else:
            extra = (p for p in parts if len(p) >= 3 and p not in STOPWORDS and p not in ROLE_STEMS)
            canonical = ("_".join(parts), *dict.fromkeys(extra))
        for phrase in (term, *variants):
            key = tuple(stem(w) for w in words(phrase))
            if key:
                table.setdefault(key, canonical)
    return table


def _slips(length: int) -> int:
    """How many edits a typo of a word this long may have."""
    return 1 if length <= 7 else 2
