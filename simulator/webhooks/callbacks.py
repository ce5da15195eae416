"""Which hosts a webhook's `callback_url` may name, so a simulator cannot be made to call other hosts.

Loopback hosts are always allowed (`localhost`, `*.localhost`, 127.0.0.0/8, ::1); the config's
`webhooks.callback_hosts` adds names (".example.com" allows its subdomains). A create or update naming
another host answers 422 on `callback_url`; a delivery to one (a state file, an import) is not sent.
With `webhooks.deliver` false (a dry run) nothing is ever sent, so every host is accepted, as Jasper does.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from simulator.errors import Unprocessable


class CallbackPolicy:
    """The hosts callbacks may go to."""

    def __init__(self, hosts: Iterable[str] = (), *, any_host: bool = False) -> None:
        self.any_host = any_host  # nothing is sent (webhooks.deliver false): no host needs refusing
        names = [host.strip().lower() for host in hosts if host.strip()]
        self.exact = frozenset(name.strip("[]") for name in names if not name.startswith("."))
        self.suffixes = tuple(name for name in names if name.startswith("."))

    def allows(self, url: str) -> bool:
        """True when the URL's host is loopback or listed."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return False
        if not host:
            return False
        if host in self.exact or host == "localhost" or host.endswith((".localhost", *self.suffixes)):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def check(self, url: str) -> None:
        """422 on `callback_url` unless the policy allows the URL's host."""
        if not self.any_host and not self.allows(url):
            raise Unprocessable(
                "callback_url",
                "The callback_url must name a loopback host or one the simulator's config allows "
                "(webhooks.callback_hosts).",
                code="callback_host_not_allowed",
            )
