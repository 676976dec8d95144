"""The account pages' forms: naming a new API token, inviting a clinician."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    label = forms.CharField(label=_("Name (so you can tell your tokens apart)"), max_length=80,
                            required=False)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Their e-mail address"), max_length=254)
    as_admin = forms.BooleanField(label=_("They may invite clinicians too (clinic admin)"),
                                  required=False)
