"""The demo edition that ``manage.py seed_demo`` loads on a developer's machine."""
