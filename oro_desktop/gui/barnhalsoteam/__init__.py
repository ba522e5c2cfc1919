"""Barnhälsoteam widgets: the team view, the meeting editor, the yearly report preview."""
