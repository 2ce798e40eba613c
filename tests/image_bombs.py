"""Hostile images for tests and benchmarks: small files that cost a lot to decode.

- ``png_bomb``: a PNG of one colour, tiny on disk (a 1700×36000 one is ~180 KB) but
  245 MB of pixels once decoded; written row by row, so making it costs no memory.
- ``svg_use_bomb``: a 2 KB SVG whose nested ``<use>`` elements expand to 10**levels shapes.
- ``bomb_page``: a "Web page, complete" folder whose article shows ``count`` of them.
"""

import struct
import zlib
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_bomb(width: int = 1700, height: int = 36000, shade: int = 0x60) -> bytes:
    """An RGB PNG of one grey; ``shade`` varies the bytes so two bombs differ."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + bytes([shade, shade, shade]) * width
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def svg_use_bomb(levels: int = 9, fan_out: int = 10) -> bytes:
    """Each group uses the one below ``fan_out`` times: fan_out**levels rectangles."""
    groups = ['<g id="l0"><rect width="1" height="1" fill="#345"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}" x="{n}"/>' for n in range(fan_out))
        groups.append(f'<g id="l{level}">{uses}</g>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="800" height="600" viewBox="0 0 100 100">'
        f"<defs>{''.join(groups)}</defs>"
        f'<use xlink:href="#l{levels}"/></svg>'
    ).encode()


def bomb_page(folder: Path, images: list[bytes], suffix: str = "png") -> Path:
    """A saved page (page.html + page_files/) whose article shows ``images`` in turn."""
    files = folder / "page_files"
    files.mkdir(parents=True, exist_ok=True)
    figures = []
    for index, data in enumerate(images):
        (files / f"image{index}.{suffix}").write_bytes(data)
        figures.append(
            f"<p>Part {index}: the harbour at dawn, the boats coming in, gulls over the nets "
            "and the market opening while the fog lifts from the water.</p>"
            f'<figure><img src="page_files/image{index}.{suffix}" alt="Photo {index}">'
            f"<figcaption>Photo {index}</figcaption></figure>"
        )
    page = folder / "page.html"
    page.write_text(
        "<html><head><title>A long photo essay</title></head><body><article>"
        "<h1>A long photo essay</h1>" + "".join(figures) + "</article></body></html>",
        encoding="utf-8",
    )
    return page
