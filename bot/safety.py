"""Making text safe for Slack, and logs safe for people.

Slack reads `&`, `<` and `>` as markup: `<!channel>` pings a whole channel, `<@U123>` pings a
person, `<https://x|y>` is a link. Everything pmpo sends goes through `escape()`, so text from
users or from knowledge files is shown as typed and never acts as markup. `@here`, `@channel`
and `@everyone` typed as plain words are broken with a zero-width space too, so no client ever
turns them into a ping.
"""

from __future__ import annotations

import logging
import re

ZWSP = "\u200b"
_MASS_MENTION = re.compile(r"@(?=(here|channel|everyone)\b)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# JSON from Slack may carry a lone surrogate ("\\ud800"): no encoder takes it, so it would
# crash whatever measures or sends the text. It becomes U+FFFD, as a UTF-8 decoder would.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SLACK_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_ENTITY_TAIL = re.compile(r"&[a-z#0-9]{0,6}$")
SECRET_PATTERN = re.compile(r"\b(xox[abposr]|xapp)-[A-Za-z0-9-]+")
# a response_url or incoming webhook lets anyone post as the app for a while: a credential
HOOK_PATTERN = re.compile(r"(https://hooks\.slack(?:-gov)?\.com/)[^\s'\"<>]+")


def escape(text: object) -> str:
    """Slack-escape `text` (`&`, `<`, `>`), neutralise mass mentions, drop control characters."""
    value = _SURROGATE.sub("\ufffd", _CONTROL.sub("", str(text)))
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MASS_MENTION.sub("@" + ZWSP, value)


def from_slack(text: str | None) -> str:
    """Undo Slack's own escaping of incoming message text (`&lt;` -> `<`...), once; lone
    surrogates become U+FFFD."""
    value = _SURROGATE.sub("\ufffd", text or "")
    for entity, char in _SLACK_ENTITIES:
        value = value.replace(entity, char)
    return value


def utf16_len(text: str) -> int:
    """Length as Slack counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` shortened to at most `limit` UTF-16 units, never splitting an `&amp;` entity."""
    if utf16_len(text) <= limit:
        return text
    budget = limit - utf16_len(ellipsis)
    used = 0
    end = 0
    for end, char in enumerate(text):  # noqa: B007
        used += 2 if ord(char) > 0xFFFF else 1
        if used > budget:
            break
    kept = _ENTITY_TAIL.sub("", text[:end])
    return kept.rstrip() + ellipsis


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` with Slack tokens, hook URLs and the given secrets replaced by `[redacted]`."""
    value = SECRET_PATTERN.sub(lambda m: m.group(1) + "-[redacted]", text)
    value = HOOK_PATTERN.sub(lambda m: m.group(1) + "[redacted]", value)
    for secret in secrets:
        if secret and len(secret) >= 8:
            value = value.replace(secret, "[redacted]")
    return value


class RedactingFilter(logging.Filter):
    """Scrubs tokens and secrets from every record before any handler writes it."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not our problem to raise here
            return True
        clean = redact(message, self.secrets)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        return True


def setup_logging(level: str = "INFO", secrets: tuple[str, ...] = ()) -> None:
    """Root logging for the bot processes: one line per record, secrets scrubbed."""
    root = logging.getLogger()
    if not any(isinstance(h, logging.StreamHandler) for h in root.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s")
        )
        root.addHandler(handler)
    root.setLevel(level)
    for handler in root.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter(secrets))
