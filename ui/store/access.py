"""Who is asking, and what a scenario lets them do.

Every library call names its ``Actor``: the signed-in user (with the teams the identity
provider reports) or, without sign-in, the single local user. A scenario's owner may do
anything with it; a share gives a named user or a team either read access (list, load,
export, see its history) or edit access (also save changes, rename, restore a version).
Only the owner shares, unshares and deletes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

LOCAL_USER = "local"
GRANTEE_KINDS = ("user", "team")


class Access(IntEnum):
    """What an actor may do with one scenario, each level including the ones below it."""

    NONE = 0
    READ = 1
    EDIT = 2
    OWNER = 3

    @property
    def label(self) -> str:
        """The level in words, as the library page shows it."""
        return {0: "no access", 1: "read only", 2: "can edit", 3: "owner"}[int(self)]


@dataclass(frozen=True, slots=True)
class Actor:
    """The user on whose behalf the library is used.

    Example:
        >>> Actor("ann@example.org", frozenset({"deals"})).in_team("deals")
        True
    """

    user: str
    teams: frozenset[str] = field(default_factory=frozenset)

    def in_team(self, team: str) -> bool:
        """Whether the actor belongs to ``team``."""
        return team in self.teams


LOCAL = Actor(LOCAL_USER)


def access_of(actor: Actor, owner: str, grants: list[tuple[str, str, bool]]) -> Access:
    """The actor's access to a scenario with this owner and these (kind, grantee, can_edit).

    Example:
        >>> ann, bob = Actor("ann"), Actor("bob", frozenset({"deals"}))
        >>> access_of(ann, "ann", []).name, access_of(bob, "ann", []).name
        ('OWNER', 'NONE')
        >>> access_of(bob, "ann", [("team", "deals", False)]).name
        'READ'
    """
    if actor.user == owner:
        return Access.OWNER
    best = Access.NONE
    for kind, grantee, can_edit in grants:
        if (kind == "user" and grantee == actor.user) or (
            kind == "team" and actor.in_team(grantee)
        ):
            best = max(best, Access.EDIT if can_edit else Access.READ)
    return best


__all__ = ["GRANTEE_KINDS", "LOCAL", "LOCAL_USER", "Access", "Actor", "access_of"]
