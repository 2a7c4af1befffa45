"""Background work of the attendance import: thin wrappers that take ids.

Enqueued by ``cohorts.importing.services`` once the transaction commits; each
task claims its import with a conditional UPDATE, so running one twice does
the work once.
"""

import logging

from huey.contrib.djhuey import db_task

from cohorts.importing import services

logger = logging.getLogger(__name__)


@db_task()
def read_import(import_id):
    if not services.read_queued(import_id):
        logger.info("Attendance import %s is gone or not waiting to be read", import_id)


@db_task()
def commit_import(import_id):
    if not services.import_queued(import_id):
        logger.info(
            "Attendance import %s is gone or not waiting to be imported", import_id
        )
