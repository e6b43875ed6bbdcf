"""Identifiers: permanent node uids and positional Akoma Ntoso eids.

A ``uid`` is minted once when a node first appears and never changes; an ``eid`` is derived from
the node's position and recomputed after every structural change (see `design.md`, identity).
"""

from __future__ import annotations

import random
import secrets
from typing import Annotated

from pydantic import StringConstraints

__all__ = ["EID_PATTERN", "UID_PATTERN", "EId", "Uid", "UidFactory", "new_uid"]

UID_PATTERN = r"^[a-z0-9][a-z0-9_-]{3,63}$"
EID_PATTERN = r"^[a-z]+_[a-z0-9-]+(__[a-z]+_[a-z0-9-]+)*$"

Uid = Annotated[str, StringConstraints(pattern=UID_PATTERN)]
"""A permanent node identifier, e.g. ``n7kq2m4x9c1p``."""

EId = Annotated[str, StringConstraints(pattern=EID_PATTERN)]
"""A positional identifier, e.g. ``chp_2__art_15__para_2__item_3``; ``art_15-1`` for 第十五条之一."""

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def new_uid() -> str:
    """Mint a fresh random uid (``n`` + 12 base-32 characters, 60 random bits)."""
    return "n" + "".join(secrets.choice(_ALPHABET) for _ in range(12))


class UidFactory:
    """Mints uids; seeded for reproducible tests and demo data, random otherwise."""

    def __init__(self, seed: int | None = None) -> None:
        self._rng: random.Random | None = random.Random(seed) if seed is not None else None
        self._seen: set[str] = set()

    def __call__(self) -> str:
        """Return a uid this factory has not returned before."""
        while True:
            if self._rng is None:
                uid = new_uid()
            else:
                uid = "n" + "".join(self._rng.choice(_ALPHABET) for _ in range(12))
            if uid not in self._seen:
                self._seen.add(uid)
                return uid
