"""Prefect flows: thin shells over :mod:`pipeline` (reading, extraction and storage live there)."""

import os

# claimwire never phones home: no analytics from a Prefect server it starts.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY", "false")
