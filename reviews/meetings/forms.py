from django import forms
from django.utils.translation import gettext_lazy as _


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(s.user_id), s.user.get_full_name() or s.user.username) for s in seats
        ]
