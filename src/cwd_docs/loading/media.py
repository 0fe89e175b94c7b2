"""Images in documents: a validated path type for input models and a marker for templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError


def _check_image(value: Path, info: ValidationInfo) -> Path:
    from .paths import escapes, outside_message, symlink_problem
    from ..problems import quoted

    context = info.context or {}
    base = Path(context.get("base_dir", "."))
    path = value if value.is_absolute() else base / value
    # Confined to the input's folder (root, else base_dir) when one is known; a model built in code
    # without a context takes any path.
    root = context.get("root", context.get("base_dir"))
    if root is not None and escapes(path, Path(root)):
        raise PydanticCustomError("input.outside", outside_message(quoted(str(value)), Path(root)), {})
    broken_link = symlink_problem(path)
    if broken_link:
        raise PydanticCustomError("image.missing", "nie można otworzyć pliku obrazu {value}: {reason}",
                                  {"value": quoted(str(value)), "reason": broken_link})
    if not path.is_file():
        raise PydanticCustomError("image.missing", "nie znaleziono pliku obrazu '{value}' (szukano: {path})",
                                  {"value": str(value), "path": str(path)})
    _check_image_size(path, info, pixels=None)  # before reading it: python-docx reads the whole file
    from docx.image.image import Image  # parses the header as Word will need it

    try:
        image = Image.from_file(str(path))
    except Exception:
        raise PydanticCustomError(
            "image.unreadable",
            "plik '{value}' nie jest obrazem, który można wstawić do dokumentu (PNG, JPEG, GIF, BMP, TIFF)",
            {"value": str(value)}) from None
    if not _usable_size(image):
        # The renderer scales the image to a width from these: a zero would crash the build.
        raise PydanticCustomError(
            "image.degenerate",
            "obraz '{value}' ma w nagłówku zerowy rozmiar ({width}×{height} pikseli) albo zerową rozdzielczość "
            "(DPI); zapisz go ponownie w programie graficznym",
            {"value": str(value), "width": image.px_width, "height": image.px_height})
    _check_image_size(path, info, pixels=image.px_width * image.px_height)
    return path


def _usable_size(image: Any) -> bool:
    """Whether the header gives what scaling to a width needs: pixels and a density, none of them zero."""
    try:
        return image.px_width > 0 and image.px_height > 0 and image.width > 0 and image.height > 0
    except (ArithmeticError, ValueError, TypeError):  # a zero DPI divides by zero
        return False


def _check_image_size(path: Path, info: ValidationInfo, pixels: int | None) -> None:
    """Bytes and pixels of one image, and of all images of the command (loading/limits.py)."""
    from .limits import MAX_IMAGE_BYTES, InputBudget

    try:
        size = path.stat().st_size
    except OSError:
        raise PydanticCustomError("image.missing", "nie można odczytać pliku obrazu '{value}'",
                                  {"value": str(path)}) from None
    if pixels is None:
        if size <= MAX_IMAGE_BYTES:
            return
        budget = InputBudget()  # only the size is known yet: the limit of one image
    else:
        budget = (info.context or {}).get("input_budget") or InputBudget()
    refused = budget.charge_image(path, size, pixels or 0)
    if refused is not None:
        raise PydanticCustomError(refused[0], refused[1])


ImageFile = Annotated[Path, AfterValidator(_check_image),
                      WithJsonSchema({"type": "string", "description": "Ścieżka pliku PNG lub JPEG, "
                                                                       "względem pliku z danymi"})]


@dataclass(frozen=True)
class ImageRef:
    """Put one in a template context; the renderer turns it into an image of the given width."""

    path: Path
    width_mm: float = 160.0


def embed_images(value: Any, make_image: Any) -> Any:
    """Replace ImageRef markers inside dicts, lists and tuples of a context."""
    if isinstance(value, ImageRef):
        return make_image(value)
    if isinstance(value, dict):
        return {key: embed_images(item, make_image) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(embed_images(item, make_image) for item in value)
    return value
