"""Forms of module evidence: a participant's claim, and a reviewer's reason."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vsfa.uploads import CheckedFileField, file_size


class EvidenceForm(forms.Form):
    """A link and/or a file showing a module is done, with a short note.

    ``kept_file`` names the file of the claim being replaced: without a new
    file it stays, and counts as evidence.
    """

    url = forms.URLField(
        label=_("Link to your work"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("For example the lesson's result page, or a shared document."),
    )
    file = CheckedFileField(label=_("File"), required=False)
    note = forms.CharField(
        label=_("Note for your mentor"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, kept_file="", **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_file = kept_file
        limit = file_size(settings.VSFA_UPLOAD_MAX_BYTES)
        self.fields["file"].help_text = _(
            "A PDF, or a photo or screenshot as JPEG, PNG or WebP, of up to %(limit)s."
        ) % {"limit": limit}
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
        )
        if kept_file:
            self.fields["file"].help_text = _(
                "Leave empty to keep the file you sent. %(rule)s"
            ) % {"rule": self.fields["file"].help_text}

    def clean(self):
        cleaned = super().clean()
        has_file = cleaned.get("file") is not None or self.kept_file
        if not self.errors and not cleaned.get("url") and not has_file:
            raise forms.ValidationError(
                _("Add a link to your work, a file, or both."), code="no_evidence"
            )
        return cleaned


class ReturnEvidenceForm(forms.Form):
    reason = forms.CharField(
        label=_("What is missing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The participant reads this and can send the module again."),
    )
