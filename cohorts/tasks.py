"""Background work for the cohort: the e-mails that tell applicants a decision."""

import logging

from huey.contrib.djhuey import db_task

from cohorts import services

logger = logging.getLogger(__name__)


@db_task(retries=3, retry_delay=60)
def send_application_notice(notice_id):
    # The service claims the notice before sending, so that a second copy of
    # this task, or the button pressed twice, sends nothing more.
    if not services.send_application_notice(notice_id):
        logger.info("Application notice %s not sent", notice_id)
