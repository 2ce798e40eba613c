"""Watch an X server for the moment a window with a given title is on screen.

Event-driven (no polling): the root window reports every top-level window created and
mapped, each new window reports its property changes, so the time a title appears on a
mapped window is known to within one event. Plain libX11 through ctypes, so the benchmark
needs nothing installed beyond the X server itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import time

# Event types and masks (X.h).
CREATE_NOTIFY, MAP_NOTIFY, PROPERTY_NOTIFY = 16, 19, 28
SUBSTRUCTURE_NOTIFY_MASK, PROPERTY_CHANGE_MASK = 1 << 19, 1 << 22
IS_VIEWABLE = 2


class _XEvent(ctypes.Union):
    _fields_ = (("type", ctypes.c_int), ("pad", ctypes.c_long * 24))


class _WindowAttributes(ctypes.Structure):
    _fields_ = (
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
        ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong), ("c_class", ctypes.c_int),
        ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    )  # fmt: skip


class TitleWatcher:
    """Connect once; ``wait_for(text, deadline)`` returns the monotonic time at which a
    mapped top-level window's title first contained ``text`` (None on timeout)."""

    def __init__(self, display: str | None = None) -> None:
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        x = self.x = ctypes.CDLL(name)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = (ctypes.c_char_p,)
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = (ctypes.c_void_p,)
        x.XSelectInput.argtypes = (ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long)
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int)
        x.XPending.argtypes = (ctypes.c_void_p,)
        x.XNextEvent.argtypes = (ctypes.c_void_p, ctypes.POINTER(_XEvent))
        x.XConnectionNumber.argtypes = (ctypes.c_void_p,)
        x.XGetWindowAttributes.argtypes = (
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_WindowAttributes),
        )
        x.XGetWindowProperty.argtypes = (
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p),
        )  # fmt: skip
        x.XFree.argtypes = (ctypes.c_void_p,)
        x.XSync.argtypes = (ctypes.c_void_p, ctypes.c_int)
        x.XSetErrorHandler.restype = ctypes.c_void_p
        self._ignore_errors = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
            lambda _display, _event: 0  # a window gone before we looked at it
        )
        x.XSetErrorHandler(self._ignore_errors)
        self.display = x.XOpenDisplay((display or os.environ.get("DISPLAY", "")).encode())
        if not self.display:
            raise RuntimeError(f"cannot open X display {display or os.environ.get('DISPLAY')}")
        self.root = x.XDefaultRootWindow(self.display)
        self.names = [
            x.XInternAtom(self.display, b"_NET_WM_NAME", 0),
            x.XInternAtom(self.display, b"WM_NAME", 0),
        ]
        x.XSelectInput(self.display, self.root, SUBSTRUCTURE_NOTIFY_MASK)
        x.XSync(self.display, 0)
        self.fd = x.XConnectionNumber(self.display)

    def title(self, window: int) -> str:
        for atom in self.names:
            kind, fmt = ctypes.c_ulong(), ctypes.c_int()
            count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
            status = self.x.XGetWindowProperty(
                self.display, window, atom, 0, 4096, 0, 0, ctypes.byref(kind),
                ctypes.byref(fmt), ctypes.byref(count), ctypes.byref(after), ctypes.byref(data),
            )  # fmt: skip
            if status == 0 and data.value:
                raw = ctypes.string_at(data.value, count.value)
                self.x.XFree(data)
                if raw:
                    return raw.decode("utf-8", "replace")
        return ""

    def viewable(self, window: int) -> bool:
        attributes = _WindowAttributes()
        if not self.x.XGetWindowAttributes(self.display, window, ctypes.byref(attributes)):
            return False
        return attributes.map_state == IS_VIEWABLE

    def _check(self, window: int, text: str) -> bool:
        return self.viewable(window) and text in self.title(window)

    def wait_for(self, text: str, deadline: float) -> float | None:
        event = _XEvent()
        words = ctypes.cast(ctypes.pointer(event), ctypes.POINTER(ctypes.c_ulong))
        while time.monotonic() < deadline:
            if not self.x.XPending(self.display):
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if not ready:
                    continue
            self.x.XNextEvent(self.display, ctypes.byref(event))
            now = time.monotonic()
            window = None
            if event.type == CREATE_NOTIFY:
                window = words[5]  # XCreateWindowEvent.window
                self.x.XSelectInput(self.display, window, PROPERTY_CHANGE_MASK)
            elif event.type == MAP_NOTIFY:
                window = words[5]  # XMapEvent.window
            elif event.type == PROPERTY_NOTIFY and words[5] in self.names:
                window = words[4]  # XPropertyEvent.window (words[5] is its atom)
            if window is not None and self._check(window, text):
                return now
        return None

    def drain(self) -> None:
        """Forget the events of a finished run."""
        event = _XEvent()
        while self.x.XPending(self.display):
            self.x.XNextEvent(self.display, ctypes.byref(event))
