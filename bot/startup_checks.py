"""What `pmpo run` checks before it serves: that the manifest's mode matches the settings',
and what a failed call to Slack at start-up means (a refused token, or the network).

A refused token stops start-up with one line naming the token. A timeout, a dropped
connection, a 5xx or a reply that is not JSON (a captive portal, a proxy's error page) is a
network problem: the token may be fine, so pmpo says so and starts anyway.
"""

from __future__ import annotations

from pathlib import Path

import yaml

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"
REFUSED = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "account_inactive",
        "not_allowed_token_type",
        "invalid_token",
    }
)


def manifest_socket_mode(path: Path = MANIFEST) -> bool | None:
    """`settings.socket_mode_enabled` from the manifest; None when it cannot be read."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        value = data["settings"]["socket_mode_enabled"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None
    return value if isinstance(value, bool) else None


def mode_mismatch(socket_mode: bool, path: Path = MANIFEST) -> str:
    """One line when the settings and the manifest disagree on the mode, else ''."""
    declared = manifest_socket_mode(path)
    if declared is None or declared == socket_mode:
        return ""
    if not socket_mode:
        return (
            f"warning: HTTP mode (no SLACK_APP_TOKEN), but {path.name} has "
            "socket_mode_enabled: true, so Slack will not send requests to this server; set it "
            "to false and your public URL in the manifest, or set SLACK_APP_TOKEN for Socket Mode"
        )
    return (
        f"warning: Socket Mode (SLACK_APP_TOKEN is set), but {path.name} has "
        "socket_mode_enabled: false; turn Socket Mode on in the app's settings"
    )


def refused_error(exc: Exception) -> str | None:
    """Slack's error code when it refused a token; None for anything network-shaped."""
    from slack_sdk.errors import SlackApiError

    if not isinstance(exc, SlackApiError) or exc.response is None:
        return None
    error = str(exc.response.get("error") or "")
    return error if error in REFUSED else None


def network_problem(exc: Exception) -> str:
    """A few words on what went wrong on the way to Slack, for a one-line warning."""
    from slack_sdk.errors import SlackApiError

    if isinstance(exc, SlackApiError) and exc.response is not None:
        error = str(exc.response.get("error") or "")
        status = getattr(exc.response, "status_code", 0)
        if "non-JSON" in error:
            return f"HTTP {status}, a reply that is not JSON (a proxy or captive portal?)"
        return f"HTTP {status}, {error or 'no error code'}"
    name = type(exc).__name__
    if "timeout" in name.lower() or "timed out" in str(exc).lower():
        return f"no reply in time ({name})"
    return name
