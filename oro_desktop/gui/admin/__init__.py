"""Administration in the app (issue 13): users, one's own password, backup and restore.

The widgets here call only services (services/users.py, services/maintenance.py,
services/restore.py); slow work (a rekey, a backup) runs off the UI thread.
"""
