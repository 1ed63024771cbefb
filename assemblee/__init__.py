"""The domain core of the assembly's assistant. It never imports aiogram, apscheduler or httpx."""
