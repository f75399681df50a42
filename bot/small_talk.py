"""Messages that are not questions: a greeting, thanks, "what can you do?", "that was wrong".

In a DM or a thread people talk to the bot as to a colleague. Read as questions, "thanks!" got
"I need a question about PM and PO roles", "that answer was wrong" was asked back with three
unrelated entries, and each of them went into the admins' gap log as a question pmpo could
not answer. Only a whole message is small talk: "thanks! and who owns pricing?" is a question.
"""

from __future__ import annotations

import re

from bot import regex_store

# what may surround the words: emoji names (":pray:"), punctuation, the bot's name
_NOISE = regex_store.compile(r":[a-z0-9_+'-]+:|[^\w\s']|\b(?:pmpo|bot)\b", re.I)
_GREETING = regex_store.compile(
    r"^(?:hi|hello|hey|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))"
    r"(?:\s+(?:there|all|team|everyone|folks))?\b\s*",
    re.I,
)
_KINDS = {
    "thanks": (
        r"(?:many\s+)?(?:thanks|thank\s+you|thank\s+u|thx|thnx|ty|tysm|cheers|kudos)"
        r"(?:\s+(?:a\s+lot|so\s+much|very\s+much|again|a\s+ton|for\s+(?:the|that|this|your)"
        r"(?:\s+\w+){0,3}))?|much\s+appreciated|appreciate\s+it|great(?:\s+answer)?|perfect|"
        r"awesome|cool|nice|got\s+it|that\s+helps|(?:very\s+)?helpful"
    ),
    "about": (
        r"who\s+are\s+you|what\s+are\s+you|what\s+is\s+this|what\s+(?:can|do)\s+you\s+"
        r"(?:do|answer)|what\s+do\s+you\s+know|how\s+does\s+this\s+work|are\s+you\s+a|"
        r"how\s+do\s+i\s+use\s+(?:you|this)|how\s+can\s+you\s+help(?:\s+me)?"
    ),
    "feedback": (
        r"(?:(?:that|this|the|your)\s+(?:answer\s+|reply\s+)?(?:was|is|s)\s+)?"
        r"(?:(?:totally|completely|just)\s+)?(?:wrong|incorrect|not\s+(?:right|correct|helpful|"
        r"what\s+i\s+(?:asked|meant))|unhelpful|useless|bad\s+answer|wrong\s+answer|no\s+help)"
    ),
}
# "cool, thanks", "great answer, thank you": two of a kind are still one message of it
_WHOLE = {
    kind: regex_store.compile(
        rf"^(?:{body})(?:\s+(?:{body}))?(?:\s+(?:mate|man|buddy|pal|again))?$", re.I
    )
    for kind, body in _KINDS.items()
}


def small_talk(text: str) -> str | None:
    """"greeting", "thanks", "about" (what pmpo is), "feedback" (an answer missed), or None
    for anything that may be a question."""
    if len(text) > 200:
        return None
    flat = " ".join(_NOISE.sub(" ", text).split())
    rest = _GREETING.sub("", flat, count=1).strip()
    if not rest:
        return "greeting" if flat else None
    for kind, whole in _WHOLE.items():
        if whole.match(rest):
            # "hi, what can you do?" is answered like "hi": with a hello and what pmpo does
            return "greeting" if kind == "about" and rest != flat else kind
    return None
