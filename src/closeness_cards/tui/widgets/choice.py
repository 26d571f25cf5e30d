"""A dropdown that builds its list of options the first time it opens.

Textual's ``Select`` composes its option list (an ``OptionList``, hidden until opened) with
the control, and styling it is most of what a select costs before the first frame. The
setup screen has three of them and rarely opens any: here the list is mounted on the
first open (enter, space, up, down, or a click), and until then the control shows the
chosen option's label by itself. It looks and behaves as a ``Select``.

This leans on ``Select``'s own handlers and watchers (Textual 8); the setup screen's Pilot
tests open, move through and choose from each list, so a change in Textual shows there.
"""

from __future__ import annotations

from textual import on
from textual.css.query import NoMatches
from textual.widgets import Select
from textual.widgets._select import NonSelectableStatic, SelectCurrent, SelectOverlay

UP_ARROW = "▲"


class _Current(SelectCurrent):
    """The control's face, composed showing the chosen label (Select's starts empty and is
    filled and restyled on mount); the up arrow, shown only while the list is open, comes
    with the list."""

    def __init__(self, placeholder: str, label: str) -> None:
        super().__init__(placeholder)
        self.label = self._shown = label
        self.set_reactive(SelectCurrent.has_value, True)
        self.add_class("-has-value", update=False)

    def compose(self):  # type: ignore[no-untyped-def]  # SelectCurrent's own signature
        yield NonSelectableStatic(self._shown, id="label")
        yield NonSelectableStatic("▼", classes="arrow down-arrow")


class Choice(Select[str]):
    """A ``Select`` of text values whose option list is mounted when first opened."""

    _overlay: SelectOverlay | None = None

    def compose(self):  # type: ignore[no-untyped-def]  # Select's own signature
        label = next((str(p) for p, value in self._options if value == self._value), "")
        yield _Current(self.prompt, label)

    def _setup_options_renderables(self) -> None:
        # Select's mount handler fills the option list here: there is none until it opens.
        if self._overlay is not None:
            super()._setup_options_renderables()

    def _watch_value(self, value: str) -> None:  # type: ignore[override]
        if self._overlay is not None:
            super()._watch_value(value)
            return
        self._value = value
        try:
            current = self.query_one(SelectCurrent)
        except NoMatches:
            return
        for prompt, option in self._options:
            if option == value:
                if current.label != prompt:  # composed showing it: nothing to redraw
                    current.update(prompt)
                break
        self.post_message(self.Changed(self, value))

    async def _open_list(self) -> None:
        """Mount the option list, with the current value highlighted, if not yet done."""
        if self._overlay is not None:
            return
        overlay = SelectOverlay(type_to_search=self._type_to_search)
        overlay.compact = self.compact  # Select binds it; a choice's compactness stays put
        self._overlay = overlay
        await self.query_one(SelectCurrent).mount(
            NonSelectableStatic(UP_ARROW, classes="arrow up-arrow")
        )
        await self.mount(overlay)
        self._setup_options_renderables()
        for index, (_prompt, option) in enumerate(self._options):
            if option == self.value:
                overlay.highlighted = index
                break

    @on(SelectCurrent.Toggle)
    async def _mount_list_on_click(self) -> None:
        # Runs before Select's own handler of the same message, which opens the list.
        await self._open_list()

    async def action_show_overlay(self) -> None:  # type: ignore[override]
        await self._open_list()
        super().action_show_overlay()
