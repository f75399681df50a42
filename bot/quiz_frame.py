"""The wording of a quiz around a question ("True or false:", "which of the following...").

People paste certification practice and interview-quiz questions as they found them. The
frame's words ("true", "false", "following", "statements", "choose two") belong to no topic,
yet as terms they pulled in whichever entry's examples happened to use them: "which of the
following best describes a product manager?" was declined, and "which two statements are
true about the Product Owner role?" offered the career entry first. Read without its frame,
each asks what is left: "a product manager", "the Product Owner role".
"""

from __future__ import annotations

import re

_NUMBER = r"(?:one|two|three|four|five|all|[2-5])"
_FRAME = re.compile(
    "|".join(
        (
            r"^(?:true or false|true false|t or f)\b",
            rf"\b(?:which|what) (?:{_NUMBER} )?(?:of the following|of these)"
            r"(?: (?:statements?|options?|answers?|choices?|sentences?|phrases?))?",
            rf"\b(?:which|what) (?:{_NUMBER} )?(?:statements?|sentences?|phrases?)\b",
            r"\b(?:is|are) (?:true|correct|accurate|valid|false) (?=about|of|for|regarding)",
            r"\b(?:best|most accurately|correctly) (?:describes?|defines?)\b",
            rf"\b(?:choose|select|pick|mark|tick) (?:{_NUMBER}|the (?:best|correct|right)"
            r"(?: answers?| options?)?|all that apply)\b",
            r"\b(?:the )?correct (?:answer|option)s?\b",
        )
    )
)


def without_quiz_frame(raw: list[str]) -> list[str]:
    """The question's words without a quiz's frame; all of them if the frame is all there is."""
    text = " ".join(raw)
    if not _FRAME.search(text):
        return raw
    kept = _FRAME.sub(" ", text).split()
    return kept or raw
