"""The Att göra start view: what needs doing today, each row opening what it refers to."""
