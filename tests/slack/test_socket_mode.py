"""Socket Mode: envelopes dispatched through the same `create_app` app, no network."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from bot.app import create_app
from bot.config import Settings
from bot.kb.store import KnowledgeStore
from tests.slack.conftest import knowledge_source
from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.helpers import BOT_TOKEN, assert_fits_slack


class RecordingClient:
    """Stands in for the WebSocket client: records what the handler sends back."""

    def __init__(self) -> None:
        self.logger = logging.getLogger("test.socket")
        self.responses: list[SocketModeResponse] = []

    def send_socket_mode_response(self, response: SocketModeResponse) -> None:
        self.responses.append(response)


@pytest.fixture
def handler(fake: FakeSlack, tmp_path: Path) -> Iterator[SocketModeHandler]:
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": "xapp-1-A0PMPO-1234-abcdef",
            "SLACK_API_URL": fake.api_url,
            "PMPO_STATE_DIR": str(tmp_path / "state"),
        },
        knowledge_dir=knowledge_source(),
    )
    assert settings.socket_mode and not settings.signing_secret
    app = create_app(settings, KnowledgeStore(settings.knowledge_dir, settings.state_dir))
    handler = SocketModeHandler(app, settings.app_token)
    yield handler
    handler.close()


def test_slash_command_envelope_is_answered_in_the_ack(handler: SocketModeHandler) -> None:
    payload: dict[str, Any] = {
        "team_id": "T0TEST",
        "channel_id": "C0SOCK",
        "user_id": "U0USER1",
        "command": "/pmpo",
        "text": "whois-owns roadmap",
        "response_url": "http://127.0.0.1:9/response/x",
        "trigger_id": "1.2.3",
    }
    client = RecordingClient()
    req = SocketModeRequest(type="slash_commands", envelope_id="env-1", payload=payload)
    handler.handle(client, req)  # type: ignore[arg-type]
    assert len(client.responses) == 1
    response = client.responses[0]
    assert response.envelope_id == "env-1"
    assert response.payload["response_type"] == "ephemeral"
    assert "roadmap" in response.payload["blocks"][0]["text"]["text"].lower()
    assert_fits_slack(response.payload)


def test_events_api_envelope_is_acked_and_answered(
    handler: SocketModeHandler, fake: FakeSlack
) -> None:
    payload = {
        "team_id": "T0TEST",
        "api_app_id": "A0PMPO",
        "type": "event_callback",
        "event_id": "Ev0SOCKET1",
        "event": {
            "type": "app_mention",
            "user": "U0USER1",
            "text": f"<@{BOT_USER_ID}> define pm",
            "ts": "1700000100.000100",
            "channel": "C0SOCK",
        },
    }
    client = RecordingClient()
    handler.handle(
        client, SocketModeRequest(type="events_api", envelope_id="env-2", payload=payload)
    )  # type: ignore[arg-type]
    assert [r.envelope_id for r in client.responses] == ["env-2"]
    posts = fake.wait_for("chat.postMessage", channel="C0SOCK")
    assert posts[0].params["thread_ts"] == "1700000100.000100"
    assert "Product Manager" in posts[0].params["text"]
