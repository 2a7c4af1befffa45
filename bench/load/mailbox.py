"""An e-mail backend for the load run: one file per message, counted afterwards.

Django's file backend appends every message of a connection to one file; this
one writes each message to its own file in ``VSFA_LOAD_MAILBOX``, so that the
messages to an address can be counted exactly.
"""

import os
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["VSFA_LOAD_MAILBOX"])
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = folder / f"{uuid.uuid4().hex}.eml"
            name.write_bytes(message.message().as_bytes())
        return len(email_messages)
