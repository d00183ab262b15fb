from django.middleware.locale import LocaleMiddleware


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are Thai unless the visitor chose English with the switch (cookie).

    Many officers' computers run an English-language system, whose browser asks
    for English first; the portal is Thai-first all the same. API clients still
    negotiate with Accept-Language, as HTTP clients expect.
    """

    def process_request(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


IDLE_TOUCH_KEY = "_idle_touch"


def session_touch_interval():
    # Renew at most every tenth of the idle limit (at least a minute), not on
    # every request: a session write per page would cost three queries each.
    from django.conf import settings

    return max(60, settings.SESSION_COOKIE_AGE // 10)


class SessionIdleMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without a request.

    Django's database sessions expire SESSION_COOKIE_AGE after their last save;
    this renews the save of a session the request already used, at most once a
    touch interval, so an active officer stays signed in and an idle one is
    signed out. (Sign-in stamps the session too, see smartcity.apps.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request already loaded: no extra query for pages that ignore it.
        if session is not None and session.accessed and not session.is_empty():
            import time

            now = int(time.time())
            if now - session.get(IDLE_TOUCH_KEY, 0) >= session_touch_interval():
                session[IDLE_TOUCH_KEY] = now
        return response


class ForwardedFromProxyOnlyMiddleware:
    """Behind a TLS proxy, believe X-Forwarded-* only when the request came from the proxy.

    Django reads X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER) and axes and the rate limits
    read X-Forwarded-For whatever the sender; gunicorn's ``forwarded_allow_ips`` decides
    only its own ``wsgi.url_scheme`` and still passes the headers on. So a client that
    reached the web port directly could claim https or another address (issue 17). The
    addresses are FORWARDED_ALLOW_IPS, the same setting gunicorn.conf.py reads.
    """

    HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST",
               "HTTP_X_FORWARDED_PORT", "HTTP_FORWARDED")

    def __init__(self, get_response):
        import ipaddress

        from django.conf import settings

        self.get_response = get_response
        self.active = settings.BEHIND_TLS_PROXY
        self.trusted = [ipaddress.ip_network(a.strip(), strict=False)
                        for a in settings.FORWARDED_ALLOW_IPS if a.strip() and a.strip() != "*"]
        self.everyone = "*" in settings.FORWARDED_ALLOW_IPS

    def _from_proxy(self, address):
        import ipaddress

        try:
            peer = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(peer in net for net in self.trusted)

    def __call__(self, request):
        if self.active and not self.everyone and not self._from_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in self.HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
