"""Background work for the cohort: e-mails to applicants and participants."""

import logging

from huey.contrib.djhuey import db_task

from cohorts import services, services_evidence

logger = logging.getLogger(__name__)


@db_task(retries=3, retry_delay=60)
def send_application_notice(notice_id):
    # The service claims the notice before sending, so that a second copy of
    # this task, or the button pressed twice, sends nothing more.
    if not services.send_application_notice(notice_id):
        logger.info("Application notice %s not sent", notice_id)


@db_task(retries=3, retry_delay=60)
def send_evidence_returned(completion_id, reviewed_at):
    # The service claims the review before sending: a second copy of this
    # task sends nothing more.
    if not services_evidence.send_return_notice(completion_id, reviewed_at):
        logger.info("Module claim %s: no e-mail sent", completion_id)
