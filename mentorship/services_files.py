"""Writes of a startup's files: check-in evidence and help documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import ngettext

from mentorship.models import Attachment
from vsfa import audit, uploads


def checked(upload, check=uploads.validate_document):
    """``upload`` as a ``CheckedFile``, checking it when the caller has not.

    Forms check uploads to show errors by field; whatever the caller, no
    file reaches the storage unchecked.
    """
    if isinstance(upload, uploads.CheckedFile):
        return upload
    return check(upload)


@uploads.removes_files_on_error
def attach_files(*, actor, startup, files, checkin=None, assistance=None):
    """Store checked ``files`` as attachments of a check-in or a piece of help.

    Call it inside the transaction that saves the record they belong to. A
    file with the name and size of one the record has already is skipped.
    Raises ``ValidationError`` (under ``files``) for more files than
    ``VSFA_UPLOAD_FILES_AT_ONCE`` or one that fails the upload checks.
    """
    files = list(files or ())
    if len(files) > settings.VSFA_UPLOAD_FILES_AT_ONCE:
        raise ValidationError(
            {
                "files": ngettext(
                    "Up to %(count)s file can be added at once.",
                    "Up to %(count)s files can be added at once.",
                    settings.VSFA_UPLOAD_FILES_AT_ONCE,
                )
                % {"count": settings.VSFA_UPLOAD_FILES_AT_ONCE}
            }
        )
    try:
        files = [checked(upload) for upload in files]
    except ValidationError as error:
        raise ValidationError({"files": error.error_list}) from None
    # The same file sent twice (a double submit) is kept once.
    record = {"checkin": checkin} if checkin is not None else {"assistance": assistance}
    kept = set(Attachment.objects.filter(**record).values_list("original_name", "size"))
    attachments = []
    for upload in files:
        if (upload.original_name, upload.size) in kept:
            continue
        kept.add((upload.original_name, upload.size))
        attachment = Attachment(
            startup=startup,
            checkin=checkin,
            assistance=assistance,
            original_name=upload.original_name,
            size=upload.size,
            uploaded_by=actor,
        )
        # Written before the row: should the transaction roll back, the file
        # is left without a record, under a name nobody knows, never served.
        uploads.save_file(attachment.file, upload.file.name, upload.file)
        attachment.save()
        attachments.append(attachment)
    return attachments


@transaction.atomic
def remove_attachment(*, actor, attachment):
    """Delete a file and its record; the audit trail keeps its name and size."""
    startup = attachment.startup
    audit.record(
        actor,
        "file.removed",
        attachment,
        edition=startup.edition,
        summary=f"{startup.name}: {attachment.original_name}",
        checkin=attachment.checkin_id,
        assistance=attachment.assistance_id,
        size=attachment.size,
    )
    name = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: uploads.private_storage().delete(name))
