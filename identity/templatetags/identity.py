"""The sign-in page's provider buttons: one per configured provider, none when none is."""

from django import template

from identity import policy, providers

register = template.Library()


@register.inclusion_tag("identity/_buttons.html")
def provider_buttons(next_url=""):
    configured = providers.configured()
    return {
        "providers": configured, "next": next_url,
        # Said on the page, so the people who decide do not type a password in vain.
        "deciders_use_provider": bool(configured) and policy.provider_required(),
    }
