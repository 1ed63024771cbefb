"""Reminders and attendance (séances, rappels, présences)."""
