"""A virus scan over clamd's unix socket (its INSTREAM command), when CLAMD_SOCKET is set.

Written by hand: the protocol is a command, length-prefixed chunks and one reply line. It fails
closed: a scanner that does not answer, or answers something unexpected, raises Unavailable
and the caller refuses the file.
"""
from __future__ import annotations

import socket
import struct

CHUNK = 64 * 1024
TIMEOUT = 30.0


class Unavailable(Exception):
    """The scanner could not say the file is clean."""


class Infected(Exception):
    def __init__(self, signature: str):
        super().__init__(signature)
        self.signature = signature


def scan(socket_path: str, data: bytes, timeout: float = TIMEOUT) -> None:
    """Returns when clamd says the bytes are clean; raises Infected or Unavailable."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(socket_path)
            conn.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                chunk = data[start:start + CHUNK]
                conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = conn.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as exc:      # refused, missing socket, timeout, reset
        raise Unavailable(f"clamd at {socket_path}: {exc.__class__.__name__}") from None
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer.endswith(" OK") and answer.startswith("stream:"):
        return
    if answer.endswith(" FOUND"):
        raise Infected(answer[len("stream:"):-len(" FOUND")].strip())
    raise Unavailable(f"clamd at {socket_path} answered {answer[:80]!r}")
