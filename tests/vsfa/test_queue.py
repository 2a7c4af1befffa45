"""The configured huey backend (SQLite by default, Redis when REDIS_URL is set)
really stores, hands out and runs a task: tests elsewhere run tasks inline."""

import uuid

import pytest
from django.conf import settings
from django.utils.module_loading import import_string


@pytest.fixture
def queue(tmp_path):
    config = dict(settings.HUEY)
    huey_class = import_string(config.pop("huey_class"))
    config.pop("consumer")
    config.pop("immediate")
    config["name"] = f"vsfa-test-{uuid.uuid4().hex}"
    if "filename" in config:
        config["filename"] = str(tmp_path / "huey.sqlite3")
    huey = huey_class(**config)
    yield huey
    huey.flush()


def test_configured_backend_runs_an_enqueued_task_once(queue):
    calls = []

    @queue.task()
    def record(value):
        calls.append(value)
        return value * 2

    result = record(21)
    task = queue.dequeue()
    queue.execute(task)

    assert calls == [21]
    assert result.get() == 42
    assert queue.dequeue() is None
    assert queue.pending_count() == 0
