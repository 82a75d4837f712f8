from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, default):
    """The "next" address of a form or link if it stays on this host, else *default*."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
