"""client.webhook_receiver: Standard Webhooks verification and the receiver's answers."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import httpx2
import pytest
import standardwebhooks

from client.webhook_receiver import InvalidSignatureError, WebhookReceiver, verify
from contracts.webhook_deliveries import DeliveryPayload

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()
BODY = b'{"type":"product.created","timestamp":"2030-01-01T00:00:00Z","data":{"id":7}}'


def signed(body: bytes = BODY, secret: str = SECRET, at: datetime | None = None) -> dict[str, str]:
    """Standard Webhooks headers for `body`, signed with `secret` at `at` (default: now)."""
    moment = at or datetime.now(UTC)
    return {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": standardwebhooks.Webhook(secret).sign("msg_1", moment, body.decode()),
    }


def test_verify_answers_the_payload_of_a_signed_delivery() -> None:
    assert verify(SECRET, BODY, signed()) == DeliveryPayload.model_validate_json(BODY)


@pytest.mark.parametrize(
    ("body", "headers", "problem"),
    [
        (BODY.replace(b"7", b"8"), signed(), "No matching signature found"),
        (BODY, signed(secret="whsec_" + base64.b64encode(b"x" * 32).decode()), "No matching signature found"),
        (BODY, signed(at=datetime.now(UTC) - timedelta(minutes=10)), "Message timestamp too old"),
        (BODY, {}, "Missing required headers"),
    ],
)
def test_verify_refuses_what_does_not_verify(body: bytes, headers: dict[str, str], problem: str) -> None:
    with pytest.raises(InvalidSignatureError, match=problem):
        verify(SECRET, body, headers)


def test_receiver_answers_204_to_a_signed_delivery_and_401_to_others() -> None:
    with WebhookReceiver() as receiver, httpx2.Client() as http:
        receiver.trust(SECRET)
        good = http.post(receiver.url, content=BODY, headers=signed())
        bad = http.post(
            receiver.url, content=BODY, headers=signed(secret="whsec_" + base64.b64encode(b"x" * 32).decode())
        )

        first, second = receiver.wait_for(2)

    assert (good.status_code, bad.status_code) == (204, 401)
    assert (first.verified, first.payload, first.answered) == (True, DeliveryPayload.model_validate_json(BODY), 204)
    assert (second.verified, second.problem) == (False, "No matching signature found")


def test_receiver_answers_with_the_statuses_asked_then_204() -> None:
    with WebhookReceiver() as receiver, httpx2.Client() as http:
        receiver.trust(SECRET)
        receiver.answer_with(500, 503)
        statuses = [http.post(receiver.url, content=BODY, headers=signed()).status_code for _ in range(3)]

    assert statuses == [500, 503, 204]
    assert [delivery.verified for delivery in receiver.deliveries] == [True, True, True]


def test_receiver_wait_for_raises_timeout_error_when_too_few_arrived() -> None:
    with WebhookReceiver() as receiver, pytest.raises(TimeoutError, match="0 of 1 deliveries"):
        receiver.wait_for(1, timeout=0.01)
