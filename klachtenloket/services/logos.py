"""The organisation's logo: an uploaded image checked with Pillow, stored once by its SHA-256
(models.Logo) and named in the configuration (organisation.logo), which configuration.save
audits like any other change.

Only PNG and JPEG: an SVG can carry script. The image must be read whole by Pillow, be at most
MAX_BYTES and at most MAX_SIDE pixels wide and high; it is served as stored."""
from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from klachtenloket.models import Logo

MAX_BYTES = 500 * 1024
MAX_SIDE = 2000
MIN_SIDE = 16
FORMATS = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg")}


class LogoError(ValueError):
    """An image that cannot be the logo; `reason` is one of the keys the form puts in words."""

    def __init__(self, reason: str, **values):
        super().__init__(reason)
        self.reason, self.values = reason, values


@dataclass(frozen=True)
class Checked:
    data: bytes
    digest: str
    content_type: str
    width: int
    height: int


def check(data: bytes) -> Checked:
    """`data` as a logo, or LogoError: empty, too_large, not_an_image (or a format other than
    PNG and JPEG), too_wide (larger than MAX_SIDE), too_small."""
    if not data:
        raise LogoError("empty")
    if len(data) > MAX_BYTES:
        raise LogoError("too_large", size=len(data))
    try:
        with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
            width, height = image.size
            kind = image.format
            if width > MAX_SIDE or height > MAX_SIDE:
                raise LogoError("too_wide", width=width, height=height)
            image.verify()          # the file's structure and checksums
        with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
            image.load()            # and every pixel decodes
    except LogoError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise LogoError("not_an_image") from None
    if kind not in FORMATS:
        raise LogoError("not_an_image")
    if width < MIN_SIDE or height < MIN_SIDE:
        raise LogoError("too_small", width=width, height=height)
    return Checked(data, hashlib.sha256(data).hexdigest(), FORMATS[kind][0], width, height)


def store(checked: Checked) -> Logo:
    """The stored logo with `checked`'s digest (stored now when it was not yet)."""
    found = Logo.get_or_none(Logo.digest == checked.digest)
    if found is not None:
        return found
    return Logo.create(digest=checked.digest, content_type=checked.content_type,
                       data_base64=base64.b64encode(checked.data).decode("ascii"),
                       width=checked.width, height=checked.height)


def find(digest: str) -> Logo | None:
    return Logo.get_or_none(Logo.digest == digest) if digest else None


def find_meta(digest: str) -> Logo | None:
    """The stored logo without its image (for links to it on every page), or None."""
    if not digest:
        return None
    return (Logo.select(Logo.id, Logo.digest, Logo.content_type, Logo.width, Logo.height)
            .where(Logo.digest == digest).first())


def image_bytes(logo: Logo) -> bytes:
    return base64.b64decode(logo.data_base64)


def extension(logo: Logo) -> str:
    return "png" if logo.content_type == "image/png" else "jpg"
