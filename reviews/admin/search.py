"""Search fields the reviews admin pages share."""

PROPOSAL_SEARCH = ("proposal__name_th", "proposal__name_en", "proposal__organisation__name_th")
USER_SEARCH = ("username", "first_name", "last_name", "email")
