"""Placeholder replaced below."""


async def jouer(sortie): ...
