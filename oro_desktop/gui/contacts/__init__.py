"""Widgets of the Kontakter section beyond the list: the entry editor, the local changes
dialog and the admin's export/import. The section itself is gui/sections/contacts.py.

Who may do what (the clinic's expectation, and what the CLI already enforces):
- any signed-in user (clinician or admin) may add, edit, hide and restore entries: the
  person who finds a wrong number is the one on the phone, and every change is audited
  with their name;
- export and import of the whole directory are for admins only, because they replace or
  reveal the clinic's directory at once (the service refuses others; the GUI hides them);
- without an unlocked store with the contacts table nothing can be changed and no
  editing control is shown.
"""
