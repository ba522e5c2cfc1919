"""The plan editor: the generic form builder with undo and redo over every edit."""
