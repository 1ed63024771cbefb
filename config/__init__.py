"""Settings, the groups file, the default feeds and every UI text (Fluent catalogue)."""
