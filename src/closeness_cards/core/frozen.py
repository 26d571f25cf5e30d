"""Read-only values written out as slotted classes: equality, hashing, printing and replace.

The dataclasses they were cost an import of ``dataclasses`` (with ``inspect``, ``ast``,
``dis`` and ``tokenize``) and generated code run for every class at every start. A class
lists its fields in ``FIELDS`` (in the order ``__init__`` takes them) and assigns them in
its own ``__init__``; its attributes are ``Final`` so that mypy refuses any later change.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

    from typing_extensions import Self


class Frozen:
    """Equal to a value of the same class with equal ``COMPARED`` fields (all of
    ``FIELDS`` unless a class says otherwise), hashed by them, printed as a dataclass is."""

    __slots__ = ()
    FIELDS: ClassVar[tuple[str, ...]] = ()
    COMPARED: ClassVar[tuple[str, ...] | None] = None

    def _compared(self) -> tuple[Any, ...]:
        names = self.FIELDS if self.COMPARED is None else self.COMPARED
        return tuple([getattr(self, name) for name in names])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Frozen)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__qualname__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """This value with the named fields changed (as ``dataclasses.replace`` would)."""
        values = {name: getattr(self, name) for name in self.FIELDS}
        unknown = changes.keys() - values.keys()
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        values.update(changes)
        return type(self)(**values)
