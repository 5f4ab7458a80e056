"""Who is signing in, and when to stop them (django-axes settings point here).

Behind a TLS proxy every request comes from the proxy's address. The client's
own address is then read from X-Forwarded-For, but only when the deployer says
how many proxies stand in front of the site (DJANGO_TRUSTED_PROXY_COUNT):
each proxy appends the address it received the request from, so the client is
that many entries from the right, and anything further left was written by the
client and is ignored. Without the setting the header is ignored entirely.

An account is locked after AXES_FAILURE_LIMIT failures from one address; an
address is locked, whatever usernames it tries, after AXES_ADDRESS_FAILURE_LIMIT
failures (one password sprayed across many accounts).
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

PER_ACCOUNT = ["username", "ip_address"]


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the entry of X-Forwarded-For that the
    outermost trusted proxy wrote."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count < 1 or len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:  # not written by a proxy we trust
        return remote


def lockout_parameters(request_or_attempt, credentials=None):
    """Per account and address; the address alone too once it reached its own limit."""
    address = getattr(request_or_attempt, "axes_ip_address", None) or getattr(request_or_attempt, "ip_address", None)
    if address is None or not hasattr(request_or_attempt, "axes_attempt_time"):
        return [PER_ACCOUNT]
    failures = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request_or_attempt)
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return [PER_ACCOUNT, "ip_address"] if (failures or 0) >= settings.AXES_ADDRESS_FAILURE_LIMIT else [PER_ACCOUNT]
