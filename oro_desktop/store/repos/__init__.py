"""Repositories: plain functions taking a unit of work (or its connection), one module per domain."""
